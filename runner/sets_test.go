package runner

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"hw1/runner/config"
	"hw1/runner/results"
)

func TestRouteSetsGivesEachExperimentItsKeys(t *testing.T) {
	exps := NewRegistry().All()
	byExp, _, err := RouteSets(exps, "smoke", []string{"epochs=1", "mnist-depth.epochs=2", "seed_runs=3"})
	if err == nil {
		t.Fatalf("a key no experiment has was routed: %v", byExp)
	}
	var ue *config.UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), `"seed_runs"`) {
		t.Errorf("unknown key: %v, want a usage error naming it", err)
	}
	byExp, notes, err := RouteSets(exps, "smoke", []string{"epochs=1", "mnist-depth.epochs=2"})
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
	if _, _, err := RouteSets(exps, "smoke", []string{"no-such.epochs=1"}); err == nil || !strings.Contains(err.Error(), "not an experiment of this run") {
		t.Errorf("an unknown experiment prefix: %v", err)
	}
	// One experiment: everything goes to it, for its own errors to judge.
	one := exps[:1]
	byExp, _, err = RouteSets(one, "smoke", []string{"epochz=1"})
	if err != nil || !slices.Equal(byExp[one[0].Name()], []string{"epochz=1"}) {
		t.Errorf("one experiment: %v, %v", byExp, err)
	}
}
