package plots

import "fmt"

// mnistDepth draws the figures loss and accuracy: per epoch, every model,
// train solid and test dashed.
func mnistDepth(dir string) ([]*figure, error) {
	models, err := readTable(dir, "models.csv", "model", "conv_layers", "dense_layers", "params")
	if err != nil {
		return nil, err
	}
	names, err := modelNames(models, func(row map[string]string) string {
		return fmt.Sprintf("%s (%s conv + %s dense layers, %s)", row["model"], row["conv_layers"], row["dense_layers"], count(row["params"], "param"))
	})
	if err != nil {
		return nil, err
	}
	hist, err := readTable(dir, "history.csv", "model", "epoch", "train_loss", "train_acc", "test_loss", "test_acc")
	if err != nil {
		return nil, err
	}
	loss, err := trainTestByModel(hist, names, "loss", "loss (cross-entropy)", logScale)
	if err != nil {
		return nil, err
	}
	acc, err := trainTestByModel(hist, names, "acc", "accuracy", linear)
	if err != nil {
		return nil, err
	}
	return []*figure{
		newFigure("loss", "MNIST: loss per epoch", loss),
		newFigure("accuracy", "MNIST: accuracy per epoch", acc),
	}, nil
}

// trainTestByModel plots train_<metric> (solid) and test_<metric> (dashed)
// per epoch for every model of hist, one colour per model.
func trainTestByModel(hist *source, names func(string) string, metric, yLabel string, sy scale) (*panel, error) {
	p := newPanel("epoch", yLabel, linear, sy)
	models, err := hist.distinct("model")
	if err != nil {
		return nil, err
	}
	for i, m := range models {
		rows, err := hist.where("model", m)
		if err != nil {
			return nil, err
		}
		c, err := rows.columns("epoch", "train_"+metric, "test_"+metric)
		if err != nil {
			return nil, err
		}
		if err := p.add(xys(c[0], c[1], linear, sy), series{label: names(m), color: seriesColor(i), line: true}); err != nil {
			return nil, err
		}
		if err := p.add(xys(c[0], c[2], linear, sy), series{color: seriesColor(i), line: true, dashes: dashed()}); err != nil {
			return nil, err
		}
	}
	p.key("train", nil)
	p.key("test", dashed())
	return p, nil
}
