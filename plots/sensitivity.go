package plots

// sensitivity draws the figures sensitivity (loss, accuracy and both forms
// of sensitivity against batch size, three panels sharing a log x axis) and
// sharpness (sharpness against batch size).
func sensitivity(dir string) ([]*figure, error) {
	res, err := readTable(dir, "results.csv", "batch_size", "train_loss", "train_acc", "test_loss", "test_acc", "sensitivity", "loss_grad_norm", "sharpness")
	if err != nil {
		return nil, err
	}
	loss, err := trainTest(res, "batch_size", "loss", "loss (cross-entropy)", logScale, linear, true)
	if err != nil {
		return nil, err
	}
	acc, err := trainTest(res, "batch_size", "acc", "accuracy", logScale, linear, true)
	if err != nil {
		return nil, err
	}
	loss.plot.X.Label.Text, acc.plot.X.Label.Text = "batch size", "batch size"
	c, err := res.columns("batch_size", "sensitivity", "loss_grad_norm", "sharpness")
	if err != nil {
		return nil, err
	}
	sens := newPanel("batch size", "sensitivity", logScale, logScale)
	forms := []struct {
		ys    []float64
		label string
	}{
		{c[1], "‖∂softmax/∂x‖ (Frobenius)"},
		{c[2], "‖∂loss/∂x‖ (Frobenius)"},
	}
	for i, f := range forms {
		s := series{label: f.label, color: seriesColor(2 + i), line: true, shape: glyphShape(2 + i)}
		if err := sens.add(sortedByX(xys(c[0], f.ys, logScale, logScale)), s); err != nil {
			return nil, err
		}
	}
	sharp := newPanel("batch size", "sharpness (ε = 1e-3)", logScale, linear)
	if err := sharp.add(sortedByX(xys(c[0], c[3], logScale, linear)), series{color: seriesColor(4), line: true, shape: glyphShape(0)}); err != nil {
		return nil, err
	}
	budget := ""
	switch manifestConfig(dir)["budget"] {
	case "epochs":
		budget = " (equal epochs)"
	case "steps":
		budget = " (equal steps)"
	}
	return []*figure{
		newFigure("sensitivity", "Loss, accuracy and sensitivity against batch size"+budget, loss, acc, sens),
		newFigure("sharpness", "Sharpness against batch size"+budget, sharp),
	}, nil
}
