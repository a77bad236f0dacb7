package functionfit

// function-fit through the runner: what a run of it writes to its folder.

import (
	"bytes"
	"context"
	"fmt"
	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"hw1/runner/table"
	"hw1/runner/tensorboard"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// quietRunner runs function-fit's smoke profile into out with seed and one
// thread, its figures those of fakeDraw.
func quietRunner(t *testing.T, out string, seed int64, sets ...string) *runner.Runner {
	t.Helper()
	return runner.New(runner.Options{Out: out, Profile: "smoke", Seed: seed, Threads: 1, Sets: sets, Quiet: true,
		Draw: fakeDraw, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Experiments: runner.NewRegistry(Experiment())})
}

// fakeDraw stands in for the plots package: it names one figure after the
// folder it was asked to draw.
func fakeDraw(dir string) ([]string, error) {
	return []string{"figure-of-" + filepath.Base(dir)}, nil
}

// runOne runs the named experiment with r's options.
func runOne(t *testing.T, ctx context.Context, r *runner.Runner, name string) runner.Outcome {
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
	o := runOne(t, context.Background(), quietRunner(t, out, 3, "epochs=3"), "function-fit")
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
	env := &runner.Env{Dir: dir}
	tables := map[string]*table.Table{}
	for _, spec := range []results.Table{results.FunctionFitModels, results.FunctionFitLoss, results.FunctionFitPredictions} {
		tables[spec.File] = runnertest.ReadTable(t, env, spec)
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
	events := runnertest.EventFiles(t, dir)
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
		if o := runOne(t, context.Background(), quietRunner(t, out, 3), "function-fit"); o.Err != nil {
			t.Fatal(o.Err)
		}
	}
	r := quietRunner(t, c, 4)
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

// The runs side by side write the tables of the runs one after the other.
func TestRunsSideBySideWriteTheTablesOfOneAfterTheOther(t *testing.T) {
	runnertest.SideBySideWritesTheSame(t, Experiment())
}
