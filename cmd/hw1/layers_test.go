//go:build !notf

package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestLayersPointOneWay enforces the direction of the layers with `go list
// -deps`: graphs knows nothing of hw1; runner (the engine) and the
// experiments use graphs but never plots or the report; plots, the
// report, the shard plan and merge (runner/shards), the catalog, the
// record and compare read results only and link no TensorFlow. cmd/hw1 is the one place that wires
// them together.
func TestLayersPointOneWay(t *testing.T) {
	rules := []struct {
		pkg       string
		forbidden []string // import path prefixes
	}{
		{"hw1/graphs", []string{"hw1/runner", "hw1/plots", "hw1/cmd"}},
		{"hw1/runner", []string{"hw1/plots", "hw1/runner/report", "hw1/cmd", "hw1/runner/registry"}},
		// the experiments, through the registry that lists them all
		{"hw1/runner/registry", []string{"hw1/plots", "hw1/runner/report", "hw1/cmd"}},
		{"hw1/runner/results", []string{"github.com/wamuir/graft", "hw1/graphs", "hw1/plots", "hw1/runner/report", "hw1/runner/tensorboard"}},
		{"hw1/plots", []string{"github.com/wamuir/graft", "hw1/graphs", "hw1/runner/tensorboard", "hw1/runner/report", "hw1/cmd"}},
		{"hw1/runner/report", []string{"github.com/wamuir/graft", "hw1/graphs", "hw1/runner/tensorboard", "hw1/plots", "hw1/cmd"}},
		// what bin/hw1-results merges and lists with
		{"hw1/runner/shards", []string{"github.com/wamuir/graft", "hw1/graphs", "hw1/runner/tensorboard", "hw1/plots", "hw1/runner/report", "hw1/cmd"}},
		{"hw1/runner/catalog", []string{"github.com/wamuir/graft", "hw1/graphs", "hw1/runner/tensorboard", "hw1/plots", "hw1/runner/report", "hw1/cmd"}},
		// the compact record and compare: results, tables and findings only
		{"hw1/runner/record", []string{"github.com/wamuir/graft", "hw1/graphs", "hw1/runner/tensorboard", "hw1/plots", "hw1/cmd"}},
		{"hw1/runner/compare", []string{"github.com/wamuir/graft", "hw1/graphs", "hw1/runner/tensorboard", "hw1/plots", "hw1/cmd"}},
	}
	for _, r := range rules {
		out, err := exec.Command("go", "list", "-deps", r.pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", r.pkg, err)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 2 {
			t.Fatalf("go list -deps %s listed %v: too little to judge", r.pkg, deps)
		}
		for _, d := range deps {
			for _, f := range r.forbidden {
				if d == f || strings.HasPrefix(d, f+"/") {
					t.Errorf("%s depends on %s: the layers must point one way (see README, Development)", r.pkg, d)
				}
			}
		}
		// Readers of results never reach the training layer.
		if r.pkg != "hw1/runner" && r.pkg != "hw1/runner/registry" && slices.Contains(deps, "hw1/runner") {
			t.Errorf("%s depends on hw1/runner, the training layer", r.pkg)
		}
	}
}
