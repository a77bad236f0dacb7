package plots

import (
	"fmt"
	"strconv"

	"hw1/runner/results"
)

// interpolation draws one figure per pair of curve.csv
// (interpolation-<pair>): loss (log y) above accuracy against alpha, train
// and test, for the parameters (1-α)·θ1 + α·θ2.
func interpolation(dir string) ([]*figure, error) {
	curve, err := readTable(dir, "curve.csv", "pair", "alpha", "train_loss", "train_acc", "test_loss", "test_acc")
	if err != nil {
		return nil, err
	}
	pairs, err := curve.distinct("pair")
	if err != nil {
		return nil, err
	}
	config := manifestConfig(dir)
	var figs []*figure
	for _, pair := range pairs {
		rows, err := curve.where("pair", pair)
		if err != nil {
			return nil, err
		}
		loss, err := trainTest(rows, "alpha", "loss", "loss (cross-entropy)", linear, logScale, true)
		if err != nil {
			return nil, err
		}
		acc, err := trainTest(rows, "alpha", "acc", "accuracy", linear, linear, true)
		if err != nil {
			return nil, err
		}
		for _, p := range []*panel{loss, acc} {
			p.mark(0)
			p.mark(1)
		}
		acc.plot.X.Label.Text = "α (0: first model θ1, 1: second model θ2)"
		title := fmt.Sprintf("Interpolation (1−α)·θ1 + α·θ2: %s", pairTitle(pair, config))
		figs = append(figs, newFigure("interpolation-"+slug(pair), title, loss, acc))
	}
	return figs, nil
}

// pairTitle names what differs between the two models of a pair, with the
// values from the run's configuration when the manifest has them (keys
// batch_size and large_batch_size, lr and high_lr), e.g. "batch 64 (α=0)
// vs 1024 (α=1)"; otherwise "pair batch".
func pairTitle(pair string, config map[string]any) string {
	keys := map[string][3]string{
		"batch": {"batch", "batch_size", "large_batch_size"},
		"lr":    {"learning rate", "lr", "high_lr"},
	}
	k, ok := keys[pair]
	if !ok {
		return "pair " + pair
	}
	a, okA := config[k[1]].(float64)
	b, okB := config[k[2]].(float64)
	if !okA || !okB {
		return "pair " + pair
	}
	return fmt.Sprintf("%s %s (α=0) vs %s (α=1)", k[0], strconv.FormatFloat(a, 'g', -1, 64), strconv.FormatFloat(b, 'g', -1, 64))
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
