package runner

// Helpers of the tests of the optimization experiments (weight-pca,
// grad-norm, min-ratio).

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"hw1/runner/table"
)

// optimSmoke returns exp's smoke configuration as its concrete type.
func optimSmoke[C any](t *testing.T, exp Experiment) *C {
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

// optimTable reads name from env's folder and checks that its columns are
// exactly want.
func optimTable(t *testing.T, env *Env, name string, want ...string) *table.Table {
	t.Helper()
	tb, err := table.Read(filepath.Join(env.Dir, name))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if !slices.Equal(tb.Columns, want) {
		t.Fatalf("%s columns = %v, want %v", name, tb.Columns, want)
	}
	return tb
}

// optimFloats returns a column of tb as numbers, failing on any non-finite.
func optimFloats(t *testing.T, tb *table.Table, col string) []float64 {
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

// optimNear reports whether a and b agree to rel relative to max(|a|, |b|, 1e-300)
// or abs absolutely.
func optimNear(a, b, rel, abs float64) bool {
	d := math.Abs(a - b)
	return d <= abs || d <= rel*max(math.Abs(a), math.Abs(b))
}
