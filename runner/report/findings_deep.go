package report

import (
	"fmt"
	"math"
	"strings"
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

// functionFitFindings: per function, the final loss of each model, the
// lowest, and the ratio shallowest/deepest.
func functionFitFindings(dir string) ([]Finding, error) {
	mt := readTable(dir, "models.csv", "model", "hidden_layers", "params")
	names := mt.strings("model")
	hidden := mt.floats("hidden_layers")
	lt := readTable(dir, "loss.csv", "function", "model", "epoch", "loss")
	functions := lt.distinct("function")
	if mt.err != nil {
		return nil, mt.err
	}
	if lt.err != nil {
		return nil, lt.err
	}
	depth := map[string]float64{}
	for i, n := range names {
		depth[n] = hidden[i]
	}
	var out []Finding
	for _, fn := range functions {
		sub := lt.where("function", fn)
		models := lt.stringsOf(sub, "model")
		epochs := lt.floatsOf(sub, "epoch")
		losses := lt.floatsOf(sub, "loss")
		if lt.err != nil {
			return nil, lt.err
		}
		last := lastEpochRow(models, epochs)
		var parts []string
		var shallow, deep string
		best := ""
		for _, m := range names { // models.csv order
			i, ok := last[m]
			if !ok {
				continue
			}
			parts = append(parts, fmt.Sprintf("%s (%s hidden, epoch %s) %s", m, count(depth[m]), count(epochs[i]), num(losses[i])))
			if shallow == "" || depth[m] < depth[shallow] {
				shallow = m
			}
			if deep == "" || depth[m] > depth[deep] {
				deep = m
			}
			if best == "" || losses[i] < losses[last[best]] {
				best = m
			}
		}
		for m := range last {
			if _, ok := depth[m]; !ok {
				return nil, fmt.Errorf("%s: model %q of loss.csv is not in models.csv", dir, m)
			}
		}
		f := Finding{
			Statement: fmt.Sprintf("%s, final training loss (MSE) per model: %s. Lowest: %s.", fn, strings.Join(parts, ", "), best),
			Literature: "The assignment's reference runs: deeper models of equal parameter count fit sinc better " +
				"(MSE ~1e-6 with the deepest model after 20,000 epochs).",
			Rule:  "yes if the deepest model's final loss is below the shallowest (1-hidden-layer) model's, else no",
			Value: math.NaN(),
		}
		if fn != "sinc" {
			f.Literature = "The assignment's reference runs (shown for sinc): deeper models of equal parameter count fit better " +
				"(MSE ~1e-6 with the deepest model after 20,000 epochs)."
		}
		if shallow == deep {
			f.Agrees = AgreesNA
			f.Rule = "n/a: all models have the same depth"
		} else {
			ls, ld := losses[last[shallow]], losses[last[deep]]
			f.Value = ls / ld
			f.Statement += fmt.Sprintf(" Final loss shallowest/deepest (%s/%s): %s.", shallow, deep, num(f.Value))
			f.Agrees = agreeIf(ld < ls)
		}
		out = append(out, f)
	}
	return out, nil
}

// mnistDepthFindings: final test accuracy per model; whether the deeper is
// higher.
func mnistDepthFindings(dir string) ([]Finding, error) {
	mt := readTable(dir, "models.csv", "model", "conv_layers", "dense_layers", "params")
	names := mt.strings("model")
	conv := mt.floats("conv_layers")
	dense := mt.floats("dense_layers")
	params := mt.floats("params")
	ht := readTable(dir, "history.csv", "model", "epoch", "test_acc")
	hm := ht.strings("model")
	epochs := ht.floats("epoch")
	acc := ht.floats("test_acc")
	if mt.err != nil {
		return nil, mt.err
	}
	if ht.err != nil {
		return nil, ht.err
	}
	last := lastEpochRow(hm, epochs)
	depth := map[string]float64{}
	var parts []string
	var shallow, deep, best string
	for i, m := range names {
		depth[m] = conv[i] + dense[i]
		j, ok := last[m]
		if !ok {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (%s conv + %s dense layers, %s params) %s after %s epochs",
			m, count(conv[i]), count(dense[i]), count(params[i]), pct(acc[j]), count(epochs[j])))
		if shallow == "" || depth[m] < depth[shallow] {
			shallow = m
		}
		if deep == "" || depth[m] > depth[deep] {
			deep = m
		}
		if best == "" || acc[j] > acc[last[best]] {
			best = m
		}
	}
	for m := range last {
		if _, ok := depth[m]; !ok {
			return nil, fmt.Errorf("%s: model %q of history.csv is not in models.csv", dir, m)
		}
	}
	f := Finding{
		Statement: "Final test accuracy: " + strings.Join(parts, "; ") + ".",
		Literature: "Deeper CNNs of similar parameter count reach higher accuracy; the homework's report: " +
			"both models converge after about 55 epochs, at about 99% test accuracy.",
		Rule:  "yes if the deepest model has the highest final test accuracy; partly if it beats the shallowest but not every model; else no",
		Value: math.NaN(),
	}
	if shallow == "" || shallow == deep || depth[shallow] == depth[deep] {
		f.Agrees = AgreesNA
		f.Rule = "n/a: fewer than two models of different depth"
		return []Finding{f}, nil
	}
	as, ad := acc[last[shallow]], acc[last[deep]]
	f.Value = ad
	diff := 100 * (ad - as)
	word := "above"
	if diff < 0 {
		word = "below"
	}
	f.Statement += fmt.Sprintf(" The deepest (%s) is %.1f points %s the shallowest (%s).", deep, math.Abs(diff), word, shallow)
	switch {
	case ad > as && ad >= acc[last[best]]:
		f.Agrees = AgreesYes
	case ad > as:
		f.Agrees = AgreesPartly
	default:
		f.Agrees = AgreesNo
	}
	return []Finding{f}, nil
}
