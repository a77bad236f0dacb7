package plots

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"hw1/runner/results"
	"hw1/runner/table"
)

// folder is where an experiment's figures come from: one seed's results
// folder, whose tables are as the schema has them, or a multi-seed folder
// (OUT/NAME of hw1 run --seeds), whose tables are the aggregates over its
// finished seeds (results.AggregateSeeds), each seed's own in its folder.
type folder struct {
	dir   string
	seeds []string // the finished seeds' folders; none for one seed's folder
}

// multi reports whether f is a multi-seed folder, whose figures show the
// spread over the seeds.
func (f folder) multi() bool { return len(f.seeds) > 0 }

// table reads schema's table: one seed's, checked against the schema
// (readTable); or in a multi-seed folder the aggregate over the seeds
// together with every seed's own table (readAggregate).
func (f folder) table(schema results.Table) (*source, error) {
	if f.multi() {
		return readAggregate(f.dir, schema, f.seeds)
	}
	return readTable(f.dir, schema)
}

// optionalTable is table for a table that a figure can do without: a
// missing file gives nil and no error; a file that is there must match the
// schema all the same.
func (f folder) optionalTable(schema results.Table) (*source, error) {
	if _, err := os.Stat(filepath.Join(f.dir, schema.File)); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return f.table(schema)
}

// pooled reads schema's table of every seed of a multi-seed folder and
// returns their rows one after another, in seed order, as one table: for a
// table whose rows are samples to pool over seeds rather than one
// measurement repeated (min-ratio's critical points). In one seed's folder
// it is table.
func (f folder) pooled(schema results.Table) (*source, error) {
	if !f.multi() {
		return f.table(schema)
	}
	var out *source
	for _, dir := range f.seeds {
		s, err := readTable(dir, schema)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = &source{path: filepath.Join(f.dir, "*", schema.File), t: table.New(s.t.Columns...), schema: schema}
		} else if !slices.Equal(s.t.Columns, out.t.Columns) {
			return nil, fmt.Errorf("pool %s over seeds: %s has the columns %s, %s has %s",
				schema.File, s.path, strings.Join(s.t.Columns, ","), filepath.Join(f.seeds[0], schema.File), strings.Join(out.t.Columns, ","))
		}
		out.t.Rows = append(out.t.Rows, s.t.Rows...)
	}
	return out, nil
}

// readAggregate reads from dir the aggregate over seeds of schema's table,
// checked against the aggregate's columns (aggregateSchema), and every
// seed's own table from the folders seeds, checked against the schema.
func readAggregate(dir string, schema results.Table, seeds []string) (*source, error) {
	if !schema.Aggregated() {
		// A figure of such a table is drawn per seed; asking for its
		// aggregate is a mistake in this package.
		return nil, fmt.Errorf("table %s is not aggregated over seeds (%s): its figures are drawn per seed", schema.File, schema.NoAggregate)
	}
	agg, err := readTable(dir, aggregateSchema(schema))
	if err != nil {
		return nil, fmt.Errorf("aggregate over seeds: %w", err)
	}
	s := &source{path: agg.path, t: agg.t, schema: schema, agg: true}
	for _, d := range seeds {
		st, err := readTable(d, schema)
		if err != nil {
			return nil, err
		}
		s.seeds = append(s.seeds, st)
	}
	return s, nil
}

// aggregateSchema is the schema of the aggregate over seeds of schema's
// table (results.Table.Aggregate): its key columns as they are, for every
// value column four numbers (mean, sample standard deviation, minimum and
// maximum; optional for an optional column) and n, the number of seeds, an
// integer. (results.Table.Check checks cells by the schema's column index,
// so in an aggregate without its optional columns n would be checked only
// as a number; no aggregated table has an optional column.)
func aggregateSchema(schema results.Table) results.Table {
	out := results.Table{File: schema.File, Doc: "aggregate over seeds: " + schema.Doc}
	for _, c := range schema.Columns {
		if c.Key {
			out.Columns = append(out.Columns, c)
		}
	}
	for _, c := range schema.Columns {
		if c.Key {
			continue
		}
		for _, suffix := range []string{results.SuffixMean, results.SuffixStd, results.SuffixMin, results.SuffixMax} {
			out.Columns = append(out.Columns, results.Column{Name: c.Name + suffix, Kind: results.Float, Optional: c.Optional,
				Doc: c.Doc + " (" + strings.TrimPrefix(suffix, "_") + " over the seeds)"})
		}
	}
	out.Columns = append(out.Columns, results.Column{Name: results.ColN, Kind: results.Int, Doc: "number of seeds that hold the row's key"})
	return out
}
