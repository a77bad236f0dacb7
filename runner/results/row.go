package results

import (
	"fmt"
	"slices"
	"strings"

	"hw1/runner/table"
)

// Row is one row of a result table by column name, the Col constants:
//
//	results.Row{results.ColModel: name, results.ColEpoch: e.Epoch, results.ColTrainLoss: loss, ...}
//
// Table.Append lays it out in the schema's column order, so a value cannot
// land in another column by its position. A map literal cannot name a
// column twice (Go rejects a repeated constant key), and Append rejects a
// missing or unknown one.
type Row map[string]any

// Append appends row to tb, a table with t's columns (t.New made it, with
// or without the optional ones): a cell per column of tb, in tb's order,
// each formatted with table.Format. row must name every column of tb and
// no other, and every cell must be of its column's kind and in its range
// (as Check has it); otherwise tb is left as it was and the error names
// the table and the columns.
func (t Table) Append(tb *table.Table, row Row) error {
	if d := t.ColumnDiff(tb.Columns); d != "" {
		return fmt.Errorf("%s: append to a table of other columns (%s): %s", t.label(), strings.Join(tb.Columns, ","), d)
	}
	var missing, unknown []string
	for _, c := range tb.Columns {
		if _, ok := row[c]; !ok {
			missing = append(missing, fmt.Sprintf("no column %q", c))
		}
	}
	for c := range row {
		if !slices.Contains(tb.Columns, c) {
			unknown = append(unknown, fmt.Sprintf("column %q is not in the table", c))
		}
	}
	if len(missing)+len(unknown) > 0 {
		slices.Sort(unknown) // a map's order is random; the message is not
		return fmt.Errorf("%s: row %s (columns %s)", t.label(), strings.Join(append(missing, unknown...), "; "), strings.Join(tb.Columns, ","))
	}
	cells := make([]string, len(tb.Columns))
	for i, c := range tb.Columns {
		// tb's columns are t's in order, optional ones last: column i is t's.
		cells[i] = table.Format(row[c])
		if err := t.Columns[i].check(cells[i]); err != nil {
			return fmt.Errorf("%s: row %d, column %s: %w", t.label(), len(tb.Rows)+1, c, err)
		}
	}
	tb.Rows = append(tb.Rows, cells)
	return nil
}

// label names t in an error: "experiment/file" for a table of the
// schema, its file otherwise.
func (t Table) label() string {
	for _, e := range Experiments() {
		if s, ok := e.Table(t.File); ok && slices.Equal(s.Names(true), t.Names(true)) {
			return e.Name + "/" + t.File
		}
	}
	return t.File
}
