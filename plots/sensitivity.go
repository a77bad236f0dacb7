package plots

import "hw1/runner/results"

// sensitivity draws the figures sensitivity (loss, accuracy and both forms
// of sensitivity against batch size, three panels sharing a log x axis) and
// sharpness (sharpness against batch size); over seeds the mean and the
// spread.
func sensitivity(f folder) ([]*figure, error) {
	res, err := f.table(results.SensitivityResults)
	if err != nil {
		return nil, err
	}
	loss, err := trainTest(res, results.ColBatchSize, "batch size", lossCols, "loss (cross-entropy)", logScale, linear, true)
	if err != nil {
		return nil, err
	}
	acc, err := trainTest(res, results.ColBatchSize, "batch size", accCols, "accuracy", logScale, linear, true)
	if err != nil {
		return nil, err
	}
	sens := newPanel("batch size", "sensitivity", logScale, logScale)
	forms := []struct{ column, label string }{
		{results.ColSensitivity, "‖∂softmax/∂x‖ (Frobenius)"},
		{results.ColLossGradNorm, "‖∂loss/∂x‖ (Frobenius)"},
	}
	for i, form := range forms {
		s := series{label: form.label, color: seriesColor(2 + i), line: true, shape: glyphShape(2 + i)}
		if err := sens.curve(res, results.ColBatchSize, form.column, s); err != nil {
			return nil, err
		}
	}
	sharp := newPanel("batch size", "sharpness (ε = 1e-3)", logScale, linear)
	if err := sharp.curve(res, results.ColBatchSize, results.ColSharpness, series{color: seriesColor(4), line: true, shape: glyphShape(0)}); err != nil {
		return nil, err
	}
	budget := ""
	switch manifestConfig(f.dir)["budget"] {
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

// manifestConfig returns the configuration in dir's manifest as generic
// JSON, or nil when there is none: titles then say less, nothing fails.
func manifestConfig(dir string) map[string]any {
	m, err := results.ReadManifest(dir)
	if err != nil {
		return nil
	}
	c, _ := m.Config.(map[string]any)
	return c
}
