package plots

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot/vg"

	"hw1/runner/results"
)

// functionFit draws, for every function in loss.csv and predictions.csv, the
// loss per epoch of each model (loss-<function>) and each model's prediction
// over the ground truth (fit-<function>). Over seeds both show the mean and
// the spread (panel.curve).
func functionFit(f folder) ([]*figure, error) {
	models, err := f.table(results.FunctionFitModels)
	if err != nil {
		return nil, err
	}
	names, err := modelNames(models, func(row map[string]string) string {
		return fmt.Sprintf("%s (%s, %s)", row[results.ColModel], count(row[results.ColHiddenLayers], "hidden layer"), count(row[results.ColParams], "param"))
	})
	if err != nil {
		return nil, err
	}
	loss, err := f.table(results.FunctionFitLoss)
	if err != nil {
		return nil, err
	}
	preds, err := f.table(results.FunctionFitPredictions)
	if err != nil {
		return nil, err
	}

	var lossFigs, fitFigs []*figure
	functions, err := loss.distinct(results.ColFunction)
	if err != nil {
		return nil, err
	}
	for _, fn := range functions {
		fig, err := functionLoss(loss, fn, names)
		if err != nil {
			return nil, err
		}
		lossFigs = append(lossFigs, fig)
	}
	functions, err = preds.distinct(results.ColFunction)
	if err != nil {
		return nil, err
	}
	for _, fn := range functions {
		fig, err := functionPrediction(preds, fn, names)
		if err != nil {
			return nil, err
		}
		fitFigs = append(fitFigs, fig)
	}
	return append(lossFigs, fitFigs...), nil
}

// functionLoss is the figure loss-<fn>: training loss per epoch, one line
// per model, log y.
func functionLoss(loss *source, fn string, names func(string) string) (*figure, error) {
	rows, err := loss.where(results.ColFunction, fn)
	if err != nil {
		return nil, err
	}
	p := newPanel("epoch", "loss (MSE)", linear, logScale)
	models, err := rows.distinct(results.ColModel)
	if err != nil {
		return nil, err
	}
	for i, m := range models {
		mr, err := rows.where(results.ColModel, m)
		if err != nil {
			return nil, err
		}
		if err := p.curve(mr, results.ColEpoch, results.ColLoss, series{label: names(m), color: seriesColor(i), line: true}); err != nil {
			return nil, err
		}
	}
	return newFigureOf("loss", "function", fn, fmt.Sprintf("Training loss on %s", fn), p), nil
}

// functionPrediction is the figure fit-<fn>: the ground truth as a thick
// grey line and each model's prediction against x.
func functionPrediction(preds *source, fn string, names func(string) string) (*figure, error) {
	rows, err := preds.where(results.ColFunction, fn)
	if err != nil {
		return nil, err
	}
	p := newPanel("x", "y", linear, linear)
	models, err := rows.distinct(results.ColModel)
	if err != nil {
		return nil, err
	}
	for i, m := range models {
		mr, err := rows.where(results.ColModel, m)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			truth := series{label: "ground truth", color: color.Gray{Y: 0x30}, width: vg.Points(3), line: true}
			if err := p.curve(mr, results.ColX, results.ColYTrue, truth); err != nil {
				return nil, err
			}
		}
		pred := series{label: names(m), color: seriesColor(i), line: true, dashes: predictionDashes(i)}
		if err := p.curve(mr, results.ColX, results.ColYPred, pred); err != nil {
			return nil, err
		}
	}
	return newFigureOf("fit", "function", fn, fmt.Sprintf("Prediction against ground truth: %s", fn), p), nil
}

// predictionDashes tells overlapping predictions apart by line style as
// well as colour.
func predictionDashes(i int) []vg.Length {
	switch i % 3 {
	case 1:
		return dashed()
	case 2:
		return []vg.Length{vg.Points(1.5), vg.Points(2)}
	}
	return nil
}

// modelNames returns a function that maps a model's name to its legend
// label, built from the model's row of a models table by label (the row by
// column name); a model missing from the table keeps its plain name.
func modelNames(models *source, label func(row map[string]string) string) (func(string) string, error) {
	if _, err := models.strings(results.ColModel); err != nil {
		return nil, err
	}
	labels := map[string]string{}
	for _, r := range models.t.Rows {
		row := map[string]string{}
		for j, c := range models.t.Columns {
			if j < len(r) {
				row[c] = r[j]
			}
		}
		if _, dup := labels[row[results.ColModel]]; !dup {
			labels[row[results.ColModel]] = label(row)
		}
	}
	return func(m string) string {
		if l, ok := labels[m]; ok {
			return l
		}
		return m
	}, nil
}
