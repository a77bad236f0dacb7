package graphs

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// optimizerValues reads every optimizer variable (slots parameter by
// parameter, then Adam's β1ᵗ and β2ᵗ) as one vector.
func optimizerValues(t *testing.T, m *Model) []float64 {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	st := m.opt.state
	var handles []tf.Output
	for _, s := range st.slots {
		handles = append(handles, s...)
	}
	if st.beta1Power.Op != nil {
		handles = append(handles, st.beta1Power, st.beta2Power)
	}
	if len(handles) == 0 {
		return nil
	}
	s := m.b.root.SubScope("test_read_optimizer")
	reads := make([]tf.Output, len(handles))
	for i, h := range handles {
		reads[i] = op.ReadVariableOp(s.SubScope("read"), h, m.b.dt)
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	out, err := m.sess.Run(nil, reads, nil)
	if err != nil {
		t.Fatal(err)
	}
	var all []float64
	for _, o := range out {
		if len(o.Shape()) == 0 {
			v, err := scalar(o)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, v)
			continue
		}
		v, err := floats(o)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, v...)
	}
	return all
}

// shuffledBatches splits a random order of n examples into batches of size
// bs (the last one shorter when bs does not divide n).
func shuffledBatches(n, bs int, seed uint64) [][]int32 {
	order := make([]int32, n)
	for i, j := range rand.New(rand.NewPCG(seed, 3)).Perm(n) {
		order[i] = int32(j)
	}
	var out [][]int32
	for lo := 0; lo < n; lo += bs {
		out = append(out, order[lo:min(lo+bs, n)])
	}
	return out
}

// TestTrainStepsMatchesSingleSteps takes 37 steps (the last on a short
// batch) one run per step on one model (StepsPerRun 1) and with unrolled
// TrainSteps, in two calls, on a second one built alike, and requires the
// same losses, parameters and optimizer state to the bit.
func TestTrainStepsMatchesSingleSteps(t *testing.T) {
	grappler := SessionConfig{IntraOpThreads: 2, InterOpThreads: 1} // as experiments run
	cases := []struct {
		name    string
		opt     Optimizer
		loss    Loss
		f64     bool
		session SessionConfig
		per     int   // steps per run; 0: the model's own
		runs    []int // unrolled runs the two calls must have built
	}{
		{"adam-mse", Optimizer{Kind: Adam, LR: 0.05}, MSE, false, grappler, 0, []int{4}},
		{"adam-xent-per16", Optimizer{Kind: Adam, LR: 0.05, Beta1: 0.5, Beta2: 0.9}, SoftmaxCrossEntropy, false, testSession, 16, []int{4, 16}},
		{"sgd-xent-per3", Optimizer{Kind: SGD, LR: 0.5}, SoftmaxCrossEntropy, false, grappler, 3, []int{2, 3}},
		{"momentum-mse", Optimizer{Kind: Momentum, LR: 0.1, Momentum: 0.8}, MSE, false, testSession, 0, []int{4}},
		{"sgd-mse-float64-per7", Optimizer{Kind: SGD, LR: 0.2}, MSE, true, testSession, 7, []int{3, 6, 7}},
	}
	const n, bs = 183, 5 // 37 batches, the last of 3 examples
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spec := smallMLP(c.loss, 3)
			spec.Float64 = c.f64
			spec.Optimizer = c.opt
			spec.Session = c.session
			spec.Seed = 4
			d := randomData(spec, n, 6)
			batches := shuffledBatches(n, bs, 9)
			if len(batches) != 37 || len(batches[36]) != 3 {
				t.Fatalf("%d batches, the last of %d examples; want 37 and 3", len(batches), len(batches[36]))
			}

			one := newTestModel(t, spec)
			one.multi.maxSteps = 1
			dsOne := loadTest(t, one, d)
			start, _ := one.Params()
			var want []float64
			for _, idx := range batches {
				l, err := trainStep(one, dsOne, idx)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, l)
			}

			many := newTestModel(t, spec)
			many.multi.maxSteps = c.per
			dsMany := loadTest(t, many, d)
			first, err := many.TrainSteps(dsMany, batches[:20])
			if err != nil {
				t.Fatal(err)
			}
			rest, err := many.TrainSteps(dsMany, batches[20:])
			if err != nil {
				t.Fatal(err)
			}
			got := append(first, rest...)

			if !slices.Equal(got, want) {
				t.Errorf("losses differ:\n unrolled %v\n single   %v", got, want)
			}
			pOne, _ := one.Params()
			pMany, _ := many.Params()
			if slices.Equal(pOne, start) {
				t.Fatal("training left the parameters unchanged; the test would prove nothing")
			}
			if !slices.Equal(pMany, pOne) {
				t.Error("parameters differ after 37 steps")
			}
			sOne, sMany := optimizerValues(t, one), optimizerValues(t, many)
			if c.opt.Kind != SGD && slices.Equal(sOne, make([]float64, len(sOne))) {
				t.Fatal("the optimizer state is all zero; the test would prove nothing")
			}
			if !slices.Equal(sMany, sOne) {
				t.Error("optimizer state (moments, β powers) differs after 37 steps")
			}
			var built []int
			for k := range many.multi.runs {
				built = append(built, k)
			}
			slices.Sort(built)
			if !slices.Equal(built, c.runs) {
				t.Errorf("built unrolled runs of %v steps, want %v", built, c.runs)
			}
		})
	}
}

// TestTrainStepsThenResetOptimizer checks that ResetOptimizer also resets
// the state the unrolled steps use: after a reset, both models take the
// same step again.
func TestTrainStepsThenResetOptimizer(t *testing.T) {
	spec := smallMLP(MSE, 2)
	spec.Float64 = false
	d := randomData(spec, 40, 2)
	batches := shuffledBatches(40, 8, 1)
	a, b := newTestModel(t, spec), newTestModel(t, spec)
	dsA, dsB := loadTest(t, a, d), loadTest(t, b, d)
	if _, err := a.TrainSteps(dsA, batches); err != nil {
		t.Fatal(err)
	}
	p, _ := a.Params()
	if err := a.ResetOptimizer(); err != nil {
		t.Fatal(err)
	}
	if err := b.SetParams(p); err != nil {
		t.Fatal(err)
	}
	la, err := a.TrainSteps(dsA, batches)
	if err != nil {
		t.Fatal(err)
	}
	lb, err := b.TrainSteps(dsB, batches)
	if err != nil {
		t.Fatal(err)
	}
	pa, _ := a.Params()
	pb, _ := b.Params()
	if !slices.Equal(la, lb) || !slices.Equal(pa, pb) {
		t.Error("after ResetOptimizer the model does not train as a fresh one from the same parameters")
	}
}

func TestStepsPerRun(t *testing.T) {
	for _, c := range []struct {
		name string
		spec Spec
		want int
	}{
		{"mlp571", mlp571, maxStepsPerRun},
		{"cnn", smallCNN, 1},
		{"large dense", Spec{Input: []int{300}, Layers: []Layer{{Kind: Dense, Units: 256}, {Kind: Dense, Units: 2}}, Loss: MSE}, 1},
	} {
		if got := newTestModel(t, c.spec).StepsPerRun(); got != c.want {
			t.Errorf("%s: StepsPerRun = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestTrainStepsErrors checks the batches before taking any step.
func TestTrainStepsErrors(t *testing.T) {
	spec := smallMLP(MSE, 2)
	m := newTestModel(t, spec)
	other := newTestModel(t, spec)
	ds := loadTest(t, m, randomData(spec, 10, 1))
	dsOther := loadTest(t, other, randomData(spec, 10, 1))
	before, _ := m.Params()
	for _, c := range []struct {
		name    string
		ds      *Dataset
		batches [][]int32
		want    string
	}{
		{"no dataset", nil, [][]int32{{0}}, "no dataset"},
		{"other model", dsOther, [][]int32{{0}}, "another model"},
		{"empty batch", ds, [][]int32{{0, 1}, {2, 3}, {}}, "batch 3 is empty"},
		{"index too large", ds, [][]int32{{0, 1}, {2, 10}}, "batch 2: index 10"},
		{"negative index", ds, [][]int32{{-1}}, "batch 1: index -1"},
	} {
		if _, err := m.TrainSteps(c.ds, c.batches); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
	if after, _ := m.Params(); !slices.Equal(after, before) {
		t.Error("a rejected call changed the parameters")
	}
	if l, err := m.TrainSteps(ds, nil); err != nil || len(l) != 0 {
		t.Errorf("no batches: %v, %v; want no losses and no error", l, err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := m.TrainSteps(ds, [][]int32{{0}}); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("closed model: %v, want an error", err)
	}
}

// TestLongTrainStepsDoNotGrowMemory runs 20,000 steps through TrainSteps
// and requires the resident memory to grow by less than 100 MB.
func TestLongTrainStepsDoNotGrowMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 steps; skipped with -short")
	}
	spec := Spec{Input: []int{1}, Layers: []Layer{{Kind: Dense, Units: 16, Activation: Tanh}, {Kind: Dense, Units: 1}}, Loss: MSE}
	m := newTestModel(t, spec)
	ds := loadTest(t, m, randomData(spec, 256, 1))
	batches := shuffledBatches(256, 32, 1) // 8 steps, as an epoch of function-fit
	epochs := func(k int) {
		for range k {
			if _, err := m.TrainSteps(ds, batches); err != nil {
				t.Fatal(err)
			}
		}
	}
	epochs(100)
	runtime.GC()
	before := residentBytes(t)
	epochs(2500)
	runtime.GC()
	after := residentBytes(t)
	t.Logf("resident memory: %.1f MB before, %.1f MB after 20,000 steps", float64(before)/1e6, float64(after)/1e6)
	if growth := after - before; growth > 100<<20 {
		t.Errorf("resident memory grew by %.1f MB over 20,000 steps", float64(growth)/1e6)
	}
}

// BenchmarkTrainStepsFit571 is BenchmarkTrainStepFit571 with 16 steps per
// call, StepsPerRun (4) per TensorFlow run.
func BenchmarkTrainStepsFit571(b *testing.B) {
	spec := mlp571
	spec.Session = SessionConfig{}
	m, err := New(spec)
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	ds, err := m.Load(randomData(spec, 2048, 1))
	if err != nil {
		b.Fatal(err)
	}
	batches := shuffledBatches(2048, 128, 1)
	if _, err := m.TrainSteps(ds, batches); err != nil { // build and first run outside the timing
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.TrainSteps(ds, batches); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(batches)), "µs/step")
}
