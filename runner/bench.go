package runner

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/models"
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
	Threads   int // the intra-op threads the model trained on (graphs.Model.Threads)
	Seconds   float64
	PerSecond float64
}

// Bench trains the named case for warmup untimed steps, then for steps timed
// ones, with the given batch size, through Env.Fit as the experiments train,
// and reports the throughput. dataDir holds MNIST (for the image cases).
func Bench(ctx context.Context, name, dataDir string, batch, steps, warmup int, session graphs.SessionConfig) (BenchResult, error) {
	mnist := func() (*data.Set, error) {
		train, _, err := data.Load(dataDir)
		return train, err
	}
	return bench(ctx, name, mnist, batch, steps, warmup, session)
}

// bench is Bench with MNIST's training set from mnist, called only by the
// image cases.
func bench(ctx context.Context, name string, mnist func() (*data.Set, error), batch, steps, warmup int, session graphs.SessionConfig) (BenchResult, error) {
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
		nets, activation, lr := models.DepthFits()
		spec = models.FitSpec(nets[0], activation, graphs.InitTorch, lr, 1, session)
		d = models.Curve(data.Sinc, 1000)
	default:
		train, err := mnist()
		if err != nil {
			return BenchResult{}, err
		}
		train = models.Head(train, 12800)
		d = models.ImageData(train)
		if name == "cnn" {
			cnns := models.DepthCNNs()
			spec = models.CNNSpec(cnns[len(cnns)-1].Layers, 0.001, 1, session)
		} else {
			spec = models.MLPSpec([]int{512, 512, 512}, 0.001, 1, session)
			d.Labels = data.RandomLabels(d.N, data.NumClasses, 1)
		}
	}
	m, err := graphs.New(spec)
	if err != nil {
		return BenchResult{}, err
	}
	defer m.Close()
	// Like the Keras side: the timed epoch is exactly steps full batches of
	// the data, cycled; the warm-up epoch trains on its first batches. The
	// timing must include no graph building and no first run of a graph:
	// when the timed fit takes several steps per run, so does the warm-up
	// (it takes at least minUnrolledFitSteps), and its last run is as long
	// as the timed fit's last; else the warm-up takes one step per run too.
	warm := warmup
	if per := m.StepsPerRun(); per > 1 && steps >= minUnrolledFitSteps {
		warm = max(warmup, minUnrolledFitSteps)
		warm += ((steps-warm)%per + per) % per
	} else if per > 1 {
		warm = min(warmup, minUnrolledFitSteps-1)
	}
	timed, err := m.Load(cycle(d, steps*batch))
	if err != nil {
		return BenchResult{}, err
	}
	dir, err := os.MkdirTemp("", "hw1-bench-")
	if err != nil {
		return BenchResult{}, fmt.Errorf("temporary folder for the training loop's event file: %w", err)
	}
	defer os.RemoveAll(dir)
	env := &Env{Ctx: ctx, Dir: dir, Seed: 1, Session: session, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	defer env.close()
	if warm > 0 {
		ds, err := m.Load(cycle(d, warm*batch))
		if err != nil {
			return BenchResult{}, err
		}
		if _, err := env.Fit(Fit{Name: "warm-up", Model: m, Train: ds, Epochs: 1, BatchSize: batch, Seed: 1}); err != nil {
			return BenchResult{}, err
		}
	}
	// The same training loop as the experiments' (Env.Fit): shuffling,
	// batching, several steps per run where the model allows it.
	start := time.Now()
	hist, err := env.Fit(Fit{Name: "timed", Model: m, Train: timed, Epochs: 1, BatchSize: batch, Seed: 2})
	if err != nil {
		return BenchResult{}, err
	}
	secs := time.Since(start).Seconds()
	taken := hist[len(hist)-1].Steps
	r := BenchResult{Case: bc, Params: m.NumParams(), Steps: taken, Batch: batch, Threads: m.Threads(), Seconds: secs}
	r.PerSecond = float64(taken) / secs
	if bc.Unit == "examples/s" {
		r.PerSecond *= float64(batch)
	}
	return r, nil
}

// cycle returns the first n examples of d, starting over at its first
// example when d has fewer.
func cycle(d graphs.Data, n int) graphs.Data {
	in, k := len(d.X)/d.N, len(d.Y)/d.N
	out := graphs.Data{N: n, X: make([]float32, 0, n*in)}
	if d.Y != nil {
		out.Y = make([]float32, 0, n*k)
	}
	if d.Labels != nil {
		out.Labels = make([]int32, 0, n)
	}
	for i := range n {
		j := i % d.N
		out.X = append(out.X, d.X[j*in:(j+1)*in]...)
		if d.Y != nil {
			out.Y = append(out.Y, d.Y[j*k:(j+1)*k]...)
		}
		if d.Labels != nil {
			out.Labels = append(out.Labels, d.Labels[j])
		}
	}
	return out
}
