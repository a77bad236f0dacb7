package graphs_test

import (
	"fmt"
	"log"
	"math"

	"hw1/graphs"
)

// Fit sin(3x) on [-1, 1] with a small tanh network and Adam.
func Example() {
	m, err := graphs.New(graphs.Spec{
		Input: []int{1},
		Layers: []graphs.Layer{
			{Kind: graphs.Dense, Units: 16, Activation: graphs.Tanh},
			{Kind: graphs.Dense, Units: 1},
		},
		Loss:      graphs.MSE,
		Optimizer: graphs.Optimizer{Kind: graphs.Adam, LR: 0.01},
		Seed:      1,
		Session:   graphs.SessionConfig{IntraOpThreads: 1},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close()

	d := graphs.Data{N: 64}
	for i := range d.N {
		x := float64(i)/32 - 1
		d.X = append(d.X, float32(x))
		d.Y = append(d.Y, float32(math.Sin(3*x)))
	}
	train, err := m.Load(d) // the data stay in the graph; steps feed indices
	if err != nil {
		log.Fatal(err)
	}
	batch := make([]int32, d.N)
	for i := range batch {
		batch[i] = int32(i)
	}
	steps := make([][]int32, 300) // 300 full-batch steps
	for i := range steps {
		steps[i] = batch
	}
	before, _ := m.Evaluate(train, 64)
	if _, err := m.TrainSteps(train, steps); err != nil {
		log.Fatal(err)
	}
	after, _ := m.Evaluate(train, 64)
	fmt.Println("parameters:", m.NumParams())
	fmt.Println("loss fell tenfold:", after.Loss < before.Loss/10)
	// Output:
	// parameters: 49
	// loss fell tenfold: true
}
