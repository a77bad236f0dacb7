package compare

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
)

// spec is a small table of one key, one integer and one number column.
var spec = results.Table{File: "t.csv", Columns: []results.Column{
	{Name: "model", Kind: results.Text, Key: true},
	{Name: "steps", Kind: results.Int},
	{Name: "loss", Kind: results.Float},
}}

func write(t *testing.T, dir, body string) string {
	t.Helper()
	p := filepath.Join(dir, spec.File)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func compareBodies(t *testing.T, a, b string, tol Tolerance) *TableDiff {
	t.Helper()
	pa, pb := write(t, t.TempDir(), a), write(t, t.TempDir(), b)
	d, err := Table(spec, pa, pb, tol)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestTableVerdicts(t *testing.T) {
	base := "model,steps,loss\ndeep,10,0.5\nshallow,10,0.25\n"
	tol := Tolerance{Rel: 1e-6}
	for _, c := range []struct {
		name, b string
		want    Verdict
		maxRel  float64
		worst   string // the first worst cell's row/column, or ""
	}{
		{"same bytes", base, Identical, 0, ""},
		{"a number off by 2e-7 relative", "model,steps,loss\ndeep,10,0.5000001\nshallow,10,0.25\n", Within, 2e-7, "deep/loss"},
		{"the same number written otherwise", "model,steps,loss\ndeep,10,5e-1\nshallow,10,0.25\n", Within, 0, "deep/loss"},
		{"a number off by 1e-3 relative", "model,steps,loss\ndeep,10,0.5\nshallow,10,0.25025\n", Different, 0.25 * 1e-3 / 0.25025, "shallow/loss"},
		{"two number cells swapped", "model,steps,loss\ndeep,10,0.25\nshallow,10,0.5\n", Different, 0.5, "deep/loss"},
		{"an integer off by one", "model,steps,loss\ndeep,11,0.5\nshallow,10,0.25\n", Different, 0, "deep/steps"},
		{"a key renamed", "model,steps,loss\ndeeper,10,0.5\nshallow,10,0.25\n", Different, 0, "deep/model"},
		{"a row more", base + "wide,10,0.1\n", Different, 0, ""},
		{"columns in another order", "model,loss,steps\ndeep,0.5,10\nshallow,0.25,10\n", Different, 0, ""},
	} {
		d := compareBodies(t, base, c.b, tol)
		if d.Verdict != c.want || math.Abs(d.MaxRel-c.maxRel) > 1e-12 {
			t.Errorf("%s: %s with largest difference %g, want %s with %g (%+v)", c.name, d.Verdict, d.MaxRel, c.want, c.maxRel, d)
		}
		if c.worst != "" {
			row, col, _ := strings.Cut(c.worst, "/")
			if len(d.Worst) == 0 || d.Worst[0].Row != row || d.Worst[0].Column != col {
				t.Errorf("%s: worst cells %+v, want %s first", c.name, d.Worst, c.worst)
			}
		}
		if (d.Verdict == Different) != (d.Reason != "") {
			t.Errorf("%s: verdict %s with reason %q", c.name, d.Verdict, d.Reason)
		}
	}
}

func TestTolerance(t *testing.T) {
	tol := Tolerance{Rel: 1e-3, Abs: 1e-9}
	for _, c := range []struct {
		a, b float64
		want bool
	}{
		{1, 1.0009, true}, {1, 1.0011, false}, {0, 5e-10, true}, {0, 2e-9, false},
		{-2, -2.001, true}, {math.NaN(), math.NaN(), true}, {math.NaN(), 1, false},
	} {
		if got := tol.Within(c.a, c.b); got != c.want {
			t.Errorf("Within(%g, %g) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestTableMissingOnOneSide(t *testing.T) {
	pa := write(t, t.TempDir(), "model,steps,loss\ndeep,1,1\n")
	none := filepath.Join(t.TempDir(), spec.File)
	d, err := Table(spec, pa, none, Tolerance{})
	if err != nil || d == nil || d.Verdict != Missing {
		t.Errorf("a table in one folder only: %+v, %v; want missing", d, err)
	}
	if d, err := Table(spec, none, none, Tolerance{}); d != nil || err != nil {
		t.Errorf("a table in neither folder: %+v, %v; want nothing", d, err)
	}
}

// A number key column (a grid computed from the data) gets the tolerance
// too; a text key does not (TestTableVerdicts).
func TestNumberKeysGetTheTolerance(t *testing.T) {
	grid := results.Table{File: "d.csv", Columns: []results.Column{
		{Name: "lambda", Kind: results.Float, Key: true},
		{Name: "density", Kind: results.Float},
	}}
	pa := filepath.Join(t.TempDir(), "d.csv")
	pb := filepath.Join(t.TempDir(), "d.csv")
	os.WriteFile(pa, []byte("lambda,density\n-10.42732882207402,0.5\n"), 0o644)
	os.WriteFile(pb, []byte("lambda,density\n-10.427328925581673,0.5\n"), 0o644)
	for _, c := range []struct {
		rel  float64
		want Verdict
	}{{1e-6, Within}, {1e-9, Different}} {
		d, err := Table(grid, pa, pb, Tolerance{Rel: c.rel})
		if err != nil || d.Verdict != c.want {
			t.Errorf("relative tolerance %g: %+v, %v; want %s", c.rel, d, err, c.want)
		}
	}
}
