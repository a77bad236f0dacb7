//go:build !notf

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
)

// TestResultsToolNeedsNoTensorFlow builds hw1 without TensorFlow (the notf
// tag, no cgo, as `make results-tool` does) and runs plot, report and
// compare on the smoke results with an environment that names no library
// at all; run is refused with the binary to use instead.
func TestResultsToolNeedsNoTensorFlow(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "hw1-results")
	build := exec.Command("go", "build", "-tags", "notf", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags notf: %v\n%s", err, out)
	}
	if out, err := exec.Command("go", "version", "-m", bin).CombinedOutput(); err != nil || !strings.Contains(string(out), "CGO_ENABLED=0") {
		t.Errorf("the results tool is not a pure-Go build (%v):\n%s", err, out)
	}
	res := copyResults(t, smokeResults(t))
	n := len(results.Experiments())
	bare := []string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir()} // no LD_LIBRARY_PATH, no TensorFlow variables
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plot", res}, 0, "grad-norm"},
		{[]string{"report", res}, 0, "report.html"},
		{[]string{"compare", res, res}, 0, fmt.Sprintf("%d of %d experiments agree", n, n)},
		// The experiments, and a key's value at smoke, from the catalog.
		{[]string{"list", "--keys", "--profile", "smoke"}, 0, "      --set runs=3  [int]"},
		{[]string{"list"}, 0, "  weight-pca        optimization: "},
		{[]string{"run", "all"}, 2, "bin/hw1"},
	} {
		cmd := exec.Command(bin, c.args...)
		cmd.Env = bare
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.code || !strings.Contains(string(out), c.want) {
			t.Errorf("hw1-results %v: exit %d, want %d and %q:\n%s", c.args, code, c.code, c.want, out)
		}
	}
}
