// Package runnertest holds what the experiments' tests share: an Env that
// writes into a temporary folder, the repository's MNIST, and checks of the
// tables an experiment wrote.
package runnertest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/table"
)

// Env is an Env writing into a temporary folder, with one thread and no
// progress output, reading MNIST from the repository's data/mnist (tests
// that need it call MNISTDir first). It holds one of the machine's cores,
// as Runner.Run leaves an experiment; cores, if given, is the number of
// cores it may use side by side (default: all of them).
func Env(t *testing.T, cores ...int) *runner.Env {
	t.Helper()
	n := 0
	if len(cores) > 0 {
		n = cores[0]
	}
	return runner.NewEnv(context.Background(), options(t, t.TempDir(), n))
}

// Resumed is an Env like Env's that resumes the run in dir under ctx, as
// Runner.Run resumes an unfinished run of the same configuration.
func Resumed(t *testing.T, ctx context.Context, dir string) *runner.Env {
	t.Helper()
	o := options(t, dir, 0)
	o.Resume = true
	return runner.NewEnv(ctx, o)
}

// options are Env's settings: one thread, quiet, the repository's MNIST.
func options(t *testing.T, dir string, cores int) runner.EnvOptions {
	t.Helper()
	return runner.EnvOptions{
		Dir: dir, Seed: 1, Session: graphs.SessionConfig{IntraOpThreads: 1, InterOpThreads: 1},
		DataDir: filepath.Join(repoRoot(t), "data", "mnist"), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Quiet: true, Cores: cores,
	}
}

// MNISTDir is the repository's data/mnist; tests that need it are skipped
// when it is missing (run 'make data').
func MNISTDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "data", "mnist")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no MNIST at %s: run 'make data'", dir)
	}
	return dir
}

// repoRoot is the folder of go.mod above the test's working folder.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = up
	}
}

// SmokeConfig returns exp's smoke configuration as its concrete type.
func SmokeConfig[C any](t *testing.T, exp runner.Experiment) *C {
	t.Helper()
	c, err := exp.Config("smoke")
	if err != nil {
		t.Fatal(err)
	}
	cfg, ok := c.(*C)
	if !ok {
		t.Fatalf("config of type %T", c)
	}
	return cfg
}

// ReadTable reads spec's table from env's folder and checks it against the
// schema.
func ReadTable(t *testing.T, env *runner.Env, spec results.Table) *table.Table {
	t.Helper()
	tb, err := table.Read(filepath.Join(env.Dir, spec.File))
	if err != nil {
		t.Fatalf("read %s: %v", spec.File, err)
	}
	if err := spec.Check(tb); err != nil {
		t.Fatal(err)
	}
	return tb
}

// EventFiles returns the TensorBoard event files under dir/tb, each keyed
// by its run: its folder relative to tb ("" for tb itself).
func EventFiles(t *testing.T, dir string) map[string][]string {
	t.Helper()
	tb := filepath.Join(dir, results.EventsDir)
	out := map[string][]string{}
	err := filepath.WalkDir(tb, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(d.Name(), "tfevents") {
			return err
		}
		run, err := filepath.Rel(tb, filepath.Dir(path))
		if run == "." {
			run = ""
		}
		out[filepath.ToSlash(run)] = append(out[filepath.ToSlash(run)], path)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

// FiniteColumn returns a column of tb as numbers, failing on any non-finite.
func FiniteColumn(t *testing.T, tb *table.Table, col string) []float64 {
	t.Helper()
	v, err := tb.Floats(col)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("column %s row %d = %v, want a finite number", col, i+1, x)
		}
	}
	return v
}

// CheckUnit fails unless every value lies in [0, 1].
func CheckUnit(t *testing.T, what string, v []float64) {
	t.Helper()
	for i, x := range v {
		if !(x >= 0 && x <= 1) {
			t.Errorf("%s[%d] = %v, want a value in [0, 1]", what, i, x)
		}
	}
}

// Near reports whether a and b agree to rel relative to max(|a|, |b|) or to
// abs absolutely.
func Near(a, b, rel, abs float64) bool {
	d := math.Abs(a - b)
	return d <= abs || d <= rel*max(math.Abs(a), math.Abs(b))
}

// SideBySideWritesTheSame runs exp's smoke profile twice, with no spare
// core and with two, and fails unless its runs side by side write the
// tables its runs one after the other do, byte for byte.
func SideBySideWritesTheSame(t *testing.T, exp runner.Experiment) {
	t.Helper()
	var dirs [2]string
	for i, n := range []int{1, 3} { // no spare core; two spare cores
		cfg, err := exp.Config("smoke")
		if err != nil {
			t.Fatal(err)
		}
		env := Env(t, n)
		if err := exp.Run(env, cfg); err != nil {
			t.Fatal(err)
		}
		dirs[i] = env.Dir
	}
	files, err := filepath.Glob(filepath.Join(dirs[0], "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no tables in %s (%v)", dirs[0], err)
	}
	for _, f := range files {
		one, err1 := os.ReadFile(f)
		two, err2 := os.ReadFile(filepath.Join(dirs[1], filepath.Base(f)))
		if err1 != nil || err2 != nil {
			t.Fatalf("read %s: %v, %v", filepath.Base(f), err1, err2)
		}
		if !bytes.Equal(one, two) {
			t.Errorf("%s differs between one after the other and side by side", filepath.Base(f))
		}
	}
}
