package runner

// Helpers of the tests of the generalization experiments (random-labels,
// param-count, interpolation, sensitivity).

import (
	"path/filepath"
	"slices"
	"testing"

	"hw1/runner/table"
)

// resultTable reads name from env's folder and checks that its columns begin
// with want.
func resultTable(t *testing.T, env *Env, name string, want ...string) *table.Table {
	t.Helper()
	tb, err := table.Read(filepath.Join(env.Dir, name))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if len(tb.Columns) < len(want) || !slices.Equal(tb.Columns[:len(want)], want) {
		t.Fatalf("%s columns = %v, want %v first", name, tb.Columns, want)
	}
	return tb
}

// column returns a column of tb as numbers.
func column(t *testing.T, tb *table.Table, col string) []float64 {
	t.Helper()
	v, err := tb.Floats(col)
	if err != nil {
		t.Fatal(err)
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

// smokeOf returns exp's smoke configuration as its concrete type.
func smokeOf[C any](t *testing.T, exp Experiment) *C {
	t.Helper()
	c, err := exp.Config("smoke")
	if err != nil {
		t.Fatal(err)
	}
	return c.(*C)
}
