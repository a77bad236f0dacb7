package runner

// Helpers shared by the experiments' tests.

import (
	"errors"
	"io/fs"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// smokeConfig returns exp's smoke configuration as its concrete type.
func smokeConfig[C any](t *testing.T, exp Experiment) *C {
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

// readTable reads spec's table from env's folder and checks it against the
// schema.
func readTable(t *testing.T, env *Env, spec results.Table) *table.Table {
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

// eventFiles returns the TensorBoard event files under dir/tb, each keyed
// by its run: its folder relative to tb ("" for tb itself).
func eventFiles(t *testing.T, dir string) map[string][]string {
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

// finiteColumn returns a column of tb as numbers, failing on any non-finite.
func finiteColumn(t *testing.T, tb *table.Table, col string) []float64 {
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

// checkUnit fails unless every value lies in [0, 1].
func checkUnit(t *testing.T, what string, v []float64) {
	t.Helper()
	for i, x := range v {
		if !(x >= 0 && x <= 1) {
			t.Errorf("%s[%d] = %v, want a value in [0, 1]", what, i, x)
		}
	}
}
