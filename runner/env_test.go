package runner

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"hw1/graphs"
	"hw1/runner/results"
)

// testEnv is an Env writing into a temporary folder, with one thread and no
// progress output, reading MNIST from the repository's data/mnist (tests
// that need it call mnistDir first). It holds one of the machine's cores, as
// Runner.Run leaves an experiment.
func testEnv(t *testing.T) *Env {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	env := &Env{
		Ctx: context.Background(), Dir: t.TempDir(), Seed: 1,
		Session: graphs.SessionConfig{IntraOpThreads: 1, InterOpThreads: 1},
		Log:     log, data: newDataCache(filepath.Join("..", "data", "mnist")), progress: newProgress(log, true),
		cores: newCores(runtime.NumCPU()),
	}
	env.cores.take(env.Ctx)
	return env
}

func TestParseSeeds(t *testing.T) {
	for spec, want := range map[string][]int64{"": {7}, "3": {7, 8, 9}, "1": {7}, "1,2,5": {1, 2, 5}, " 4, 2 ": {4, 2}} {
		got, err := ParseSeeds(spec, 7)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("ParseSeeds(%q, 7) = %v, %v; want %v", spec, got, err, want)
		}
	}
	for _, bad := range []string{"0", "-2", "x", "1,x", "1,1", "2,"} {
		if _, err := ParseSeeds(bad, 7); err == nil {
			t.Errorf("ParseSeeds(%q) accepted", bad)
		}
	}
}

// A sweep table that cannot be resumed is an error and stays as it was:
// starting over would write over its rows.
func TestSweepKeepsATableItCannotResume(t *testing.T) {
	env := testEnv(t)
	env.resume = true
	path := filepath.Join(env.Dir, results.MinRatioPoints.File)
	old := []byte("run,loss\n0,0.5\n") // columns of an older hw1
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	ran := false
	err := env.Sweep(results.MinRatioPoints, []string{"0"}, func(int) (results.Row, error) { ran = true; return nil, nil })
	var input *InputError
	if !errors.As(err, &input) || ran {
		t.Errorf("Sweep over an unreadable table: %v (ran %v), want an *InputError before any run", err, ran)
	}
	if b, _ := os.ReadFile(path); string(b) != string(old) {
		t.Errorf("the table was rewritten: %q", b)
	}
}

func TestSplitTag(t *testing.T) {
	for tag, want := range map[string][2]string{
		"mnist-depth/deep/test_acc":            {"deep", "test_acc"},
		"function-fit/sinc/shallow/train_loss": {"sinc/shallow", "train_loss"},
		"grad-norm/train_loss":                 {"", "train_loss"},
		"fake/value":                           {"fake", "value"},
		"loss":                                 {"", "loss"},
	} {
		if run, metric := splitTag(tag); run != want[0] || metric != want[1] {
			t.Errorf("splitTag(%q) = %q, %q; want %q, %q", tag, run, metric, want[0], want[1])
		}
	}
}
