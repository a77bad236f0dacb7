package plots

import "hw1/runner/results"

// randomLabels draws the figure random-labels: train and test loss per
// epoch above train and test accuracy; over seeds the mean and the spread
// (history.csv is aggregated; the labels, which are not, are not drawn).
func randomLabels(f folder) ([]*figure, error) {
	hist, err := f.table(results.RandomLabelsHistory)
	if err != nil {
		return nil, err
	}
	loss, err := trainTest(hist, results.ColEpoch, "epoch", lossCols, "loss (cross-entropy)", linear, logScale, false)
	if err != nil {
		return nil, err
	}
	acc, err := trainTest(hist, results.ColEpoch, "epoch", accCols, "accuracy", linear, linear, false)
	if err != nil {
		return nil, err
	}
	return []*figure{newFigure("random-labels", "MNIST with random training labels", loss, acc)}, nil
}

// trainTestCols names the train and the test column of one metric.
type trainTestCols struct{ train, test string }

// The metrics that the history and results tables hold for both sets.
var (
	lossCols = trainTestCols{results.ColTrainLoss, results.ColTestLoss}
	accCols  = trainTestCols{results.ColTrainAcc, results.ColTestAcc}
)

// trainTest plots the metric's train and test columns of t against column
// x (labelled xLabel): train solid, test dashed, with markers if points is
// set.
func trainTest(t *source, x, xLabel string, metric trainTestCols, yLabel string, sx, sy scale, points bool) (*panel, error) {
	p := newPanel(xLabel, yLabel, sx, sy)
	train := series{label: "train", color: seriesColor(0), line: true}
	test := series{label: "test", color: seriesColor(1), line: true, dashes: dashed()}
	if points {
		train.shape, test.shape = glyphShape(0), glyphShape(1)
	}
	if err := p.curve(t, x, metric.train, train); err != nil {
		return nil, err
	}
	if err := p.curve(t, x, metric.test, test); err != nil {
		return nil, err
	}
	return p, nil
}
