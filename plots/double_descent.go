package plots

import (
	"math"

	"hw1/runner/results"
)

// doubleDescent draws the figure double-descent: test error (solid) and
// training error (dashed) against the trained parameters (log x), a
// colour per label noise and a line per draw, over the test loss (log y);
// a vertical line marks the interpolation threshold found in the table.
func doubleDescent(f folder) ([]*figure, error) {
	res, err := f.table(results.DoubleDescentResults)
	if err != nil {
		return nil, err
	}
	errs := newPanel("parameters (features × 10)", "error", logScale, linear)
	loss := newPanel("parameters (features × 10)", "test loss (squared, log)", logScale, logScale)
	noises, err := res.distinct(results.ColLabelNoise)
	if err != nil {
		return nil, err
	}
	for i, noise := range noises {
		rows, err := res.where(results.ColLabelNoise, noise)
		if err != nil {
			return nil, err
		}
		draws, err := rows.distinct(results.ColDraw)
		if err != nil {
			return nil, err
		}
		for j, d := range draws {
			one, err := rows.where(results.ColDraw, d)
			if err != nil {
				return nil, err
			}
			label := ""
			if j == 0 {
				label = "label noise " + noise
			}
			test := series{label: label, color: seriesColor(i), line: true, shape: glyphShape(i)}
			train := series{color: seriesColor(i), line: true, dashes: dashed()}
			if err := errs.curve(one, results.ColParams, results.ColTestError, test); err != nil {
				return nil, err
			}
			if err := errs.curve(one, results.ColParams, results.ColTrainError, train); err != nil {
				return nil, err
			}
			if err := loss.curve(one, results.ColParams, results.ColTestLoss, series{label: label, color: seriesColor(i), line: true}); err != nil {
				return nil, err
			}
		}
	}
	errs.key("test", nil)
	errs.key("train", dashed())
	if at, ok := threshold(res); ok {
		errs.mark(at)
		loss.mark(at)
	}
	title := "Double descent: error against size, random-features networks on MNIST"
	return []*figure{newFigure("double-descent", title, errs, loss)}, nil
}

// threshold is the interpolation threshold of the table's clean series
// (label noise 0): the fewest parameters whose training loss is below
// results.InterpolationLoss; ok is false when no clean fit interpolates.
// Over seeds it is the fewest parameters at which a seed's fit
// interpolates (the loss's minimum over the seeds), as each seed's
// finding finds it: at exactly n features a fit is ill-conditioned, and
// one seed's loss above the bound can lift the mean over it.
func threshold(res *source) (float64, bool) {
	clean, err := res.where(results.ColLabelNoise, "0")
	if err != nil {
		return 0, false
	}
	params, err := clean.floats(results.ColParams)
	if err != nil {
		return 0, false
	}
	loss := results.ColTrainLoss
	if clean.agg {
		loss += results.SuffixMin
	}
	losses, err := clean.t.Floats(loss)
	if err != nil {
		return 0, false
	}
	c := [][]float64{params, losses}
	at := math.Inf(1)
	for i, p := range c[0] {
		if c[1][i] < results.InterpolationLoss {
			at = math.Min(at, p)
		}
	}
	return at, !math.IsInf(at, 1)
}
