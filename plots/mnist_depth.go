package plots

import (
	"fmt"

	"hw1/runner/results"
)

// mnistDepth draws the figures loss and accuracy: per epoch, every model,
// train solid and test dashed; over seeds the mean and the spread.
func mnistDepth(f folder) ([]*figure, error) {
	models, err := f.table(results.MNISTDepthModels)
	if err != nil {
		return nil, err
	}
	names, err := modelNames(models, func(row map[string]string) string {
		return fmt.Sprintf("%s (%s conv + %s dense layers, %s)", row[results.ColModel], row[results.ColConvLayers], row[results.ColDenseLayers], count(row[results.ColParams], "param"))
	})
	if err != nil {
		return nil, err
	}
	hist, err := f.table(results.MNISTDepthHistory)
	if err != nil {
		return nil, err
	}
	loss, err := trainTestByModel(hist, names, lossCols, "loss (cross-entropy)", logScale)
	if err != nil {
		return nil, err
	}
	acc, err := trainTestByModel(hist, names, accCols, "accuracy", linear)
	if err != nil {
		return nil, err
	}
	return []*figure{
		newFigure("loss", "MNIST: loss per epoch", loss),
		newFigure("accuracy", "MNIST: accuracy per epoch", acc),
	}, nil
}

// trainTestByModel plots the metric's train (solid) and test (dashed)
// column per epoch for every model of hist, one colour per model.
func trainTestByModel(hist *source, names func(string) string, metric trainTestCols, yLabel string, sy scale) (*panel, error) {
	p := newPanel("epoch", yLabel, linear, sy)
	models, err := hist.distinct(results.ColModel)
	if err != nil {
		return nil, err
	}
	for i, m := range models {
		rows, err := hist.where(results.ColModel, m)
		if err != nil {
			return nil, err
		}
		if err := p.curve(rows, results.ColEpoch, metric.train, series{label: names(m), color: seriesColor(i), line: true}); err != nil {
			return nil, err
		}
		if err := p.curve(rows, results.ColEpoch, metric.test, series{color: seriesColor(i), line: true, dashes: dashed()}); err != nil {
			return nil, err
		}
	}
	p.key("train", nil)
	p.key("test", dashed())
	return p, nil
}
