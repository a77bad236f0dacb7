package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"hw1/runner/table"
)

// tableReader reads one result table and its columns, keeping the first
// error so that a finding can read several columns and check once.
type tableReader struct {
	path string
	t    *table.Table
	err  error
}

// readTable reads expDir/name and checks that it has the needed columns and
// at least one row.
func readTable(expDir, name string, need ...string) *tableReader {
	path := filepath.Join(expDir, name)
	r := &tableReader{path: path}
	t, err := table.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		r.err = fmt.Errorf("%s is missing: the experiment left no %s (rerun it to produce the table)", path, name)
		return r
	}
	if err != nil {
		r.err = fmt.Errorf("read table: %w", err)
		return r
	}
	for _, c := range need {
		if _, err := t.Col(c); err != nil {
			r.err = fmt.Errorf("%s: %w", path, err)
			return r
		}
	}
	if len(t.Rows) == 0 {
		r.err = fmt.Errorf("%s has a header but no rows: the experiment stopped before writing any", path)
		return r
	}
	r.t = t
	return r
}

// floats returns a numeric column of the whole table.
func (r *tableReader) floats(col string) []float64 { return r.floatsOf(r.t, col) }

// strings returns a text column of the whole table.
func (r *tableReader) strings(col string) []string { return r.stringsOf(r.t, col) }

// floatsOf returns a numeric column of t (the table or a Where subset of it).
func (r *tableReader) floatsOf(t *table.Table, col string) []float64 {
	if r.err != nil {
		return nil
	}
	v, err := t.Floats(col)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", r.path, err)
	}
	return v
}

func (r *tableReader) stringsOf(t *table.Table, col string) []string {
	if r.err != nil {
		return nil
	}
	v, err := t.Strings(col)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", r.path, err)
	}
	return v
}

// where returns the rows whose column equals value.
func (r *tableReader) where(col, value string) *table.Table {
	if r.err != nil {
		return table.New()
	}
	t, err := r.t.Where(col, value)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", r.path, err)
		return table.New()
	}
	return t
}

// distinct returns a column's values in order of first appearance.
func (r *tableReader) distinct(col string) []string {
	if r.err != nil {
		return nil
	}
	v, err := r.t.Distinct(col)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", r.path, err)
	}
	return v
}

// orderBy returns the row indices of key sorted ascending (stable).
func orderBy(key []float64) []int {
	idx := make([]int, len(key))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return key[idx[a]] < key[idx[b]] })
	return idx
}

// pick returns xs reordered by idx.
func pick(xs []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

func pickStrings(xs []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
