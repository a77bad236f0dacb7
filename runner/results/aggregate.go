package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"

	"hw1/runner/table"
)

// The suffixes of an aggregate table's columns, and its seed count.
const (
	SuffixMean = "_mean"
	SuffixStd  = "_std"
	SuffixMin  = "_min"
	SuffixMax  = "_max"
	ColN       = "n"
)

// Aggregated reports whether the table is aggregated over seeds: false when
// a mean over seeds means nothing for it (NoAggregate says why).
func (t Table) Aggregated() bool { return t.NoAggregate == "" }

// AggregateColumns returns the columns of t's aggregate over seeds when
// every seed has all of t's value columns: t's key columns, then for every
// value column its mean, sample standard deviation, minimum and maximum
// over the seeds, then n, the number of seeds that hold the row's key.
func (t Table) AggregateColumns() []string { return t.aggregateColumns(t.Values()) }

// aggregateColumns returns the aggregate's columns for the value columns
// values (those every seed has).
func (t Table) aggregateColumns(values []string) []string {
	out := t.Keys()
	for _, v := range values {
		out = append(out, v+SuffixMean, v+SuffixStd, v+SuffixMin, v+SuffixMax)
	}
	return append(out, ColN)
}

// Aggregate computes t's aggregate over the tables of several seeds (each as
// a single-seed run wrote it, checked against t). Rows are matched on their
// key columns and come in the order in which their keys first appear, seed
// by seed. A key that only some seeds hold is aggregated over those, and n
// says how many. Mean, std, min and max are over the seeds' finite values
// (NaN and ±Inf are left out, so that the result does not depend on the
// seeds' order): NaN when no seed has a finite value, and std NaN when only
// one has. Optional columns that some seeds lack are left out.
func (t Table) Aggregate(seeds []*table.Table) (*table.Table, error) {
	if !t.Aggregated() {
		return nil, fmt.Errorf("%s is not aggregated over seeds: %s", t.File, t.NoAggregate)
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("aggregate %s: no seed tables", t.File)
	}
	keys, values := t.Keys(), t.Values()
	var present []string // value columns every seed has
	for _, v := range values {
		all := true
		for _, s := range seeds {
			if _, err := s.Col(v); err != nil {
				all = false
			}
		}
		if all {
			present = append(present, v)
		}
	}
	var order []string
	samples := map[string][][]float64{} // key -> per value column, the seeds' finite values
	holders := map[string]int{}         // key -> number of seeds that hold it
	for i, s := range seeds {
		if err := t.Check(s); err != nil {
			return nil, fmt.Errorf("aggregate: seed table %d: %w", i+1, err)
		}
		keyIdx := make([]int, len(keys))
		for j, k := range keys {
			keyIdx[j], _ = s.Col(k)
		}
		valIdx := make([]int, len(present))
		for j, v := range present {
			valIdx[j], _ = s.Col(v)
		}
		seen := map[string]bool{}
		for r, row := range s.Rows {
			parts := make([]string, len(keyIdx))
			for j, c := range keyIdx {
				parts[j] = row[c]
			}
			k := strings.Join(parts, "\x00")
			if seen[k] {
				return nil, fmt.Errorf("aggregate %s: seed table %d repeats the key %v at row %d", t.File, i+1, parts, r+1)
			}
			seen[k] = true
			holders[k]++
			if _, ok := samples[k]; !ok {
				order = append(order, k)
				samples[k] = make([][]float64, len(present))
			}
			for j, c := range valIdx {
				x, err := number(row[c])
				if err != nil {
					return nil, fmt.Errorf("aggregate %s: seed table %d row %d column %s: %w", t.File, i+1, r+1, present[j], err)
				}
				if !math.IsNaN(x) && !math.IsInf(x, 0) {
					samples[k][j] = append(samples[k][j], x)
				}
			}
		}
	}
	out := table.New(t.aggregateColumns(present)...)
	for _, k := range order {
		row := make([]any, 0, len(out.Columns))
		for _, p := range strings.Split(k, "\x00") {
			row = append(row, p)
		}
		for _, xs := range samples[k] {
			row = append(row, summarize(xs)...)
		}
		row = append(row, holders[k])
		if err := out.Append(row...); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// summarize returns the mean, sample standard deviation, minimum and
// maximum of xs: all NaN for no value, the standard deviation NaN for one.
func summarize(xs []float64) []any {
	nan := math.NaN()
	switch len(xs) {
	case 0:
		return []any{nan, nan, nan, nan}
	case 1:
		return []any{xs[0], nan, xs[0], xs[0]}
	}
	return []any{stat.Mean(xs, nil), stat.StdDev(xs, nil), floats.Min(xs), floats.Max(xs)}
}

// number reads a numeric cell. No aggregated table has a true/false value
// column (the schema test checks it), so none is read as 1/0.
func number(cell string) (float64, error) {
	x, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", cell)
	}
	return x, nil
}
