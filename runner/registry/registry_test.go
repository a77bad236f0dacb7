package registry

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"hw1/runner"
	"hw1/runner/results"
)

// The registry runs exactly the schema's experiments, in the schema's order:
// an experiment added to the schema but not registered (or the other way
// round) fails here.
func TestRegistryIsTheSchema(t *testing.T) {
	var got []string
	for _, e := range New().All() {
		got = append(got, e.Name())
		// Its own cost, for the time estimate and the shard plan. Seeds
		// side by side on 2 cores: a seed costs more than half its time
		// alone, and not much more than all of it.
		if err := runner.CheckCost(e); err != nil {
			t.Error(err)
		}
		if s := runner.SeedShare(e); !(s > 0.5 && s <= 1.1) {
			t.Errorf("%s: seed share %g, want a measured value in (0.5, 1.1]", e.Name(), s)
		}
		for _, p := range []string{"smoke", "quick", "full"} {
			if _, err := e.Config(p); err != nil {
				t.Errorf("%s has no %s profile: %v", e.Name(), p, err)
			}
		}
	}
	if want := results.ExperimentNames(); !slices.Equal(got, want) {
		t.Errorf("registry %v, schema %v", got, want)
	}
}

// The engine never imports an experiment: package runner's dependencies
// hold none of the packages the registry lists.
func TestTheEngineImportsNoExperiment(t *testing.T) {
	list := func(args ...string) []string {
		t.Helper()
		out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
		if err != nil {
			t.Fatalf("go list %v: %v", args, err)
		}
		return strings.Fields(string(out))
	}
	experiments := list("-f", `{{join .Imports "\n"}}`, "hw1/runner/registry")
	deps := list("-deps", "hw1/runner")
	if len(deps) < 2 || len(experiments) == 0 {
		t.Fatalf("go list listed %d dependencies of the runner and %d imports of the registry: too little to judge", len(deps), len(experiments))
	}
	for _, e := range experiments {
		if e != "hw1/runner" && strings.HasPrefix(e, "hw1/runner/") && slices.Contains(deps, e) {
			t.Errorf("package runner depends on %s, an experiment: the engine must not import one (the registry joins them)", e)
		}
	}
	if slices.Contains(deps, "hw1/runner/registry") {
		t.Error("package runner depends on the registry")
	}
}
