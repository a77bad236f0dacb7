package report

import (
	"fmt"
	"math"
	"strings"

	"hw1/runner/results"
)

// lastEpochRow returns, for each group value, the row index with the
// largest epoch (the last one the run recorded).
func lastEpochRow(groups []string, epochs []float64) map[string]int {
	last := map[string]int{}
	for i, g := range groups {
		if j, ok := last[g]; !ok || epochs[i] >= epochs[j] {
			last[g] = i
		}
	}
	return last
}

// depthRow is one model of a depth comparison that has a final value.
type depthRow struct {
	model string
	spec  int // its row in the models table
	last  int // the row of its last epoch in the measured table
}

// depthComparison compares models of different depth by the value each has
// at its last recorded epoch.
type depthComparison struct {
	depth map[string]float64
	rows  []depthRow // the models with a final value, in models-table order
	// shallow and deep are the first shallowest and first deepest model
	// with a final value, best the first with the best value ("" if none).
	shallow, deep, best string
	value               map[string]float64 // final value by model
}

// compareDepth compares the models of a models table (names and depth, row
// by row) by a measured table's rows (model, epoch and value columns):
// each model's value at its last epoch; better(a, b) says whether value a
// beats b. measured names the measured table and models the models table
// for the error when the measured table has a model the models table lacks.
func compareDepth(names []string, depth []float64, model []string, epoch, value []float64,
	better func(a, b float64) bool, measured, models string) (depthComparison, error) {
	c := depthComparison{depth: map[string]float64{}, value: map[string]float64{}}
	for i, n := range names {
		c.depth[n] = depth[i]
	}
	for _, m := range model {
		if _, ok := c.depth[m]; !ok {
			return c, fmt.Errorf("model %q of %s is not in %s", m, measured, models)
		}
	}
	last := lastEpochRow(model, epoch)
	for i, m := range names {
		j, ok := last[m]
		if !ok {
			continue
		}
		c.rows = append(c.rows, depthRow{model: m, spec: i, last: j})
		c.value[m] = value[j]
		if c.shallow == "" || c.depth[m] < c.depth[c.shallow] {
			c.shallow = m
		}
		if c.deep == "" || c.depth[m] > c.depth[c.deep] {
			c.deep = m
		}
		if c.best == "" || better(value[j], c.value[c.best]) {
			c.best = m
		}
	}
	return c, nil
}

func lower(a, b float64) bool  { return a < b }
func higher(a, b float64) bool { return a > b }

// functionFitFindings: per function, the final loss of each model, the
// lowest, and the ratio shallowest/deepest.
func functionFitFindings(f *folder) ([]Finding, error) {
	mt := readTable(f, results.FunctionFitModels)
	names := mt.strings(results.ColModel)
	hidden := mt.floats(results.ColHiddenLayers)
	lt := readTable(f, results.FunctionFitLoss)
	functions := lt.distinct(results.ColFunction)
	if mt.err != nil {
		return nil, mt.err
	}
	if lt.err != nil {
		return nil, lt.err
	}
	var out []Finding
	for _, fn := range functions {
		sub := lt.where(results.ColFunction, fn)
		models := lt.stringsOf(sub, results.ColModel)
		epochs := lt.floatsOf(sub, results.ColEpoch)
		losses := lt.floatsOf(sub, results.ColLoss)
		if lt.err != nil {
			return nil, lt.err
		}
		c, err := compareDepth(names, hidden, models, epochs, losses, lower,
			results.FunctionFitLoss.File, results.FunctionFitModels.File)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.dir, err)
		}
		var parts []string
		for _, r := range c.rows {
			parts = append(parts, fmt.Sprintf("%s (%s hidden, epoch %s) %s", r.model, count(c.depth[r.model]), count(epochs[r.last]), num(losses[r.last])))
		}
		fd := Finding{
			Statement: fmt.Sprintf("%s, final training loss (MSE) per model: %s. Lowest: %s.", fn, strings.Join(parts, ", "), c.best),
			Literature: "The assignment's reference runs: deeper models of equal parameter count fit sinc better " +
				"(MSE ~1e-6 with the deepest model after 20,000 epochs).",
			Rule: "yes if the deepest model's final loss is the lowest of all; partly if it is below the shallowest " +
				"(1-hidden-layer) model's but a model of middle depth is lower still; else no",
			Value: math.NaN(),
		}
		if fn != "sinc" {
			fd.Literature = "The assignment's reference runs (shown for sinc): deeper models of equal parameter count fit better " +
				"(MSE ~1e-6 with the deepest model after 20,000 epochs)."
		}
		if c.shallow == c.deep {
			fd.Agrees = AgreesNA
			fd.Rule = "n/a: all models have the same depth"
		} else {
			ls, ld := c.value[c.shallow], c.value[c.deep]
			fd.Value = ls / ld
			fd.Statement += fmt.Sprintf(" Final loss shallowest/deepest (%s/%s): %s.", c.shallow, c.deep, num(fd.Value))
			switch {
			case ld < ls && c.best == c.deep:
				fd.Agrees = AgreesYes
			case ld < ls:
				fd.Agrees = AgreesPartly
				fd.Statement += fmt.Sprintf(" The deepest beats the shallowest, but %s, of middle depth, is lowest.", c.best)
			default:
				fd.Agrees = AgreesNo
			}
		}
		out = append(out, fd)
	}
	return out, nil
}

// mnistDepthFindings: final test accuracy per model; whether the deeper is
// higher.
func mnistDepthFindings(f *folder) ([]Finding, error) {
	mt := readTable(f, results.MNISTDepthModels)
	names := mt.strings(results.ColModel)
	conv := mt.floats(results.ColConvLayers)
	dense := mt.floats(results.ColDenseLayers)
	params := mt.floats(results.ColParams)
	ht := readTable(f, results.MNISTDepthHistory)
	hm := ht.strings(results.ColModel)
	epochs := ht.floats(results.ColEpoch)
	acc := ht.floats(results.ColTestAcc)
	if mt.err != nil {
		return nil, mt.err
	}
	if ht.err != nil {
		return nil, ht.err
	}
	depth := make([]float64, len(names))
	for i := range names {
		depth[i] = conv[i] + dense[i]
	}
	c, err := compareDepth(names, depth, hm, epochs, acc, higher,
		results.MNISTDepthHistory.File, results.MNISTDepthModels.File)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.dir, err)
	}
	var parts []string
	for _, r := range c.rows {
		i, j := r.spec, r.last
		parts = append(parts, fmt.Sprintf("%s (%s conv + %s dense layers, %s params) %s after %s epochs",
			r.model, count(conv[i]), count(dense[i]), count(params[i]), pct(acc[j]), count(epochs[j])))
	}
	shallow, deep := c.shallow, c.deep
	fd := Finding{
		Statement: "Final test accuracy: " + strings.Join(parts, "; ") + ".",
		Literature: "Deeper CNNs of similar parameter count reach higher accuracy; the homework's report: " +
			"both models converge after about 55 epochs, at about 99% test accuracy.",
		Rule:  "yes if the deepest model has the highest final test accuracy; partly if it beats the shallowest but not every model; else no",
		Value: math.NaN(),
	}
	if shallow == "" || shallow == deep || c.depth[shallow] == c.depth[deep] {
		fd.Agrees = AgreesNA
		fd.Rule = "n/a: fewer than two models of different depth"
		return []Finding{fd}, nil
	}
	as, ad := c.value[shallow], c.value[deep]
	fd.Value = ad
	diff := 100 * (ad - as)
	word := "above"
	if diff < 0 {
		word = "below"
	}
	fd.Statement += fmt.Sprintf(" The deepest (%s) is %.1f points %s the shallowest (%s).", deep, math.Abs(diff), word, shallow)
	switch {
	case ad > as && ad >= c.value[c.best]:
		fd.Agrees = AgreesYes
	case ad > as:
		fd.Agrees = AgreesPartly
	default:
		fd.Agrees = AgreesNo
	}
	return []Finding{fd}, nil
}
