package plots

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"gonum.org/v1/plot/plotter"

	"hw1/runner/table"
)

// source is a table together with the file it came from, so that every error
// about its content names that file.
type source struct {
	path string
	t    *table.Table
}

// readTable reads dir/name and checks that it has the given columns and at
// least one row.
func readTable(dir, name string, columns ...string) (*source, error) {
	path := filepath.Join(dir, name)
	t, err := table.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("table %s is missing: the experiment did not write it (did it finish? rerun it)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("bad table: %w", err) // the error names the file
	}
	var missing []string
	for _, c := range columns {
		if _, err := t.Col(c); err != nil {
			missing = append(missing, fmt.Sprintf("%q", c))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("table %s: missing column %s (it has %s); the runner writes %s — rerun the experiment or fix the file",
			path, strings.Join(missing, ", "), strings.Join(t.Columns, ", "), strings.Join(columns, ", "))
	}
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("table %s: no rows, nothing to draw (did the experiment finish?)", path)
	}
	return &source{path: path, t: t}, nil
}

// has reports whether the table has the named column.
func (s *source) has(column string) bool {
	_, err := s.t.Col(column)
	return err == nil
}

// floats returns a numeric column; a cell that is not a number is an error
// naming the file, the column and the row.
func (s *source) floats(column string) ([]float64, error) {
	v, err := s.t.Floats(column)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", s.path, err)
	}
	return v, nil
}

// strings returns a text column.
func (s *source) strings(column string) ([]string, error) {
	v, err := s.t.Strings(column)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", s.path, err)
	}
	return v, nil
}

// distinct returns the values of a column in order of first appearance.
func (s *source) distinct(column string) ([]string, error) {
	v, err := s.t.Distinct(column)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", s.path, err)
	}
	return v, nil
}

// where returns the rows whose column equals value.
func (s *source) where(column, value string) (*source, error) {
	t, err := s.t.Where(column, value)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", s.path, err)
	}
	return &source{path: s.path, t: t}, nil
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
