package plots

// randomLabels draws the figure random-labels: train and test loss per
// epoch above train and test accuracy.
func randomLabels(dir string) ([]*figure, error) {
	hist, err := readTable(dir, "history.csv", "epoch", "train_loss", "train_acc", "test_loss", "test_acc")
	if err != nil {
		return nil, err
	}
	loss, err := trainTest(hist, "epoch", "loss", "loss (cross-entropy)", linear, logScale, false)
	if err != nil {
		return nil, err
	}
	acc, err := trainTest(hist, "epoch", "acc", "accuracy", linear, linear, false)
	if err != nil {
		return nil, err
	}
	return []*figure{newFigure("random-labels", "MNIST with random training labels", loss, acc)}, nil
}

// trainTest plots train_<metric> and test_<metric> of t against column x:
// train solid, test dashed, with markers if points is set.
func trainTest(t *source, x, metric, yLabel string, sx, sy scale, points bool) (*panel, error) {
	c, err := t.columns(x, "train_"+metric, "test_"+metric)
	if err != nil {
		return nil, err
	}
	p := newPanel(x, yLabel, sx, sy)
	train := series{label: "train", color: seriesColor(0), line: true}
	test := series{label: "test", color: seriesColor(1), line: true, dashes: dashed()}
	if points {
		train.shape, test.shape = glyphShape(0), glyphShape(1)
	}
	if err := p.add(sortedByX(xys(c[0], c[1], sx, sy)), train); err != nil {
		return nil, err
	}
	if err := p.add(sortedByX(xys(c[0], c[2], sx, sy)), test); err != nil {
		return nil, err
	}
	return p, nil
}
