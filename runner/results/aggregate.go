package results

import (
	"fmt"
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

// AggregateColumns returns the columns of t's aggregate over seeds: t's key
// columns, then for every value column its mean, sample standard deviation,
// minimum and maximum over the seeds, then n, the number of seeds that hold
// the row's key.
func (t Table) AggregateColumns() []string {
	out := t.Keys()
	for _, v := range t.Values() {
		out = append(out, v+SuffixMean, v+SuffixStd, v+SuffixMin, v+SuffixMax)
	}
	return append(out, ColN)
}

// Aggregate computes t's aggregate over the tables of several seeds (each as
// a single-seed run wrote it, checked against t). Rows are matched on their
// key columns and come in the order in which their keys first appear, seed
// by seed. A true/false column is averaged as 1/0, so its mean is the share
// of seeds where it holds. A key that only some seeds hold is aggregated
// over those, and n says how many. Optional columns that some seeds lack
// are left out.
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
	samples := map[string][][]float64{} // key -> per value column, the seeds' values
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
			if _, ok := samples[k]; !ok {
				order = append(order, k)
				samples[k] = make([][]float64, len(present))
			}
			for j, c := range valIdx {
				x, err := number(row[c])
				if err != nil {
					return nil, fmt.Errorf("aggregate %s: seed table %d row %d column %s: %w", t.File, i+1, r+1, present[j], err)
				}
				samples[k][j] = append(samples[k][j], x)
			}
		}
	}
	cols := keys
	for _, v := range present {
		cols = append(cols, v+SuffixMean, v+SuffixStd, v+SuffixMin, v+SuffixMax)
	}
	out := table.New(append(cols, ColN)...)
	for _, k := range order {
		row := make([]any, 0, len(out.Columns))
		for _, p := range strings.Split(k, "\x00") {
			row = append(row, p)
		}
		n := 0
		for _, xs := range samples[k] {
			n = len(xs)
			row = append(row, stat.Mean(xs, nil), sampleStd(xs), floats.Min(xs), floats.Max(xs))
		}
		if len(present) == 0 {
			n = countSeeds(seeds, keys, k)
		}
		row = append(row, n)
		if err := out.Append(row...); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sampleStd is the sample standard deviation, 0 for a single value.
func sampleStd(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	return stat.StdDev(xs, nil)
}

// number reads a numeric or true/false cell.
func number(cell string) (float64, error) {
	if b, err := strconv.ParseBool(cell); err == nil {
		if b {
			return 1, nil
		}
		return 0, nil
	}
	x, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", cell)
	}
	return x, nil
}

// countSeeds counts the seed tables holding key k (for tables with key
// columns only).
func countSeeds(seeds []*table.Table, keys []string, k string) int {
	n := 0
	for _, s := range seeds {
		idx := make([]int, len(keys))
		for j, c := range keys {
			idx[j], _ = s.Col(c)
		}
		for _, row := range s.Rows {
			parts := make([]string, len(idx))
			for j, c := range idx {
				parts[j] = row[c]
			}
			if strings.Join(parts, "\x00") == k {
				n++
				break
			}
		}
	}
	return n
}
