package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"hw1/runner/results"
	"hw1/runner/table"
)

// folder is one experiment's folder as the report reads it: each CSV file
// is read and parsed at most once, and each schema table checked at most
// once, however many parts of the section use it.
type folder struct {
	dir     string
	files   map[string]readResult // by file name, as read
	checked map[string]readResult // by file name, checked against the schema
}

type readResult struct {
	t   *table.Table
	err error
}

func newFolder(dir string) *folder {
	return &folder{dir: dir, files: map[string]readResult{}, checked: map[string]readResult{}}
}

// file returns the CSV file name of the folder as it is on disk.
func (f *folder) file(name string) (*table.Table, error) {
	r, ok := f.files[name]
	if !ok {
		r.t, r.err = table.Read(filepath.Join(f.dir, name))
		f.files[name] = r
	}
	return r.t, r.err
}

// tableError is a result table that is missing, unreadable or does not
// match the schema.
type tableError struct {
	msg     string
	missing bool
}

func (e *tableError) Error() string { return e.msg }

// table returns spec's table of the folder, checked against the schema
// (results.Table.Check). Its errors are *tableError and name the file and,
// when the columns differ from the schema's, the columns.
func (f *folder) table(spec results.Table) (*table.Table, error) {
	if r, ok := f.checked[spec.File]; ok {
		return r.t, r.err
	}
	path := filepath.Join(f.dir, spec.File)
	t, err := f.file(spec.File)
	var r readResult
	switch {
	case errors.Is(err, fs.ErrNotExist):
		r.err = &tableError{missing: true,
			msg: fmt.Sprintf("%s is missing: the experiment left no %s (rerun it to produce the table)", path, spec.File)}
	case err != nil:
		r.err = &tableError{msg: fmt.Sprintf("read table: %v", err)}
	default:
		if err := spec.Check(t); err != nil {
			msg := fmt.Sprintf("%s: %v", f.dir, err)
			if d := spec.ColumnDiff(t.Columns); d != "" {
				msg += " (" + d + ")"
			}
			r.err = &tableError{msg: msg}
		} else {
			r.t = t
		}
	}
	f.checked[spec.File] = r
	return r.t, r.err
}

// tableReader reads one result table and its columns, keeping the first
// error so that a finding can read several columns and check once.
type tableReader struct {
	path string
	t    *table.Table
	err  error
}

// readTable reads spec's table from the folder, checks it against the
// schema and that it has at least one row. The columns a finding reads are
// the schema's (results.Col*), so a table that passes the check has them.
func readTable(f *folder, spec results.Table) *tableReader {
	path := filepath.Join(f.dir, spec.File)
	r := &tableReader{path: path}
	t, err := f.table(spec)
	if err != nil {
		r.err = err
		return r
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
