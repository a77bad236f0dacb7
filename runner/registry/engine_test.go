package registry

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hw1/runner"
	"hw1/runner/config"
	"hw1/runner/results"
)

// The engine's suite-wide features on the real experiments, which the
// engine itself does not import.

func TestRouteSetsGivesEachExperimentItsKeys(t *testing.T) {
	exps := New().All()
	_, _, err := runner.RouteSets(exps, "smoke", []string{"epochs=1", "mnist-depth.epochs=2", "seed_runs=3"})
	var ue *config.UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), `"seed_runs"`) {
		t.Errorf("a key no experiment has: %v, want a usage error naming it", err)
	}
	byExp, notes, err := runner.RouteSets(exps, "smoke", []string{"epochs=1", "mnist-depth.epochs=2"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range exps {
		cfg, _ := e.Config("smoke")
		has := slices.ContainsFunc(config.Keys(cfg), func(k config.Key) bool { return k.Name == "epochs" })
		want := []string(nil)
		if has {
			want = []string{"epochs=1"}
		}
		if e.Name() == results.MNISTDepth {
			want = append(want, "epochs=2") // the qualified one, after: it wins
		}
		if !slices.Equal(byExp[e.Name()], want) {
			t.Errorf("%s got %v, want %v", e.Name(), byExp[e.Name()], want)
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "epochs=1 applies to") || strings.Contains(notes[0], results.WeightPCA) {
		t.Errorf("notes %q: want one saying which experiments epochs=1 applies to (not weight-pca, which has no epochs)", notes)
	}
	if _, _, err := runner.RouteSets(exps, "smoke", []string{"no-such.epochs=1"}); err == nil || !strings.Contains(err.Error(), "not an experiment of this run") {
		t.Errorf("an unknown experiment prefix: %v", err)
	}
	// One experiment: everything goes to it, for its own errors to judge.
	one := exps[:1]
	byExp, _, err = runner.RouteSets(one, "smoke", []string{"epochz=1"})
	if err != nil || !slices.Equal(byExp[one[0].Name()], []string{"epochz=1"}) {
		t.Errorf("one experiment: %v, %v", byExp, err)
	}
}

// Calibrate times only the speed classes of the jobs it is given, and reads
// MNIST only for a class that trains on it: function-fit calibrates without
// any data (one class, the small models'), while mnist-depth needs MNIST
// (here missing, so it fails).
func TestCalibrateTimesOnlyWhatTheJobsNeed(t *testing.T) {
	r := runner.New(runner.Options{Out: t.TempDir(), Profile: "smoke", Threads: 1, Quiet: true, DataDir: filepath.Join(t.TempDir(), "no-mnist"),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Experiments: New()})
	job := func(name string) runner.Job {
		exp, cfg, err := r.Prepare(name)
		if err != nil {
			t.Fatal(err)
		}
		return runner.Job{Exp: exp, Cfg: cfg}
	}
	cal, err := r.Calibrate(context.Background(), []runner.Job{job(results.FunctionFit)})
	if err != nil {
		t.Fatalf("function-fit alone: %v", err)
	}
	if len(cal.Speed) != 1 {
		t.Errorf("function-fit alone calibrated %v, want its one speed class", cal.Speed)
	}
	if _, err := r.Calibrate(context.Background(), []runner.Job{job(results.MNISTDepth)}); err == nil {
		t.Error("mnist-depth calibrated without MNIST: it cannot have timed its CNN on MNIST")
	}
}
