package plots

// paramCount draws the figures loss-vs-params and accuracy-vs-params: the
// final train and test values of each model against its parameter count
// (log x).
func paramCount(dir string) ([]*figure, error) {
	res, err := readTable(dir, "results.csv", "model", "params", "train_loss", "train_acc", "test_loss", "test_acc")
	if err != nil {
		return nil, err
	}
	loss, err := trainTest(res, "params", "loss", "loss (cross-entropy)", logScale, linear, true)
	if err != nil {
		return nil, err
	}
	loss.plot.X.Label.Text = "parameters"
	acc, err := trainTest(res, "params", "acc", "accuracy", logScale, linear, true)
	if err != nil {
		return nil, err
	}
	acc.plot.X.Label.Text = "parameters"
	return []*figure{
		newFigure("loss-vs-params", "Final loss against number of parameters", loss),
		newFigure("accuracy-vs-params", "Final accuracy against number of parameters", acc),
	}, nil
}
