package graphs

import (
	"math"
	"strings"
	"testing"

	tf "github.com/wamuir/graft/tensorflow"
)

// TestReluGradientsMatchPlainGradients checks that the training gradient,
// built segment by segment with each ReLU's gradient taken from its output,
// equals bit for bit the C API's gradient of the whole loss (ReluGrad from
// the ReLU's input), on a model with ReLU convolutions and dense layers
// among other activations, with the graph optimizer on (fused kernels) and
// off; and that it did take the ReLUs' gradients by hand.
func TestReluGradientsMatchPlainGradients(t *testing.T) {
	spec := Spec{
		Input: []int{8, 8, 2},
		Layers: []Layer{
			{Kind: Conv2D, Filters: 4, Kernel: 3, Activation: ReLU},
			{Kind: MaxPool, Pool: 2},
			{Kind: Conv2D, Filters: 3, Kernel: 2, Activation: ReLU},
			{Kind: Flatten},
			{Kind: Dense, Units: 6, Activation: ReLU},
			{Kind: Dense, Units: 5, Activation: Tanh},
			{Kind: Dense, Units: 3},
		},
		Loss: SoftmaxCrossEntropy,
		Seed: 4,
	}
	for _, optimizer := range []bool{true, false} {
		spec.Session = SessionConfig{IntraOpThreads: 1, InterOpThreads: 1, NoGraphOptimizer: !optimizer}
		m := newTestModel(t, spec)
		ds := loadTest(t, m, randomData(spec, 16, 3))
		byHand := 0
		for _, o := range m.graph.Operations() {
			if o.Type() == "ReluGrad" && strings.Contains(o.Name(), "relu_grad") {
				byHand++
			}
		}
		if byHand != 3 {
			t.Fatalf("%d ReLU gradients built by hand, want one per ReLU layer (3)", byHand)
		}
		plain, err := gradients(m.b.root, "plain_gradients", m.b.dt, m.loss.mean, m.reads)
		if err != nil {
			t.Fatal(err)
		}
		idx, err := m.indexTensor(ds, indexRange(0, 16))
		if err != nil {
			t.Fatal(err)
		}
		out, err := m.sess.Run(map[tf.Output]*tf.Tensor{m.idx: idx}, append(append([]tf.Output(nil), m.grads...), plain...), nil)
		if err != nil {
			t.Fatal(err)
		}
		n := len(m.grads)
		for i := range n {
			got, err := floats(out[i])
			if err != nil {
				t.Fatal(err)
			}
			want, err := floats(out[n+i])
			if err != nil {
				t.Fatal(err)
			}
			nonzero := false
			for j := range want {
				if math.Float64bits(got[j]) != math.Float64bits(want[j]) {
					t.Fatalf("graph optimizer %v: gradient %d value %d is %v, the plain gradient %v", optimizer, i, j, got[j], want[j])
				}
				nonzero = nonzero || want[j] != 0
			}
			if !nonzero {
				t.Errorf("graph optimizer %v: gradient %d is all zeros; the test needs live ReLUs", optimizer, i)
			}
		}
	}
}
