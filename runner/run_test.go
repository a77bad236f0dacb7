package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/models"
	"hw1/runner/results"
	"hw1/runner/table"
	"hw1/runner/tensorboard"
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
	return NewRegistry(FunctionFit(), ParamCount(), needsMNIST())
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

// TestFunctionFitEndToEnd runs function-fit's smoke profile through the
// runner and checks its tables against the schema and the data.
func TestFunctionFitEndToEnd(t *testing.T) {
	out := t.TempDir()
	o := runOne(t, context.Background(), quietRunner(out, "epochs=3"), "function-fit")
	if o.Err != nil || o.Status != results.StatusDone {
		t.Fatalf("outcome %+v", o)
	}
	dir := filepath.Join(out, "function-fit")
	m, err := results.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != results.StatusDone || m.Profile != "smoke" || m.Seed != 3 || m.TensorFlow == "" || m.End.IsZero() {
		t.Errorf("manifest %+v", m)
	}
	if cfg := m.Config.(map[string]any); cfg["epochs"] != 3.0 {
		t.Errorf("manifest config epochs = %v, want the --set value 3", cfg["epochs"])
	}
	env := &Env{Dir: dir}
	tables := map[string]*table.Table{}
	for _, spec := range []results.Table{results.FunctionFitModels, results.FunctionFitLoss, results.FunctionFitPredictions} {
		tables[spec.File] = readTable(t, env, spec)
	}
	// Parameter counts: 1-190-1, 1-13-13-13-12-1 and 1-(9)x7-1, by hand:
	// 190·3+1 = 571; 26+182+182+168+13 = 571; 18+6·90+10 = 568.
	params, _ := tables["models.csv"].Strings("params")
	if len(params) != 3 || params[0] != "571" || params[1] != "571" || params[2] != "568" {
		t.Errorf("params %v, want [571 571 568]", params)
	}
	// 2 functions × 3 models × 3 epochs.
	if n := len(tables["loss.csv"].Rows); n != 18 {
		t.Errorf("loss.csv has %d rows, want 18", n)
	}
	// y_true is the target function at x.
	sq, _ := tables["predictions.csv"].Where("function", "square")
	xs, _ := sq.Floats("x")
	ys, _ := sq.Floats("y_true")
	for i, x := range xs {
		want := 1.0
		if int(x*5)%2 == 1 {
			want = -1
		}
		if math.Abs(x*5-math.Round(x*5)) < 1e-6 {
			continue // at the zeros of sin(5πx) the sign is rounding noise
		}
		if ys[i] != want {
			t.Fatalf("square(%g) = %g, want %g", x, ys[i], want)
		}
	}
	// TensorBoard holds the same curves: every loss.csv row as a scalar
	// (stored as float32).
	// One run per function and model (tb/sinc/shallow, ...), each with
	// the metrics as tags, so that TensorBoard overlays the models.
	events := eventFiles(t, dir)
	if len(events) != 6 {
		t.Fatalf("event files %v, want one for each of the 6 runs", events)
	}
	byKey := map[string]float64{}
	for run, files := range events {
		if len(files) != 1 {
			t.Fatalf("run %s: event files %v, want one", run, files)
		}
		scalars, err := tensorboard.ReadScalars(files[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range scalars {
			byKey[fmt.Sprintf("%s/%s@%d", run, s.Tag, s.Step)] = s.Value
		}
	}
	lossTable := tables["loss.csv"]
	for _, row := range lossTable.Rows {
		key := row[0] + "/" + row[1] + "/train_loss@" + row[2]
		want, _ := strconv.ParseFloat(row[3], 64)
		got, ok := byKey[key]
		if !ok || float32(got) != float32(want) {
			t.Errorf("TensorBoard %s = %v (present %v), loss.csv has %v", key, got, ok, want)
		}
	}
	if want := []string{"figure-of-function-fit"}; !slices.Equal(m.Figures, want) {
		t.Errorf("manifest figures %v, want %v (what the draw function returned for the experiment's folder)", m.Figures, want)
	}
}

// TestSameSeedSameTables runs function-fit twice with the same seed and
// compares the tables byte for byte; a third run with another seed differs.
func TestSameSeedSameTables(t *testing.T) {
	read := func(out string) []byte {
		b, err := os.ReadFile(filepath.Join(out, "function-fit", "loss.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if o := runOne(t, context.Background(), quietRunner(out), "function-fit"); o.Err != nil {
			t.Fatal(o.Err)
		}
	}
	r := quietRunner(c)
	r.opts.Seed = 4
	if o := runOne(t, context.Background(), r, "function-fit"); o.Err != nil {
		t.Fatal(o.Err)
	}
	if !bytes.Equal(read(a), read(b)) {
		t.Error("same seed, different loss.csv")
	}
	if bytes.Equal(read(a), read(c)) {
		t.Error("different seeds, identical loss.csv")
	}
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
	exp := &experiment[functionFitConfig]{name: "interrupt-test", run: func(env *Env, c *functionFitConfig) error {
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
	cfg, err := FunctionFit().Config("smoke")
	if err != nil {
		t.Fatal(err)
	}
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
