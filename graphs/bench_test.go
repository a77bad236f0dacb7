package graphs

import (
	"testing"
)

// benchTrainStep measures one training step of spec on random data
// (TrainSteps with one batch), with the default session configuration (all
// cores, graph optimizer on).
func benchTrainStep(b *testing.B, spec Spec, examples, batch int) {
	m, ds := benchModel(b, spec, examples)
	idx := make([]int32, batch)
	fill := func(s int) {
		for i := range idx {
			idx[i] = int32((s*batch + i) % examples)
		}
	}
	fill(0)
	batches := [][]int32{idx}
	if _, err := m.TrainSteps(ds, batches); err != nil { // compile the step outside the timing
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for s := 0; b.Loop(); s++ {
		fill(s)
		if _, err := m.TrainSteps(ds, batches); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(batch)*float64(b.N)/b.Elapsed().Seconds(), "examples/s")
}

// BenchmarkTrainStepFit571 is the report's 571-parameter 1-D fit
// (1 → 190 → 1), batch 128.
func BenchmarkTrainStepFit571(b *testing.B) {
	benchTrainStep(b, mlp571, 1024, 128)
}

// BenchmarkTrainStepMNISTMLP is a four-layer ReLU network on flat MNIST
// images (784 → 256 → 256 → 256 → 10), batch 128.
func BenchmarkTrainStepMNISTMLP(b *testing.B) {
	benchTrainStep(b, Spec{
		Input: []int{784},
		Layers: []Layer{
			{Kind: Dense, Units: 256, Activation: ReLU},
			{Kind: Dense, Units: 256, Activation: ReLU},
			{Kind: Dense, Units: 256, Activation: ReLU},
			{Kind: Dense, Units: 10},
		},
		Loss: SoftmaxCrossEntropy,
	}, 2048, 128)
}

// BenchmarkTrainStepMNISTCNN is a small CNN on 28×28×1 images, batch 64.
func BenchmarkTrainStepMNISTCNN(b *testing.B) {
	benchTrainStep(b, Spec{
		Input: []int{28, 28, 1},
		Layers: []Layer{
			{Kind: Conv2D, Filters: 16, Kernel: 3, Activation: ReLU},
			{Kind: MaxPool, Pool: 2},
			{Kind: Conv2D, Filters: 32, Kernel: 3, Activation: ReLU},
			{Kind: MaxPool, Pool: 2},
			{Kind: Flatten},
			{Kind: Dense, Units: 10},
		},
		Loss: SoftmaxCrossEntropy,
	}, 1024, 64)
}

// benchModel builds spec with the default session configuration (all cores,
// graph optimizer on), closed when the benchmark ends, and loads examples
// random examples into it.
func benchModel(b *testing.B, spec Spec, examples int) (*Model, *Dataset) {
	b.Helper()
	spec.Session = SessionConfig{}
	m, err := New(spec)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = m.Close() })
	ds, err := m.Load(randomData(spec, examples, 1))
	if err != nil {
		b.Fatal(err)
	}
	return m, ds
}
