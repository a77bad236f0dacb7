// Package table holds hw1's result tables: CSV files with a header row,
// written atomically (temp file + rename) so that a reader never sees half a
// table. The runner writes them; plots and the report read them. It imports
// nothing of TensorFlow.
package table

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// Table is a CSV table: named columns and rows of text cells.
type Table struct {
	Columns []string
	Rows    [][]string
}

// New returns an empty table with the given columns.
func New(columns ...string) *Table {
	return &Table{Columns: append([]string(nil), columns...)}
}

// Append adds a row; each value is formatted with Format. The number of
// values must match the number of columns.
func (t *Table) Append(values ...any) error {
	if len(values) != len(t.Columns) {
		return fmt.Errorf("table: row has %d values, want %d (%v)", len(values), len(t.Columns), t.Columns)
	}
	row := make([]string, len(values))
	for i, v := range values {
		row[i] = Format(v)
	}
	t.Rows = append(t.Rows, row)
	return nil
}

// Format renders one cell: floats in the shortest form that reads back
// exactly, integers in decimal, strings as they are.
func Format(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	default:
		return fmt.Sprint(x)
	}
}

// Col returns the index of the named column.
func (t *Table) Col(name string) (int, error) {
	for i, c := range t.Columns {
		if c == name {
			return i, nil
		}
	}
	return -1, fmt.Errorf("table: no column %q (columns: %v)", name, t.Columns)
}

// Strings returns the named column's cells.
func (t *Table) Strings(name string) ([]string, error) {
	i, err := t.Col(name)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(t.Rows))
	for r, row := range t.Rows {
		out[r] = row[i]
	}
	return out, nil
}

// Floats returns the named column parsed as numbers.
func (t *Table) Floats(name string) ([]float64, error) {
	cells, err := t.Strings(name)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(cells))
	for r, c := range cells {
		v, err := strconv.ParseFloat(c, 64)
		if err != nil {
			return nil, fmt.Errorf("table: column %q row %d: %q is not a number", name, r+1, c)
		}
		out[r] = v
	}
	return out, nil
}

// Where returns the rows whose named column equals value, as a new table
// sharing the columns.
func (t *Table) Where(name, value string) (*Table, error) {
	i, err := t.Col(name)
	if err != nil {
		return nil, err
	}
	out := New(t.Columns...)
	for _, row := range t.Rows {
		if row[i] == value {
			out.Rows = append(out.Rows, row)
		}
	}
	return out, nil
}

// Distinct returns the values of the named column in order of first
// appearance.
func (t *Table) Distinct(name string) ([]string, error) {
	cells, err := t.Strings(name)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, c := range cells {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out, nil
}

// Encode returns the table as CSV bytes.
func (t *Table) Encode() ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(t.Columns); err != nil {
		return nil, err
	}
	if err := w.WriteAll(t.Rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the table to path atomically.
func (t *Table) Write(path string) error {
	b, err := t.Encode()
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return WriteFileAtomic(path, b)
}

// Read reads a CSV table with a header row: path, or when there is no
// such file, its gzip-compressed form path.gz (Gzipped), as a record keeps
// its tables.
func Read(path string) (*Table, error) {
	r, err := open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	records, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("read %s: empty file, no header row", path)
	}
	return &Table{Columns: records[0], Rows: records[1:]}, nil
}

// WriteFileAtomic writes data to a temporary file beside path and renames it
// over path, so that path holds either the old or the new content, never a
// part.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp, 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}
