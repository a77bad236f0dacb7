package interpolation

import (
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"hw1/runner/data"
	"hw1/runner/models"
)

func TestAlphas(t *testing.T) {
	for _, n := range []int{7, 25, 31} {
		as, err := alphas(n)
		if err != nil {
			t.Fatal(err)
		}
		if len(as) != n || as[0] != -1 || as[n-1] != 2 {
			t.Fatalf("alphas(%d) = %v, want %d values from -1 to 2", n, as, n)
		}
		for _, want := range []float64{-1, 0, 0.5, 1, 2} {
			if !slices.Contains(as, want) {
				t.Errorf("alphas(%d) lacks exactly %v: %v", n, want, as)
			}
		}
		for i := 1; i < n; i++ {
			if d := as[i] - as[i-1]; math.Abs(d-3/float64(n-1)) > 1e-12 {
				t.Errorf("alphas(%d): step %d is %v, want %v", n, i, d, 3/float64(n-1))
			}
		}
	}
	for _, n := range []int{0, 1, 6, 24, 26} {
		if _, err := alphas(n); err == nil {
			t.Errorf("alphas(%d): no error, want one (-1, 0, 0.5, 1, 2 not all on the grid)", n)
		}
	}
	for _, p := range []string{"smoke", "quick", "full"} {
		c, _ := Experiment().Config(p)
		if n := c.(*Config).AlphaPoints; p != "smoke" && n < 25 {
			t.Errorf("%s: %d alphas, want at least 25", p, n)
		}
	}
}

// TestEvalBetweenByHand checks the evaluation of an interpolated model
// against the same computation done here in Go, for a linear softmax
// classifier (784 -> 10) whose parameters are W (784x10, row-major) then b.
func TestEvalBetweenByHand(t *testing.T) {
	const n, d, k = 40, 784, 10
	r := rand.New(rand.NewPCG(3, 4))
	set := func() *data.Set {
		s := &data.Set{N: n, Rows: 28, Cols: 28, Pixels: make([]float32, n*d), Labels: make([]int32, n)}
		for i := range s.Pixels {
			s.Pixels[i] = float32(r.Float64())
		}
		for i := range s.Labels {
			s.Labels[i] = int32(r.IntN(k))
		}
		return s
	}
	train, test := set(), set()
	c, err := models.NewClassifier("linear", models.MLPSpec(nil, 0.001, 1, runnertest.Env(t).Session), train, test)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	theta := func() []float64 {
		p := make([]float64, d*k+k)
		for i := range p {
			p[i] = 0.05 * r.NormFloat64()
		}
		return p
	}
	t1, t2 := theta(), theta()
	for _, a := range []float64{-1, 0, 0.3, 1, 2} {
		got, err := evalBetween(c, t1, t2, a)
		if err != nil {
			t.Fatal(err)
		}
		p := make([]float64, len(t1))
		for i := range p {
			p[i] = (1-a)*t1[i] + a*t2[i]
		}
		for j, s := range []*data.Set{train, test} {
			loss, acc := 0.0, 0.0
			for e := range n {
				logits := make([]float64, k)
				for o := range k {
					logits[o] = p[d*k+o]
					for i := range d {
						logits[o] += float64(s.Pixels[e*d+i]) * p[i*k+o]
					}
				}
				m := slices.Max(logits)
				z := 0.0
				for _, l := range logits {
					z += math.Exp(l - m)
				}
				loss += m + math.Log(z) - logits[s.Labels[e]]
				if slices.Index(logits, m) == int(s.Labels[e]) {
					acc++
				}
			}
			loss, acc = loss/n, acc/n
			if math.Abs(got[j].Loss-loss) > 1e-4*math.Max(1, loss) || got[j].Accuracy != acc {
				t.Errorf("alpha %v set %d: evaluated loss %v acc %v, computed by hand %v %v", a, j, got[j].Loss, got[j].Accuracy, loss, acc)
			}
		}
	}
	if _, err := evalBetween(c, t1, t2[:10], 0.5); err == nil {
		t.Error("parameter vectors of different lengths: no error")
	}
}

// TestInterpolationEndpoints runs the smoke profile: at alpha 0 and 1 the
// curve must reproduce the two trained models' own evaluation (models.csv,
// measured on each model right after training), the pairs must share the
// first model, and the line must leave the endpoints elsewhere.
func TestInterpolationEndpoints(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[Config](t, exp)
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	metrics := []string{"train_loss", "train_acc", "test_loss", "test_acc"}
	models := runnertest.ReadTable(t, env, results.InterpolationModels)
	curve := runnertest.ReadTable(t, env, results.InterpolationCurve)
	if len(models.Rows) != 3 {
		t.Fatalf("models.csv has %d models, want 3 (the first model is shared by both pairs)", len(models.Rows))
	}
	names, _ := models.Strings("model")
	bs, steps := runnertest.FiniteColumn(t, models, "batch_size"), runnertest.FiniteColumn(t, models, "steps")
	for i := range names {
		perEpoch := (cfg.TrainExamples + int(bs[i]) - 1) / int(bs[i])
		if int(steps[i]) != cfg.Epochs*perEpoch {
			t.Errorf("model %s took %v steps, want %d epochs of %d", names[i], steps[i], cfg.Epochs, perEpoch)
		}
	}
	own := func(model string) []float64 {
		i := slices.Index(names, model)
		if i < 0 {
			t.Fatalf("model %s missing from models.csv (%v)", model, names)
		}
		var out []float64
		for _, m := range metrics {
			out = append(out, runnertest.FiniteColumn(t, models, m)[i])
		}
		return out
	}
	first := TrainSetting{cfg.BatchSize, cfg.LR}.String()
	second := map[string]string{
		"batch": TrainSetting{cfg.LargeBatchSize, cfg.LR}.String(),
		"lr":    TrainSetting{cfg.BatchSize, cfg.HighLR}.String(),
	}
	for pair, other := range second {
		rows, err := curve.Where("pair", pair)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows.Rows) != cfg.AlphaPoints {
			t.Fatalf("pair %s: %d points, want %d", pair, len(rows.Rows), cfg.AlphaPoints)
		}
		as := runnertest.FiniteColumn(t, rows, "alpha")
		at := func(a float64) []float64 {
			i := slices.Index(as, a)
			if i < 0 {
				t.Fatalf("pair %s: no alpha %v in %v", pair, a, as)
			}
			var out []float64
			for _, m := range metrics {
				out = append(out, runnertest.FiniteColumn(t, rows, m)[i])
			}
			return out
		}
		runnertest.CheckUnit(t, pair+" train_acc", runnertest.FiniteColumn(t, rows, "train_acc"))
		runnertest.CheckUnit(t, pair+" test_acc", runnertest.FiniteColumn(t, rows, "test_acc"))
		for _, end := range []struct {
			alpha float64
			model string
		}{{0, first}, {1, other}} {
			got, want := at(end.alpha), own(end.model)
			for j := range metrics {
				if math.Abs(got[j]-want[j]) > 1e-6*math.Max(1, math.Abs(want[j])) {
					t.Errorf("pair %s alpha %v: %s %v, but model %s evaluated itself at %v", pair, end.alpha, metrics[j], got[j], end.model, want[j])
				}
			}
		}
		// Outside [0, 1] the parameters differ from both ends, and so
		// does the training loss.
		for _, a := range []float64{-1, 2} {
			if l := at(a)[0]; l == at(0)[0] || l == at(1)[0] {
				t.Errorf("pair %s: train loss at alpha %v equals an endpoint's (%v): were the parameters set?", pair, a, l)
			}
		}
	}
}
