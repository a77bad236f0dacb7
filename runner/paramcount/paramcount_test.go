package paramcount

import (
	"context"
	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"math"
	"slices"
	"testing"

	"hw1/graphs"
)

// Parameter counts of the two families, derived by hand:
//
//	cnn: conv1 5·5·1·w + w = 26w; conv2 5·5·w·2w + 2w = 50w² + 2w;
//	     dense1 (7·7·2w)·4w + 4w = 392w² + 4w; dense2 4w·10 + 10 = 40w + 10;
//	     total 442w² + 72w + 10.
//	mlp: 784w + w + w·w + w + 10w + 10 = w² + 796w + 10.
func cnnParams(w int) int { return 442*w*w + 72*w + 10 }
func mlpParams(w int) int { return w*w + 796*w + 10 }

// TestParamCountModels checks every profile's models: at least 10, their
// parameter counts as computed by hand, growing by a roughly constant
// factor (log-spaced) over at least two decades.
func TestParamCountModels(t *testing.T) {
	exp := Experiment()
	for _, profile := range []string{"smoke", "quick", "full"} {
		c, err := exp.Config(profile)
		if err != nil {
			t.Fatal(err)
		}
		cfg := c.(*paramCountConfig)
		if len(cfg.widths()) < 10 {
			t.Errorf("%s: %d models, want at least 10", profile, len(cfg.widths()))
		}
		var counts []int
		for _, w := range cfg.widths() {
			spec, err := widthSpec(cfg.Family, w, cfg.LR, 0, graphs.SessionConfig{})
			if err != nil {
				t.Fatal(err)
			}
			n, err := spec.NumParams()
			if err != nil {
				t.Fatal(err)
			}
			want := mlpParams(w)
			if cfg.Family == familyCNN {
				want = cnnParams(w)
			}
			if n != want {
				t.Errorf("%s: %s width %d has %d parameters, want %d", profile, cfg.Family, w, n, want)
			}
			counts = append(counts, n)
		}
		for i := 1; i < len(counts); i++ {
			if r := float64(counts[i]) / float64(counts[i-1]); r < 1.3 || r > 4 {
				t.Errorf("%s: parameter counts %d -> %d grow by %.2f, want a roughly log-spaced sweep (1.3 to 4 per step)", profile, counts[i-1], counts[i], r)
			}
		}
		if span := math.Log10(float64(counts[len(counts)-1]) / float64(counts[0])); span < 2 {
			t.Errorf("%s: parameter counts span %.1f decades, want at least 2", profile, span)
		}
	}
	if c, _ := exp.Config("full"); c.(*paramCountConfig).Family != familyCNN {
		t.Error("full profile: want the report's CNNs")
	}
}

// TestParamCountShardedResume runs the smoke sweep in two shards into one
// folder, the second resuming the first's table: together they must hold
// every model exactly once, each with its hand-computed parameter count
// and sane metrics.
func TestParamCountShardedResume(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[paramCountConfig](t, exp)
	env := runnertest.Env(t)
	env.Shard = runner.Shard{Index: 0, Count: 2}
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	first := runnertest.ReadTable(t, env, results.ParamCountResults)
	if want := (len(cfg.widths()) + 1) / 2; len(first.Rows) != want {
		t.Fatalf("shard 0/2 wrote %d models, want %d", len(first.Rows), want)
	}
	env2 := runnertest.Resumed(t, context.Background(), env.Dir)
	env2.Shard = runner.Shard{Index: 1, Count: 2}
	if err := exp.Run(env2, cfg); err != nil {
		t.Fatal(err)
	}
	res := runnertest.ReadTable(t, env2, results.ParamCountResults)
	models, err := res.Strings("model")
	if err != nil {
		t.Fatal(err)
	}
	params := runnertest.FiniteColumn(t, res, "params")
	for _, w := range cfg.widths() {
		i := slices.Index(models, widthName(cfg.Family, w))
		if i < 0 {
			t.Errorf("model of width %d missing from %v", w, models)
			continue
		}
		if params[i] != float64(mlpParams(w)) {
			t.Errorf("width %d: params %v, want %d", w, params[i], mlpParams(w))
		}
	}
	if len(models) != len(cfg.widths()) {
		t.Errorf("results.csv has %d rows for %d models: %v", len(models), len(cfg.widths()), models)
	}
	runnertest.CheckUnit(t, "train_acc", runnertest.FiniteColumn(t, res, "train_acc"))
	runnertest.CheckUnit(t, "test_acc", runnertest.FiniteColumn(t, res, "test_acc"))
	for _, col := range []string{"train_loss", "test_loss"} {
		for i, l := range runnertest.FiniteColumn(t, res, col) {
			// Cross-entropy is positive, and after one epoch far below
			// the loss of a uniform guess times ten.
			if !(l > 0 && l < 10*math.Log(10)) {
				t.Errorf("%s of %s = %v", col, models[i], l)
			}
		}
	}
}
