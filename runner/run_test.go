package runner

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/models"
	"hw1/runner/results"
	"hw1/runner/table"
)

// quietRunner runs the smoke profile into out with one thread. Its figures
// are those of fakeDraw: the plots package draws real ones, and cmd/hw1's
// tests check them on the runner's real tables.
func quietRunner(out string, sets ...string) *Runner {
	return New(Options{Out: out, Profile: "smoke", Seed: 3, Threads: 1, Sets: sets, Quiet: true,
		Draw: fakeDraw, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Experiments: testRegistry()})
}

// testRegistry holds the experiments the runner's own tests run by name.
func testRegistry() *Registry {
	return NewRegistry(needsMNIST(), fakeSweep(0))
}

// fitConfig configures a test's 1-D networks.
type fitConfig struct {
	Models     []models.FitModel `json:"models"`
	Activation string            `json:"activation"`
	LR         float64           `json:"lr"`
}

// mnistConfig names an image dataset, as the image experiments' configs do.
type mnistConfig struct {
	Dataset string `json:"dataset"`
}

// needsMNIST is an experiment whose configuration names MNIST, trained on
// nothing: the input checks read the dataset it names.
func needsMNIST() Experiment {
	return Define(Definition[mnistConfig]{Name: "needs-mnist", Profiles: map[string]mnistConfig{"smoke": {Dataset: MNIST}},
		Run: func(*Env, *mnistConfig) error { return nil }})
}

// fakeDraw stands in for the plots package: it names one figure after the
// folder it was asked to draw, so a test can see that the runner asked for
// the right folder and recorded the answer.
func fakeDraw(dir string) ([]string, error) {
	return []string{"figure-of-" + filepath.Base(dir)}, nil
}

func runOne(t *testing.T, ctx context.Context, r *Runner, name string) Outcome {
	t.Helper()
	exp, cfg, err := r.Prepare(name)
	if err != nil {
		t.Fatal(err)
	}
	return r.Run(ctx, exp, cfg)
}

// TestInterruptKeepsTables runs an experiment that writes a table, is
// interrupted, and then trains: the loop must stop with ErrInterrupted, the
// table must stay, and the manifest must say "interrupted".
func TestInterruptKeepsTables(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := quietRunner(out)
	trained := -1
	exp := &experiment[fitConfig]{name: "interrupt-test", run: func(env *Env, c *fitConfig) error {
		done := results.FunctionFitModels.New(false)
		if err := done.Append("m", 1, 25); err != nil {
			return err
		}
		if err := env.WriteTable(results.FunctionFitModels, done); err != nil {
			return err
		}
		m, err := graphs.New(models.FitSpec(c.Models[0], c.Activation, graphs.InitTorch, c.LR, 1, env.Session))
		if err != nil {
			return err
		}
		defer m.Close()
		ds, err := m.Load(models.Curve(data.Sinc, 50))
		if err != nil {
			return err
		}
		cancel() // as Ctrl-C would
		hist, err := env.Fit(Fit{Name: "x", Model: m, Train: ds, Epochs: 5, BatchSize: 10})
		trained = len(hist)
		return err
	}}
	cfg := &fitConfig{Models: []models.FitModel{{Name: "m", Hidden: []int{4}}}, Activation: "relu", LR: 0.001}
	o := r.Run(ctx, exp, cfg)
	if o.Status != results.StatusInterrupted || !errors.Is(o.Err, ErrInterrupted) {
		t.Fatalf("outcome %+v, want interrupted", o)
	}
	if trained != 0 {
		t.Errorf("%d epochs trained after the interrupt, want 0", trained)
	}
	dir := filepath.Join(out, "interrupt-test")
	m, err := results.ReadManifest(dir)
	if err != nil || m.Status != results.StatusInterrupted || len(m.Tables) != 1 {
		t.Fatalf("manifest %+v, %v", m, err)
	}
	tb, err := table.Read(filepath.Join(dir, results.FunctionFitModels.File))
	if err != nil || len(tb.Rows) != 1 || tb.Rows[0][2] != "25" {
		t.Fatalf("%s after interrupt: %+v, %v", results.FunctionFitModels.File, tb, err)
	}
}
