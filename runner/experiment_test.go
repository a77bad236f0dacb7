package runner

import (
	"slices"
	"testing"

	"hw1/runner/results"
)

// The registry runs exactly the schema's experiments, in the schema's order:
// an experiment added to the schema but not registered (or the other way
// round) fails here.
func TestRegistryIsTheSchema(t *testing.T) {
	var got []string
	for _, e := range NewRegistry().All() {
		got = append(got, e.Name())
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
