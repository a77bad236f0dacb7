package plots

import (
	"fmt"
	"strconv"

	"hw1/runner/results"
)

// interpolation draws one figure per pair of the curve table
// (interpolation-<pair>): loss (log y) above accuracy against alpha, train
// and test, for the parameters (1-α)·θ1 + α·θ2. The title names the two
// models of the pair from the models table when it is there. Over seeds
// the curves show the mean and the spread.
func interpolation(f folder) ([]*figure, error) {
	curve, err := f.table(results.InterpolationCurve)
	if err != nil {
		return nil, err
	}
	pairs, err := curve.distinct(results.ColPair)
	if err != nil {
		return nil, err
	}
	models, err := f.optionalTable(results.InterpolationModels)
	if err != nil {
		return nil, err
	}
	ends, err := endpoints(models)
	if err != nil {
		return nil, err
	}
	var figs []*figure
	for _, pair := range pairs {
		rows, err := curve.where(results.ColPair, pair)
		if err != nil {
			return nil, err
		}
		loss, err := trainTest(rows, results.ColAlpha, "α", lossCols, "loss (cross-entropy)", linear, logScale, true)
		if err != nil {
			return nil, err
		}
		acc, err := trainTest(rows, results.ColAlpha, "α (0: first model θ1, 1: second model θ2)", accCols, "accuracy", linear, linear, true)
		if err != nil {
			return nil, err
		}
		for _, p := range []*panel{loss, acc} {
			p.mark(0)
			p.mark(1)
		}
		title := fmt.Sprintf("Interpolation (1−α)·θ1 + α·θ2: %s", pairTitle(pair, ends))
		figs = append(figs, newFigureOf("interpolation", "pair", pair, title, loss, acc))
	}
	return figs, nil
}

// setting is how one end point was trained.
type setting struct{ batchSize, lr float64 }

// endpoints returns the trained end points of the models table in its
// order (the runner's training order), or none without the table.
func endpoints(models *source) ([]setting, error) {
	if models == nil {
		return nil, nil
	}
	c, err := models.columns(results.ColBatchSize, results.ColLR)
	if err != nil {
		return nil, err
	}
	out := make([]setting, len(c[0]))
	for i := range out {
		out[i] = setting{batchSize: c[0][i], lr: c[1][i]}
	}
	return out, nil
}

// pairTitle names what differs between the two models of a pair, e.g.
// "batch 64 (α=0) vs 1024 (α=1)". The first end point is the base model,
// alpha 0 of both pairs; alpha 1 of pair batch is the first other end point
// with the base's learning rate and another batch size, that of pair lr the
// first with the base's batch size and another learning rate. Without such
// an end point the title says just "pair batch".
func pairTitle(pair string, ends []setting) string {
	if len(ends) > 0 {
		base := ends[0]
		for _, e := range ends[1:] {
			switch {
			case pair == results.PairBatch && e.lr == base.lr && e.batchSize != base.batchSize:
				return fmt.Sprintf("batch %s (α=0) vs %s (α=1)", number(base.batchSize), number(e.batchSize))
			case pair == results.PairLR && e.batchSize == base.batchSize && e.lr != base.lr:
				return fmt.Sprintf("learning rate %s (α=0) vs %s (α=1)", number(base.lr), number(e.lr))
			}
		}
	}
	return "pair " + pair
}

// number writes v in the shortest form that reads back exactly, as the
// tables do.
func number(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
