package runner

import (
	"context"
	"fmt"
	"time"

	"hw1/graphs"
	"hw1/runner/data"
)

// BenchCase names a training-throughput measurement of one of the
// experiments' models (scripts/bench.sh runs the same models in Keras).
type BenchCase struct {
	Name string
	Unit string // "examples/s" or "steps/s"
}

// BenchCases are the models measured by `hw1 bench`.
func BenchCases() []BenchCase {
	return []BenchCase{
		{"cnn", "examples/s"},        // mnist-depth's deep CNN, 114,314 parameters
		{"mlp571", "steps/s"},        // function-fit's 1-hidden-layer model, 571 parameters
		{"mlp-random", "examples/s"}, // random-labels' MLP 784-512-512-512-10
	}
}

// BenchResult is one timed repetition.
type BenchResult struct {
	Case      BenchCase
	Params    int
	Steps     int
	Batch     int
	Seconds   float64
	PerSecond float64
}

// Bench trains the named case for warmup untimed steps, then for steps timed
// ones, with the given batch size, and reports the throughput. dataDir holds
// MNIST (for the image cases).
func Bench(ctx context.Context, name, dataDir string, batch, steps, warmup int, session graphs.SessionConfig) (BenchResult, error) {
	var bc BenchCase
	for _, c := range BenchCases() {
		if c.Name == name {
			bc = c
		}
	}
	if bc.Name == "" {
		return BenchResult{}, fmt.Errorf("unknown bench case %q (known: cnn, mlp571, mlp-random)", name)
	}
	var spec graphs.Spec
	var d graphs.Data
	switch name {
	case "mlp571":
		cfg := functionFit().(*experiment[functionFitConfig]).profiles["full"]
		spec = fitSpec(cfg.Models[0], cfg.Activation, cfg.LR, 1, session)
		d = curve(data.Sinc, 1000)
	default:
		train, _, err := data.Load(dataDir)
		if err != nil {
			return BenchResult{}, err
		}
		train = head(train, 12800)
		d = imageData(train)
		if name == "cnn" {
			cfg := mnistDepth().(*experiment[mnistDepthConfig]).profiles["full"]
			spec = cnnSpec(cfg.Models[len(cfg.Models)-1].Layers, 0.001, 1, session)
		} else {
			spec = mlpSpec([]int{512, 512, 512}, 0.001, 1, session)
			d.Labels = data.RandomLabels(d.N, data.NumClasses, 1)
		}
	}
	m, err := graphs.New(spec)
	if err != nil {
		return BenchResult{}, err
	}
	defer m.Close()
	ds, err := m.Load(d)
	if err != nil {
		return BenchResult{}, err
	}
	order := data.Permutation(d.N, 1, 1)
	step := func(k int) error {
		lo := (k * batch) % d.N
		if lo+batch > d.N {
			lo = 0
		}
		_, err := m.TrainStep(ds, order[lo:lo+min(batch, d.N)])
		return err
	}
	for k := range warmup {
		if err := step(k); err != nil {
			return BenchResult{}, err
		}
	}
	start := time.Now()
	for k := range steps {
		if ctx.Err() != nil {
			return BenchResult{}, ctx.Err()
		}
		if err := step(warmup + k); err != nil {
			return BenchResult{}, err
		}
	}
	secs := time.Since(start).Seconds()
	r := BenchResult{Case: bc, Params: m.NumParams(), Steps: steps, Batch: batch, Seconds: secs}
	r.PerSecond = float64(steps) / secs
	if bc.Unit == "examples/s" {
		r.PerSecond *= float64(batch)
	}
	return r, nil
}
