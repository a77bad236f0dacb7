package plots

import "hw1/runner/results"

// sensitivity draws the figures sensitivity (loss, accuracy and both forms
// of sensitivity against batch size, three panels sharing a log x axis) and
// sharpness (sharpness against batch size).
func sensitivity(dir string) ([]*figure, error) {
	res, err := readTable(dir, results.SensitivityResults)
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
	c, err := res.columns(results.ColBatchSize, results.ColSensitivity, results.ColLossGradNorm, results.ColSharpness)
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
