package graphs

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// smallCNN uses every layer kind and every activation on 6×6×2 images.
var smallCNN = Spec{
	Input: []int{6, 6, 2},
	Layers: []Layer{
		{Kind: Conv2D, Filters: 3, Kernel: 3, Activation: ReLU},
		{Kind: MaxPool, Pool: 2},
		{Kind: Conv2D, Filters: 2, Kernel: 2, Activation: Tanh},
		{Kind: Flatten},
		{Kind: Dense, Units: 5, Activation: SELU},
		{Kind: Dense, Units: 4, Activation: Softplus},
		{Kind: Dense, Units: 3},
	},
	Loss:    SoftmaxCrossEntropy,
	Float64: true,
}

// smallMLP is a dense model with every activation.
func smallMLP(loss Loss, outputs int) Spec {
	return Spec{
		Input: []int{3},
		Layers: []Layer{
			{Kind: Dense, Units: 4, Activation: Tanh},
			{Kind: Dense, Units: 3, Activation: SELU},
			{Kind: Dense, Units: 3, Activation: Softplus},
			{Kind: Dense, Units: 3, Activation: ReLU},
			{Kind: Dense, Units: outputs},
		},
		Loss:    loss,
		Float64: true,
	}
}

// TestPredictAndEvaluateMatchReference compares the graph's outputs, loss
// and accuracy with the plain-Go forward pass, for every layer kind and
// activation, in float64 and float32.
func TestPredictAndEvaluateMatchReference(t *testing.T) {
	specs := map[string]Spec{"cnn": smallCNN, "mlp-mse": smallMLP(MSE, 2), "mlp-xent": smallMLP(SoftmaxCrossEntropy, 3)}
	for name, spec := range specs {
		for _, f64 := range []bool{true, false} {
			spec.Float64 = f64
			tol := 1e-12
			if !f64 {
				tol = 1e-5
				// float32 runs with the graph optimizer on, as by default.
				spec.Session = SessionConfig{IntraOpThreads: 1}
			}
			m := newTestModel(t, spec)
			params := randomParams(m.NumParams(), 0.8, 3)
			if err := m.SetParams(params); err != nil {
				t.Fatal(err)
			}
			d := randomData(spec, 7, 5)
			got, err := m.Predict(d.X, d.N)
			if err != nil {
				t.Fatal(err)
			}
			in := prod(spec.Input)
			var want []float64
			for i := range d.N {
				x := make([]float64, in)
				for j := range x {
					x[j] = float64(d.X[i*in+j])
				}
				want = append(want, refForward(t, spec, params, x)...)
			}
			got64 := make([]float64, len(got))
			for i, v := range got {
				got64[i] = float64(v)
			}
			checkVectors(t, name+" Predict", got64, want, max(tol, 1e-6)) // Predict returns float32

			ds := loadTest(t, m, d)
			met, err := m.Evaluate(ds, 3) // 3 does not divide 7: the last batch is short
			if err != nil {
				t.Fatal(err)
			}
			wantLoss, wantAcc := refLoss(t, spec, params, d)
			if !closeTo(met.Loss, wantLoss, tol) {
				t.Errorf("%s float64=%v: Evaluate loss %v, want %v", name, f64, met.Loss, wantLoss)
			}
			if spec.Loss == MSE {
				if !math.IsNaN(met.Accuracy) {
					t.Errorf("%s: MSE accuracy %v, want NaN", name, met.Accuracy)
				}
			} else if met.Accuracy != wantAcc {
				t.Errorf("%s float64=%v: accuracy %v, want %v", name, f64, met.Accuracy, wantAcc)
			}
			l, err := m.Loss(ds, allIndices(d.N))
			if err != nil || !closeTo(l, wantLoss, tol) {
				t.Errorf("%s: Loss = %v, %v; want %v", name, l, err, wantLoss)
			}
		}
	}
}

func TestParamsRoundTripAndLayers(t *testing.T) {
	for _, f64 := range []bool{true, false} {
		spec := smallCNN
		spec.Float64 = f64
		m := newTestModel(t, spec)
		p := randomParams(m.NumParams(), 2, 9)
		if err := m.SetParams(p); err != nil {
			t.Fatal(err)
		}
		got, err := m.Params()
		if err != nil {
			t.Fatal(err)
		}
		for i := range p {
			want := p[i]
			if !f64 {
				want = float64(float32(p[i]))
			}
			if got[i] != want {
				t.Fatalf("float64=%v: Params()[%d] = %v after SetParams %v", f64, i, got[i], want)
			}
		}
		layers, err := m.LayerParams()
		if err != nil {
			t.Fatal(err)
		}
		counts, _ := spec.ParamCounts()
		if len(layers) != len(counts) {
			t.Fatalf("LayerParams has %d layers, ParamCounts %d", len(layers), len(counts))
		}
		var joined []float64
		for i, l := range layers {
			if l.Name != counts[i].Name || len(l.Values) != counts[i].Total {
				t.Errorf("layer %d: %s with %d values, want %s with %d", i, l.Name, len(l.Values), counts[i].Name, counts[i].Total)
			}
			joined = append(joined, l.Values...)
		}
		if !reflect.DeepEqual(joined, got) {
			t.Error("LayerParams joined differ from Params")
		}
		if err := m.SetParams(p[1:]); err == nil || !strings.Contains(err.Error(), "parameters") {
			t.Errorf("SetParams with a short vector: %v, want an error", err)
		}
	}
}

// TestInterpolationEndpoints evaluates (1-a)θ1 + aθ2 at a = 0 and a = 1
// and expects the two models' own losses.
func TestInterpolationEndpoints(t *testing.T) {
	spec := smallMLP(SoftmaxCrossEntropy, 3)
	spec.Seed = 1
	d := randomData(spec, 20, 1)
	m1 := newTestModel(t, spec)
	spec.Seed = 2
	m2 := newTestModel(t, spec)
	ds1, ds2 := loadTest(t, m1, d), loadTest(t, m2, d)
	for range 5 {
		if _, err := trainStep(m1, ds1, allIndices(20)); err != nil {
			t.Fatal(err)
		}
	}
	t1, _ := m1.Params()
	t2, _ := m2.Params()
	e1, _ := m1.Evaluate(ds1, 8)
	e2, _ := m2.Evaluate(ds2, 8)
	if e1.Loss == e2.Loss {
		t.Fatal("the two models have the same loss; the test would prove nothing")
	}
	for _, c := range []struct {
		a    float64
		want Metrics
	}{{0, e1}, {1, e2}} {
		p := make([]float64, len(t1))
		for i := range p {
			p[i] = (1-c.a)*t1[i] + c.a*t2[i]
		}
		if err := m1.SetParams(p); err != nil {
			t.Fatal(err)
		}
		got, err := m1.Evaluate(ds1, 8)
		if err != nil {
			t.Fatal(err)
		}
		if !closeTo(got.Loss, c.want.Loss, 1e-12) || got.Accuracy != c.want.Accuracy {
			t.Errorf("alpha %v: %+v, want %+v", c.a, got, c.want)
		}
	}
}

func TestSameSeedSameParams(t *testing.T) {
	spec := Spec{Input: []int{4}, Layers: []Layer{{Kind: Dense, Units: 8, Activation: ReLU}, {Kind: Dense, Units: 3}},
		Loss: SoftmaxCrossEntropy, Seed: 5}
	d := randomData(spec, 64, 2)
	run := func(seed int64) []float64 {
		spec.Seed = seed
		m := newTestModel(t, spec)
		ds := loadTest(t, m, d)
		for s := range 20 {
			if _, err := trainStep(m, ds, indexRange(s%4*16, s%4*16+16)); err != nil {
				t.Fatal(err)
			}
		}
		p, err := m.Params()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b, c := run(5), run(5), run(6)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed, same data, same steps: parameters differ")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("seeds 5 and 6 gave the same parameters")
	}
}

// TestTrainingLowersLoss trains on two toy problems: a smooth 1-D fit
// (MSE) and three separable clusters (cross-entropy).
func TestTrainingLowersLoss(t *testing.T) {
	t.Run("mse", func(t *testing.T) {
		spec := Spec{Input: []int{1}, Layers: []Layer{{Kind: Dense, Units: 16, Activation: Tanh}, {Kind: Dense, Units: 1}},
			Loss: MSE, Optimizer: Optimizer{LR: 0.01}, Seed: 1}
		m := newTestModel(t, spec)
		d := Data{N: 64}
		for i := range d.N {
			x := float64(i)/float64(d.N)*2 - 1
			d.X = append(d.X, float32(x))
			d.Y = append(d.Y, float32(math.Sin(3*x)))
		}
		ds := loadTest(t, m, d)
		before, _ := m.Evaluate(ds, 64)
		for range 300 {
			if _, err := trainStep(m, ds, allIndices(64)); err != nil {
				t.Fatal(err)
			}
		}
		after, _ := m.Evaluate(ds, 64)
		if !(after.Loss < before.Loss/5) {
			t.Errorf("MSE went from %v to %v, want below a fifth", before.Loss, after.Loss)
		}
	})
	t.Run("xent", func(t *testing.T) {
		spec := Spec{Input: []int{2}, Layers: []Layer{{Kind: Dense, Units: 8, Activation: ReLU}, {Kind: Dense, Units: 3}},
			Loss: SoftmaxCrossEntropy, Optimizer: Optimizer{Kind: Momentum, LR: 0.05}, Seed: 1}
		m := newTestModel(t, spec)
		d := Data{N: 60}
		centres := [][2]float64{{1, 0}, {-1, 1}, {-1, -1}}
		r := randomData(Spec{Input: []int{2}, Layers: []Layer{{Kind: Dense, Units: 1}}, Loss: MSE}, 60, 3)
		for i := range d.N {
			c := i % 3
			d.X = append(d.X, float32(centres[c][0])+0.3*r.X[2*i], float32(centres[c][1])+0.3*r.X[2*i+1])
			d.Labels = append(d.Labels, int32(c))
		}
		ds := loadTest(t, m, d)
		before, _ := m.Evaluate(ds, 64)
		for range 200 {
			if _, err := trainStep(m, ds, allIndices(60)); err != nil {
				t.Fatal(err)
			}
		}
		after, _ := m.Evaluate(ds, 64)
		if !(after.Loss < before.Loss/3) || after.Accuracy != 1 {
			t.Errorf("cross-entropy went from %+v to %+v, want a third of the loss and accuracy 1", before, after)
		}
	})
}

func TestLoadAndIndexErrors(t *testing.T) {
	spec := smallMLP(SoftmaxCrossEntropy, 3)
	m := newTestModel(t, spec)
	other := newTestModel(t, spec)
	good := randomData(spec, 4, 1)
	bad := []struct {
		name string
		d    Data
		want string
	}{
		{"empty", Data{}, "at least one"},
		{"short X", Data{N: 4, X: good.X[1:], Labels: good.Labels}, "X has"},
		{"no labels", Data{N: 4, X: good.X}, "Labels"},
		{"label out of range", Data{N: 4, X: good.X, Labels: []int32{0, 1, 3, 0}}, "outside"},
	}
	for _, c := range bad {
		if _, err := m.Load(c.d); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Load error %v, want one containing %q", c.name, err, c.want)
		}
	}
	ds := loadTest(t, m, good)
	if _, err := trainStep(m, ds, []int32{0, 4}); err == nil {
		t.Error("index 4 of a 4-example dataset accepted")
	}
	if _, err := trainStep(m, ds, nil); err == nil {
		t.Error("empty index list accepted")
	}
	if _, err := trainStep(other, ds, []int32{0}); err == nil || !strings.Contains(err.Error(), "another model") {
		t.Errorf("dataset of another model: %v", err)
	}
	if _, err := m.Evaluate(ds, 0); err == nil {
		t.Error("batch size 0 accepted")
	}
	if _, err := m.Predict(good.X[1:], 4); err == nil {
		t.Error("Predict with a short x accepted")
	}
}

// TestSecondDatasetIsSeparate loads two datasets and checks each one's
// loss against the reference, so the second Load neither replaced nor
// shifted the first.
func TestSecondDatasetIsSeparate(t *testing.T) {
	spec := smallMLP(MSE, 2)
	m := newTestModel(t, spec)
	params, _ := m.Params()
	a, b := randomData(spec, 5, 1), randomData(spec, 9, 2)
	dsA, dsB := loadTest(t, m, a), loadTest(t, m, b)
	for _, c := range []struct {
		ds *Dataset
		d  Data
	}{{dsA, a}, {dsB, b}} {
		got, err := m.Evaluate(c.ds, 4)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := refLoss(t, spec, params, c.d)
		if c.ds.Len() != c.d.N || !closeTo(got.Loss, want, 1e-12) {
			t.Errorf("dataset of %d: Len %d, loss %v, want %v", c.d.N, c.ds.Len(), got.Loss, want)
		}
	}
}

// TestDatasetHead checks that Head is the first examples of the second
// of two loaded datasets (the loss of its rows, not of the first dataset's
// nor of all of them), and that out-of-range sizes give the whole dataset.
func TestDatasetHead(t *testing.T) {
	spec := smallMLP(MSE, 2)
	m := newTestModel(t, spec)
	params, _ := m.Params()
	a, b := randomData(spec, 5, 1), randomData(spec, 9, 2)
	loadTest(t, m, a)
	dsB := loadTest(t, m, b)
	head := dsB.Head(4)
	if head.Len() != 4 {
		t.Fatalf("Head(4).Len() = %d", head.Len())
	}
	got, err := m.Evaluate(head, 3)
	if err != nil {
		t.Fatal(err)
	}
	in, k := len(b.X)/b.N, len(b.Y)/b.N
	want, _ := refLoss(t, spec, params, Data{N: 4, X: b.X[:4*in], Y: b.Y[:4*k]})
	if !closeTo(got.Loss, want, 1e-12) {
		t.Errorf("loss over Head(4) = %v, want %v (the first 4 examples of the second dataset)", got.Loss, want)
	}
	if _, err := m.Loss(head, []int32{4}); err == nil {
		t.Error("index 4 of Head(4) accepted")
	}
	for _, n := range []int{0, -1, 9, 10} {
		if h := dsB.Head(n); h != dsB {
			t.Errorf("Head(%d) of 9 examples is not the dataset itself", n)
		}
	}
}

func TestClosedModel(t *testing.T) {
	spec := smallMLP(MSE, 1)
	spec.Session = testSession
	m, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := m.Params(); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Params after Close: %v, want a 'closed' error", err)
	}
}
