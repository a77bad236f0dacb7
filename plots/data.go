package plots

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/plot/plotter"

	"hw1/runner/results"
	"hw1/runner/table"
)

// source is a table together with the file it came from, so that every error
// about its content names that file.
//
// A source can also be the aggregate over seeds of a multi-seed folder
// (readAggregate): t is then the aggregate table, whose value columns the
// methods below read as their means over the seeds (<column>_mean), and
// seeds holds every seed's own table, filtered as t is, for the figures'
// bands and faint per-seed lines (panel.curve).
type source struct {
	path   string
	t      *table.Table
	schema results.Table // the table's schema (for an aggregate: of each seed's table)
	agg    bool          // t is the aggregate over seeds
	seeds  []*source     // with agg: the seeds' own tables
}

// readTable reads the table schema.File of the experiment in dir and checks
// it against the schema of runner/results: the schema's columns in its order
// (the optional ones all or none), every cell of its column's kind, and at
// least one row. Every error names the file.
func readTable(dir string, schema results.Table) (*source, error) {
	path := filepath.Join(dir, schema.File)
	t, err := table.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("table %s is missing: the experiment did not write it (did it finish? rerun it)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("bad table: %w", err) // the error names the file
	}
	if err := checkColumns(path, t.Columns, schema); err != nil {
		return nil, err
	}
	if err := schema.Check(t); err != nil {
		return nil, fmt.Errorf("bad table in %s: %w", dir, err) // the error names the file, row and column
	}
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("table %s: no rows, nothing to draw (did the experiment finish?)", path)
	}
	return &source{path: path, t: t, schema: schema}, nil
}

// checkColumns reports, for the table at path, how its columns differ from
// the schema's (results.Table.ColumnDiff), with what the file has and what
// the schema wants.
func checkColumns(path string, has []string, schema results.Table) error {
	diff := schema.ColumnDiff(has)
	if diff == "" {
		return nil
	}
	required, all := schema.Names(false), schema.Names(true)
	want := strings.Join(all, ",")
	if len(required) < len(all) {
		want = fmt.Sprintf("%s (the last %d optional)", want, len(all)-len(required))
	}
	return fmt.Errorf("table %s does not match the schema (runner/results): %s; it has %s, the schema wants %s — rerun the experiment or fix the file",
		path, diff, strings.Join(has, ","), want)
}

// column returns the name under which s holds the schema's column: the
// name itself, or for a value column of an aggregate its mean's.
func (s *source) column(name string) string {
	if s.agg && slices.Contains(s.schema.Values(), name) {
		return name + results.SuffixMean
	}
	return name
}

// has reports whether the table has the named column.
func (s *source) has(column string) bool {
	_, err := s.t.Col(s.column(column))
	return err == nil
}

// floats returns a numeric column (of an aggregate: a value column's mean);
// a cell that is not a number is an error naming the file, the column and
// the row.
func (s *source) floats(column string) ([]float64, error) {
	v, err := s.t.Floats(s.column(column))
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", s.path, err)
	}
	return v, nil
}

// strings returns a text column.
func (s *source) strings(column string) ([]string, error) {
	v, err := s.t.Strings(s.column(column))
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", s.path, err)
	}
	return v, nil
}

// distinct returns the values of a column in order of first appearance.
func (s *source) distinct(column string) ([]string, error) {
	v, err := s.t.Distinct(s.column(column))
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", s.path, err)
	}
	return v, nil
}

// where returns the rows whose column equals value (of an aggregate, and of
// each of its seeds' tables).
func (s *source) where(column, value string) (*source, error) {
	t, err := s.t.Where(s.column(column), value)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", s.path, err)
	}
	out := &source{path: s.path, t: t, schema: s.schema, agg: s.agg}
	for _, seed := range s.seeds {
		st, err := seed.where(column, value)
		if err != nil {
			return nil, err
		}
		out.seeds = append(out.seeds, st)
	}
	return out, nil
}

// columns returns several numeric columns at once.
func (s *source) columns(names ...string) ([][]float64, error) {
	out := make([][]float64, len(names))
	for i, n := range names {
		v, err := s.floats(n)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// scale says how an axis maps values; on a log axis only positive values
// can be drawn.
type scale int

const (
	linear scale = iota
	logScale
)

// drawable reports whether v can be placed on an axis of scale sc.
func drawable(v float64, sc scale) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return false
	}
	return sc == linear || v > 0
}

// xys pairs xs with ys, leaving out the points that the axes cannot show:
// NaN and infinite values everywhere, and values <= 0 on a log axis (a
// diverged run or a loss that reached exactly zero must not stop the
// figure).
func xys(xs, ys []float64, sx, sy scale) plotter.XYs {
	out := make(plotter.XYs, 0, len(xs))
	for i := range xs {
		if i < len(ys) && drawable(xs[i], sx) && drawable(ys[i], sy) {
			out = append(out, plotter.XY{X: xs[i], Y: ys[i]})
		}
	}
	return out
}

// sortedByX returns the points ordered by x (stable, so equal x keep their
// table order).
func sortedByX(pts plotter.XYs) plotter.XYs {
	out := append(plotter.XYs(nil), pts...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].X < out[j].X })
	return out
}

// slug turns a value from a table (a function, scope or pair name) into a
// safe part of a file name: letters, digits, '-', '_' and '.' stay, anything
// else becomes '-'.
func slug(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), ".")
	if out == "" {
		return "unnamed"
	}
	return out
}
