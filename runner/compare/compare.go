// Package compare holds one experiment's tables against another run's:
// identical byte for byte, equal within a tolerance, or different, with
// the largest differences named. It reads tables through the result
// schema (runner/results) and imports nothing of TensorFlow, so that
// results can be compared on any machine.
package compare

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strconv"

	"hw1/runner/results"
	"hw1/runner/table"
)

// Tolerance is how far two numbers may be apart and still count as equal:
// |a - b| <= Abs + Rel·max(|a|, |b|). Only number columns get it, keys
// among them (a density's grid, a surface's coordinates are computed);
// integers and text must be equal.
type Tolerance struct {
	Rel, Abs float64
}

// Within reports whether a and b are equal within the tolerance.
func (tol Tolerance) Within(a, b float64) bool {
	if a == b || (math.IsNaN(a) && math.IsNaN(b)) {
		return true
	}
	return math.Abs(a-b) <= tol.Abs+tol.Rel*math.Max(math.Abs(a), math.Abs(b))
}

// Verdict is how two tables compare.
type Verdict string

// The verdicts, from best to worst.
const (
	Identical Verdict = "identical" // the same bytes
	Within    Verdict = "within"    // the same rows and keys; numbers within the tolerance
	Different Verdict = "different" // anything else
	Missing   Verdict = "missing"   // in one folder only
)

// Cell is one differing cell: the row's keys, the column and both values.
type Cell struct {
	Row    string // the row's key values, joined by commas
	Column string
	A, B   string
	Rel    float64 // |a - b| / max(|a|, |b|); +Inf where the cells are not both numbers
}

// TableDiff is how one table of one experiment compares.
type TableDiff struct {
	File    string
	Verdict Verdict
	Reason  string  // why Different or Missing, in words
	MaxRel  float64 // the largest relative difference of a number column
	Worst   []Cell  // the largest differences, largest first (at most MaxWorst)
}

// MaxWorst is how many of the largest differences a TableDiff names.
const MaxWorst = 3

// Tables compares the tables of experiment exp in folders a and b.
func Tables(exp results.Schema, a, b string, tol Tolerance) ([]TableDiff, error) {
	var out []TableDiff
	for _, spec := range exp.Tables {
		d, err := Table(spec, filepath.Join(a, spec.File), filepath.Join(b, spec.File), tol)
		if err != nil {
			return nil, err
		}
		if d != nil {
			out = append(out, *d)
		}
	}
	return out, nil
}

// Table compares the table spec at paths a and b; nil when neither exists.
func Table(spec results.Table, a, b string, tol Tolerance) (*TableDiff, error) {
	ba, errA := table.ReadBytes(a) // a record's tables are compressed
	bb, errB := table.ReadBytes(b)
	for _, err := range []error{errA, errB} {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("compare: %w", err)
		}
	}
	d := &TableDiff{File: spec.File}
	switch {
	case errA != nil && errB != nil:
		return nil, nil
	case errA != nil || errB != nil:
		d.Verdict, d.Reason = Missing, "in one folder only"
		return d, nil
	case bytes.Equal(ba, bb):
		d.Verdict = Identical
		return d, nil
	}
	ta, err := table.Read(a)
	if err != nil {
		return nil, err
	}
	tb, err := table.Read(b)
	if err != nil {
		return nil, err
	}
	cellsOf(spec, ta, tb, tol, d)
	return d, nil
}

// cellsOf compares two parsed tables of one schema cell by cell and fills
// d's verdict, reason, largest difference and worst cells.
func cellsOf(spec results.Table, ta, tb *table.Table, tol Tolerance, d *TableDiff) {
	if !slices.Equal(ta.Columns, tb.Columns) {
		d.Verdict, d.Reason = Different, fmt.Sprintf("columns %v and %v", ta.Columns, tb.Columns)
		return
	}
	if len(ta.Rows) != len(tb.Rows) {
		d.Verdict, d.Reason = Different, fmt.Sprintf("%d and %d rows", len(ta.Rows), len(tb.Rows))
		return
	}
	kinds := make([]results.Column, len(ta.Columns))
	for i, name := range ta.Columns {
		for _, c := range spec.Columns {
			if c.Name == name {
				kinds[i] = c
			}
		}
	}
	d.Verdict = Within
	var cells []Cell
	for r := range ta.Rows {
		row := rowKey(kinds, ta.Rows[r])
		for i, col := range kinds {
			x, y := ta.Rows[r][i], tb.Rows[r][i]
			if x == y {
				continue
			}
			c := Cell{Row: row, Column: ta.Columns[i], A: x, B: y, Rel: math.Inf(1)}
			fx, ex := strconv.ParseFloat(x, 64)
			fy, ey := strconv.ParseFloat(y, 64)
			numbers := ex == nil && ey == nil && col.Kind == results.Float
			if numbers {
				c.Rel = 0
				if fx != fy {
					c.Rel = math.Abs(fx-fy) / math.Max(math.Abs(fx), math.Abs(fy))
				}
				d.MaxRel = math.Max(d.MaxRel, c.Rel)
			}
			if !numbers || !tol.Within(fx, fy) {
				d.Verdict = Different
			}
			cells = append(cells, c)
		}
	}
	if d.Verdict == Different && d.Reason == "" {
		d.Reason = "values beyond the tolerance"
	}
	slices.SortStableFunc(cells, func(p, q Cell) int {
		switch {
		case p.Rel > q.Rel:
			return -1
		case p.Rel < q.Rel:
			return 1
		}
		return 0
	})
	d.Worst = cells[:min(MaxWorst, len(cells))]
}

// rowKey is the row's key cells, joined by commas.
func rowKey(cols []results.Column, row []string) string {
	var b []byte
	for i, c := range cols {
		if c.Key {
			if len(b) > 0 {
				b = append(b, ',')
			}
			b = append(b, row[i]...)
		}
	}
	return string(b)
}
