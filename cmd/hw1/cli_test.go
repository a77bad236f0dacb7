//go:build !notf

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hw1Binary is the hw1 binary built once for this test run, as a user gets
// it; TestMain sets it.
var hw1Binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hw1-cli-test")
	if err != nil {
		panic(err)
	}
	hw1Binary = filepath.Join(dir, "hw1")
	if out, err := exec.Command("go", "build", "-o", hw1Binary, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic(fmt.Sprintf("go build: %v\n%s", err, out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	if smokeRun.out != "" {
		os.RemoveAll(filepath.Dir(smokeRun.out))
	}
	os.Exit(code)
}

// run runs the binary in dir and returns its exit code, stdout and stderr.
func run(t *testing.T, bin, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// badUsage are command lines with a bad flag, argument or --set value: each
// exits 2 before anything runs and names the fix. work is the test's
// folder. The fault suite (faults_test.go) tries them.
func badUsage(work string) []usageCase {
	return []usageCase{
		{"unknown experiment", []string{"run", "no-such"}, 2, `unknown experiment "no-such"`},
		{"unknown profile", []string{"run", "function-fit", "--profile", "huge"}, 2, `"huge"`},
		{"bad set key", []string{"run", "function-fit", "--set", "epochz=3"}, 2, "epochs"},
		{"bad set value", []string{"run", "function-fit", "--set", "epochs=many"}, 2, "many"},
		{"bad set choice", []string{"run", "function-fit", "--set", "activation=cosine"}, 2, "relu"},
		{"missing data dir", []string{"run", "mnist-depth", "--data", filepath.Join(work, "nowhere")}, 2, "make data"},
		{"non-numeric seed", []string{"run", "function-fit", "--seed", "abc"}, 2, "seed"},
		{"no experiment", []string{"run"}, 2, "hw1 list"},
		{"bad shard", []string{"run", "function-fit", "--shard", "3/2"}, 2, "i/n"},
		{"more shards than seeds", []string{"run", "function-fit", "--seeds", "3", "--shard", "3/4"}, 2, "at most 3"},
		{"unknown command", []string{"frobnicate"}, 2, "frobnicate"},
		{"unknown device", []string{"run", "function-fit", "--device", "tpu"}, 2, "must be auto, cpu or gpu"},
		{"command typo", []string{"runn"}, 2, `unknown command "runn" (did you mean "run"?)`},
		{"experiment typo", []string{"run", "functon-fit"}, 2, `did you mean "function-fit"`},
		{"bad flag value", []string{"run", "all", "--threads", "abc"}, 2, `invalid value "abc" for flag --threads`},
		{"set value not a number", []string{"run", "function-fit", "--set", "epochs=abc"}, 2, "want a whole number, at least 1"},
		{"set key no experiment has", []string{"run", "all", "--set", "epoch=3"}, 2, `no experiment of this run has the key "epoch" (did you mean "epochs"?)`},
		{"report of a folder without results", []string{"report", work}, 2, "holds no experiment results"},
		{"merge of a folder without results", []string{"merge", filepath.Join(work, "merged"), work}, 2, "holds no experiment results"},
	}
}

// usageCase is one command line and what the user must see: the exit code
// and a text in stderr.
type usageCase struct {
	name string
	args []string
	code int
	want string
}

// check runs the case in work and reports what went wrong; a bad command
// line must leave no results behind.
func (c usageCase) check(t *testing.T, work string) {
	t.Helper()
	code, _, stderr := run(t, hw1Binary, work, c.args...)
	if code != c.code {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, c.code, stderr)
	}
	if !strings.Contains(stderr, c.want) {
		t.Errorf("stderr does not mention %q:\n%s", c.want, stderr)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("a panic reached the user:\n%s", stderr)
	}
	if entries, _ := os.ReadDir(filepath.Join(work, "results")); len(entries) > 0 {
		t.Errorf("bad usage left results behind: %v", entries)
	}
	for _, left := range []string{"merged", "report.html"} {
		if _, err := os.Stat(filepath.Join(work, left)); err == nil {
			t.Errorf("bad usage left %s behind", left)
		}
	}
	if strings.Contains(stderr, "USAGE:") {
		t.Errorf("bad usage answered with the whole help:\n%s", stderr)
	}
}

// TestCLIRunsSmokeAndPlots runs function-fit's smoke profile through the
// binary, then redraws its figures and lists the experiments.
func TestCLIRunsSmokeAndPlots(t *testing.T) {
	bin := hw1Binary
	work := t.TempDir()
	code, stdout, stderr := run(t, bin, work, "run", "function-fit", "--profile", "smoke", "--threads", "1", "--out", "res")
	if code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "function-fit") || !strings.Contains(stdout, "done") {
		t.Errorf("no one-line summary in stdout:\n%s", stdout)
	}
	png := filepath.Join(work, "res", "function-fit", "loss-sinc.png")
	if err := os.Remove(png); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, bin, work, "plot", "res"); code != 0 {
		t.Fatalf("plot: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(png); err != nil {
		t.Errorf("plot did not redraw %s: %v", png, err)
	}
	// A second run with the same profile and seed is skipped.
	code, stdout, _ = run(t, bin, work, "run", "function-fit", "--profile", "smoke", "--threads", "1", "--out", "res")
	if code != 0 || !strings.Contains(stdout, "skipped") {
		t.Errorf("rerun: exit %d, stdout:\n%s", code, stdout)
	}
	code, stdout, _ = run(t, bin, work, "list")
	if code != 0 || !strings.Contains(stdout, "function-fit") {
		t.Errorf("list: exit %d\n%s", code, stdout)
	}
	// --keys shows the asked profile's values, and what a 0 means.
	for profile, want := range map[string]string{"quick": "--set epochs=1000  [int]", "full": "--set epochs=20000  [int]"} {
		code, stdout, _ = run(t, bin, work, "list", "--keys", "--profile", profile)
		if code != 0 || !strings.Contains(stdout, want) || !strings.Contains(stdout, "[int; 0: all 60,000]") {
			t.Errorf("list --keys --profile %s: exit %d, want %q and what 0 means:\n%s", profile, code, want, stdout)
		}
	}
}
