package plots

import "hw1/runner/results"

// paramCount draws the figures loss-vs-params and accuracy-vs-params: the
// final train and test values of each model against its parameter count
// (log x); over seeds the mean and the spread.
func paramCount(f folder) ([]*figure, error) {
	res, err := f.table(results.ParamCountResults)
	if err != nil {
		return nil, err
	}
	loss, err := trainTest(res, results.ColParams, "parameters", lossCols, "loss (cross-entropy)", logScale, linear, true)
	if err != nil {
		return nil, err
	}
	acc, err := trainTest(res, results.ColParams, "parameters", accCols, "accuracy", logScale, linear, true)
	if err != nil {
		return nil, err
	}
	return []*figure{
		newFigure("loss-vs-params", "Final loss against number of parameters", loss),
		newFigure("accuracy-vs-params", "Final accuracy against number of parameters", acc),
	}, nil
}
