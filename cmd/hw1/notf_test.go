//go:build !notf

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
)

// TestResultsToolNeedsNoTensorFlow builds hw1 without TensorFlow (the notf
// tag, no cgo, as `make results-tool` does) and runs list, plot, report,
// merge and compare on the smoke results with an environment that names no
// library at all; run is refused with the binary to use instead. Its merge
// of two shards is byte for byte the merge of the build with TensorFlow.
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
	// Two shards of a grad-norm run of 2 seeds, by the build with
	// TensorFlow, and their merge by it.
	work := t.TempDir()
	root := filepath.Join("..", "..")
	for _, s := range []string{"0", "1"} {
		args := []string{"run", "grad-norm", "--profile", "smoke", "--threads", "1", "--quiet", "--seeds", "2",
			"--shard", s + "/2", "--out", filepath.Join(work, "shard-"+s)}
		if code, out, errs := run(t, hw1Binary, root, args...); code != 0 {
			t.Fatalf("hw1 %v: exit %d\n%s\n%s", args, code, out, errs)
		}
	}
	shard0, shard1 := filepath.Join(work, "shard-0"), filepath.Join(work, "shard-1")
	if code, out, errs := run(t, hw1Binary, root, "merge", filepath.Join(work, "merged-tf"), shard0, shard1); code != 0 {
		t.Fatalf("hw1 merge: exit %d\n%s\n%s", code, out, errs)
	}
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
		{[]string{"merge", filepath.Join(work, "merged"), shard0, shard1}, 0, "merged grad-norm"},
		// The merged seeds run's record, and the merge held against it.
		{[]string{"record", filepath.Join(work, "merged"), filepath.Join(work, "record")}, 0, "record: 1 experiments"},
		{[]string{"compare", filepath.Join(work, "merged"), filepath.Join(work, "record")}, 0, "1 of 1 experiments agree"},
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
	// Every table of the two merges, byte for byte.
	tf := filepath.Join(work, "merged-tf")
	tables, err := filepath.Glob(filepath.Join(tf, results.GradNorm, "*", "*.csv"))
	if err != nil || len(tables) < 2 {
		t.Fatalf("the merge with TensorFlow wrote %d seed tables (%v), want one per seed", len(tables), err)
	}
	tables = append(tables, filepath.Join(tf, results.GradNorm, results.GradNormHistory.File))
	for _, a := range tables {
		rel, _ := filepath.Rel(tf, a)
		b := filepath.Join(work, "merged", rel)
		ta, errA := os.ReadFile(a)
		tb, errB := os.ReadFile(b)
		if errA != nil || errB != nil || !bytes.Equal(ta, tb) {
			t.Errorf("%s: the merges of the two builds differ (%v, %v)", rel, errA, errB)
		}
	}
}
