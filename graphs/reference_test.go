package graphs

import (
	"math"
	"math/rand/v2"
	"testing"
)

// This file holds the tests' independent computations: a plain-Go forward
// pass and loss, written from the layer definitions, not from the graph.

// testSession keeps tests to one thread each, and skips the graph
// optimizer, which costs more start-up time than tiny models win from it.
var testSession = SessionConfig{IntraOpThreads: 1, InterOpThreads: 1, NoGraphOptimizer: true}

// newTestModel builds spec (with testSession unless spec.Session is set)
// and closes it at the end of the test.
func newTestModel(t testing.TB, spec Spec) *Model {
	t.Helper()
	if spec.Session == (SessionConfig{}) {
		spec.Session = testSession
	}
	m, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	return m
}

// loadTest loads d and fails the test on error.
func loadTest(t testing.TB, m *Model, d Data) *Dataset {
	t.Helper()
	ds, err := m.Load(d)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// randomData draws n examples for spec: inputs uniform in [-1, 1], targets
// uniform in [-1, 1] (MSE) or labels uniform over the classes.
func randomData(spec Spec, n int, seed uint64) Data {
	rng := rand.New(rand.NewPCG(seed, 7))
	p, err := spec.plan()
	if err != nil {
		panic(err)
	}
	d := Data{N: n, X: make([]float32, n*prod(spec.Input))}
	for i := range d.X {
		d.X[i] = float32(2*rng.Float64() - 1)
	}
	if spec.Loss == MSE {
		d.Y = make([]float32, n*p.outputs)
		for i := range d.Y {
			d.Y[i] = float32(2*rng.Float64() - 1)
		}
	} else {
		d.Labels = make([]int32, n)
		for i := range d.Labels {
			d.Labels[i] = int32(rng.IntN(p.outputs))
		}
	}
	return d
}

// randomParams draws n parameters uniform in [-scale, scale].
func randomParams(n int, scale float64, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 11))
	p := make([]float64, n)
	for i := range p {
		p[i] = scale * (2*rng.Float64() - 1)
	}
	return p
}

func allIndices(n int) []int32 { return indexRange(0, n) }

// refForward computes the spec's outputs for one example x from params
// (in the order of Params), with plain loops.
func refForward(t testing.TB, spec Spec, params, x []float64) []float64 {
	t.Helper()
	p, err := spec.plan()
	if err != nil {
		t.Fatal(err)
	}
	h := append([]float64(nil), x...)
	off := 0
	take := func(n int) []float64 {
		v := params[off : off+n]
		off += n
		return v
	}
	for _, l := range p.layers {
		switch l.Kind {
		case Dense:
			in, out := l.weightShape[0], l.weightShape[1]
			w, b := take(in*out), take(out)
			next := make([]float64, out)
			for u := range out {
				s := b[u]
				for i := range in {
					s += h[i] * w[i*out+u]
				}
				next[u] = refActivate(l.Activation, s)
			}
			h = next
		case Conv2D:
			hgt, wid, cin := l.in[0], l.in[1], l.in[2]
			k, cout := l.Kernel, l.Filters
			w, b := take(k*k*cin*cout), take(cout)
			pad := (k - 1) / 2 // SAME with stride 1: the extra row/column of an even kernel goes after
			next := make([]float64, hgt*wid*cout)
			for r := range hgt {
				for c := range wid {
					for f := range cout {
						s := b[f]
						for dr := range k {
							for dc := range k {
								rr, cc := r+dr-pad, c+dc-pad
								if rr < 0 || rr >= hgt || cc < 0 || cc >= wid {
									continue
								}
								for ch := range cin {
									s += h[(rr*wid+cc)*cin+ch] * w[((dr*k+dc)*cin+ch)*cout+f]
								}
							}
						}
						next[(r*wid+c)*cout+f] = refActivate(l.Activation, s)
					}
				}
			}
			h = next
		case MaxPool:
			wid, ch := l.in[1], l.in[2]
			oh, ow := l.out[0], l.out[1]
			next := make([]float64, oh*ow*ch)
			for r := range oh {
				for c := range ow {
					for f := range ch {
						best := math.Inf(-1)
						for dr := range l.Pool {
							for dc := range l.Pool {
								best = math.Max(best, h[((r*l.Pool+dr)*wid+c*l.Pool+dc)*ch+f])
							}
						}
						next[(r*ow+c)*ch+f] = best
					}
				}
			}
			h = next
		case Flatten:
		}
	}
	return h
}

// checkBothSigns fails the test unless, for every hidden Dense layer of
// the dense-only spec, the pre-activations over d include negative and
// positive values, so a test on d exercises both sides of each
// activation.
func checkBothSigns(t testing.TB, spec Spec, params []float64, d Data) {
	t.Helper()
	in := prod(spec.Input)
	last := len(spec.Layers) - 1
	for li, l := range spec.Layers[:last] {
		sub := spec
		sub.Layers = append(append([]Layer(nil), spec.Layers[:li]...), Layer{Kind: Dense, Units: l.Units})
		var neg, pos bool
		for i := range d.N {
			x := make([]float64, in)
			for j := range x {
				x[j] = float64(d.X[i*in+j])
			}
			for _, v := range refForward(t, sub, params, x) {
				neg = neg || v < 0
				pos = pos || v > 0
			}
		}
		if !neg || !pos {
			t.Fatalf("layer %d (%s): pre-activations have one sign only; the test data do not exercise it", li+1, l.Activation)
		}
	}
}

func refActivate(a Activation, x float64) float64 {
	switch a {
	case ReLU:
		return math.Max(x, 0)
	case Tanh:
		return math.Tanh(x)
	case SELU:
		if x > 0 {
			return seluScale * x
		}
		return seluScale * seluAlpha * (math.Exp(x) - 1)
	case Softplus:
		return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
	}
	return x
}

// refLoss computes the mean loss and accuracy of params on d.
func refLoss(t testing.TB, spec Spec, params []float64, d Data) (loss, acc float64) {
	t.Helper()
	in := prod(spec.Input)
	for i := range d.N {
		x := make([]float64, in)
		for j := range x {
			x[j] = float64(d.X[i*in+j])
		}
		out := refForward(t, spec, params, x)
		if spec.Loss == MSE {
			for k, o := range out {
				e := o - float64(d.Y[i*len(out)+k])
				loss += e * e / float64(len(out))
			}
			continue
		}
		loss += xent(out, int(d.Labels[i]))
		best := 0
		for k, o := range out {
			if o > out[best] {
				best = k
			}
		}
		if best == int(d.Labels[i]) {
			acc++
		}
	}
	return loss / float64(d.N), acc / float64(d.N)
}

// xent is -log softmax(logits)[label].
func xent(logits []float64, label int) float64 {
	mx := math.Inf(-1)
	for _, l := range logits {
		mx = math.Max(mx, l)
	}
	s := 0.0
	for _, l := range logits {
		s += math.Exp(l - mx)
	}
	return mx + math.Log(s) - logits[label]
}

func softmax(logits []float64) []float64 {
	mx := math.Inf(-1)
	for _, l := range logits {
		mx = math.Max(mx, l)
	}
	out := make([]float64, len(logits))
	s := 0.0
	for i, l := range logits {
		out[i] = math.Exp(l - mx)
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

// closeTo reports whether got is within tol of want, relative to
// max(1, |want|).
func closeTo(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// checkVectors fails the test where got and want differ by more than tol
// relative to the larger of 1 and want's largest magnitude.
func checkVectors(t testing.TB, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", what, len(got), len(want))
	}
	scale := 1.0
	for _, w := range want {
		scale = math.Max(scale, math.Abs(w))
	}
	bad := 0
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol*scale || math.IsNaN(got[i]) {
			if bad < 5 {
				t.Errorf("%s[%d] = %.10g, want %.10g", what, i, got[i], want[i])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d values off by more than %g·%g", what, bad, len(got), tol, scale)
	}
}
