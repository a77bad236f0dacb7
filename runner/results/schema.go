package results

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hw1/runner/table"
)

// Kind is what a column's cells hold.
type Kind string

// Column kinds.
const (
	Text  Kind = "text"
	Int   Kind = "integer"
	Float Kind = "number"
	Bool  Kind = "true/false"
)

// Column is one column of a result table.
type Column struct {
	Name     string
	Kind     Kind
	Key      bool   // part of the row's key: what the row is about, not what was measured
	Optional bool   // present only in some runs (weight-pca's acc on MNIST); always last
	Doc      string // one line for the table docs
	// Range is what a numeric column's values may be (ranges.go); the
	// zero Range, as in a text column, checks nothing.
	Range Range
}

// Table is one result table of an experiment: its file name in the
// experiment's folder and its columns in file order.
type Table struct {
	File    string
	Doc     string
	Columns []Column
	// Sweep marks a table of independent runs whose first column is the run
	// key: each key appears once, --shard splits the keys, a resumed run
	// skips the keys already written, and `hw1 merge` joins shards by it.
	Sweep bool
	// NoAggregate, when not empty, says why a mean over seeds means nothing
	// for this table (say, PCA coordinates whose axes differ per seed): it
	// is kept per seed and not aggregated.
	NoAggregate string
}

// Schema is one experiment as it appears on disk: its name (the CLI name
// and the folder name) and its tables. What hw1 says about it is its
// Description (Describe); what runs it is the engine's runner.Experiment.
type Schema struct {
	Name   string
	Tables []Table
	// OneThread: every model of the experiment is small and dense, and
	// runs on one intra-op thread whatever --threads says (graphs'
	// smallDense, under hw1's default TF_OVERRIDE_GLOBAL_THREADPOOL=1), so
	// its tables do not depend on the thread count (Repeatability).
	OneThread bool
}

// Names returns the table's column names in file order; optional columns
// only when withOptional is true.
func (t Table) Names(withOptional bool) []string {
	var out []string
	for _, c := range t.Columns {
		if !c.Optional || withOptional {
			out = append(out, c.Name)
		}
	}
	return out
}

// Keys returns the names of the key columns, in file order.
func (t Table) Keys() []string {
	var out []string
	for _, c := range t.Columns {
		if c.Key {
			out = append(out, c.Name)
		}
	}
	return out
}

// Values returns the names of the value (measured) columns, in file order,
// optional ones included.
func (t Table) Values() []string {
	var out []string
	for _, c := range t.Columns {
		if !c.Key {
			out = append(out, c.Name)
		}
	}
	return out
}

// New returns an empty table with the schema's columns (the optional ones
// too when withOptional is true).
func (t Table) New(withOptional bool) *table.Table {
	return table.New(t.Names(withOptional)...)
}

// Check reports whether tb, read from or written to t.File, matches the
// schema: the columns in order (optional ones all or none), every cell of
// its kind and in its column's range, and, for a sweep table, every run key
// once.
func (t Table) Check(tb *table.Table) error {
	if !slices.Equal(tb.Columns, t.Names(false)) && !slices.Equal(tb.Columns, t.Names(true)) {
		return fmt.Errorf("%s: columns %s, want %s", t.File, strings.Join(tb.Columns, ","), strings.Join(t.Names(true), ","))
	}
	for r, row := range tb.Rows {
		if len(row) != len(tb.Columns) {
			return fmt.Errorf("%s: row %d has %d cells, want %d", t.File, r+1, len(row), len(tb.Columns))
		}
		for i, cell := range row {
			if err := t.Columns[i].check(cell); err != nil {
				return fmt.Errorf("%s: row %d, column %s: %w", t.File, r+1, t.Columns[i].Name, err)
			}
		}
	}
	if t.Sweep {
		seen := map[string]bool{}
		for r, row := range tb.Rows {
			if seen[row[0]] {
				return fmt.Errorf("%s: row %d repeats run %s %q", t.File, r+1, t.Columns[0].Name, row[0])
			}
			seen[row[0]] = true
		}
	}
	return nil
}

// ColumnDiff says how the columns have differ from t's, for an error
// message: the schema's columns missing from have (`no column "x"`), the
// columns of have the schema does not know (`column "y" is not in the
// schema`), or, when neither, that they are out of order, repeated or only
// some of the optional ones. It returns "" when have are t's columns in
// order, with or without the optional ones.
func (t Table) ColumnDiff(have []string) string {
	required, all := t.Names(false), t.Names(true)
	if slices.Equal(have, required) || slices.Equal(have, all) {
		return ""
	}
	var parts []string
	for _, c := range required {
		if !slices.Contains(have, c) {
			parts = append(parts, fmt.Sprintf("no column %q", c))
		}
	}
	for _, c := range have {
		if !slices.Contains(all, c) {
			parts = append(parts, fmt.Sprintf("column %q is not in the schema", c))
		}
	}
	if len(parts) == 0 {
		return "columns out of order, repeated, or only some of the optional ones"
	}
	return strings.Join(parts, "; ")
}

// check reports whether cell holds a value of c's kind in c's range.
func (c Column) check(cell string) error {
	if err := c.Kind.check(cell); err != nil {
		return err
	}
	if !c.Kind.numeric() {
		return nil
	}
	x, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		return fmt.Errorf("%q is not a %s", cell, c.Kind)
	}
	return c.Range.check(x)
}

// check reports whether cell holds a value of kind k.
func (k Kind) check(cell string) error {
	var err error
	switch k {
	case Int:
		_, err = strconv.ParseInt(cell, 10, 64)
	case Float:
		_, err = strconv.ParseFloat(cell, 64)
	case Bool:
		_, err = strconv.ParseBool(cell)
	case Text:
		if cell == "" {
			err = fmt.Errorf("empty")
		}
	}
	if err != nil {
		return fmt.Errorf("%q is not a %s", cell, k)
	}
	return nil
}

// Table returns the experiment's table stored in file.
func (e Schema) Table(file string) (Table, bool) {
	for _, t := range e.Tables {
		if t.File == file {
			return t, true
		}
	}
	return Table{}, false
}

// Lookup returns the schema of the experiment of that name.
func Lookup(name string) (Schema, bool) {
	for _, e := range Experiments() {
		if e.Name == name {
			return e, true
		}
	}
	return Schema{}, false
}

// ExperimentNames returns the experiments' names in the homework's order.
func ExperimentNames() []string {
	var out []string
	for _, e := range Experiments() {
		out = append(out, e.Name)
	}
	return out
}
