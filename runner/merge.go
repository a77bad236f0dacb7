package runner

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"hw1/runner/results"
	"hw1/runner/table"
)

// Merge joins the outputs of sharded runs (`hw1 run --shard i/n`, each with
// its own --out) into out: for every experiment folder found in the shards,
// each table of the experiment's schema is the union of the shards' rows. A
// sweep table is deduplicated on its run key (its first column) and sorted by
// it; other tables keep their rows in order, less exact repeats. The manifest
// lists the shards, and draw (when not nil) redraws the figures.
func Merge(out string, shards []string, draw DrawFunc) ([]string, error) {
	byExp := map[string][]string{} // experiment -> its folders in the shards
	for _, s := range shards {
		entries, err := os.ReadDir(s)
		if err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
		for _, e := range entries {
			if _, err := os.Stat(filepath.Join(s, e.Name(), results.ManifestFile)); e.IsDir() && err == nil {
				byExp[e.Name()] = append(byExp[e.Name()], filepath.Join(s, e.Name()))
			}
		}
	}
	if len(byExp) == 0 {
		return nil, fmt.Errorf("merge: no experiment folders (with %s) in %s", results.ManifestFile, strings.Join(shards, ", "))
	}
	names := make([]string, 0, len(byExp))
	for n := range byExp {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := mergeExperiment(filepath.Join(out, n), byExp[n], draw); err != nil {
			return names, fmt.Errorf("merge %s: %w", n, err)
		}
	}
	return names, nil
}

func mergeExperiment(dst string, dirs []string, draw DrawFunc) error {
	var m *results.Manifest
	var exp results.Experiment
	merged := map[string]*table.Table{}
	for _, d := range dirs {
		dm, err := results.ReadManifest(d)
		if err != nil {
			return err
		}
		shard := strings.Join(dm.Shards, ",")
		if shard == "" {
			shard = "all"
		}
		if m == nil {
			var ok bool
			if exp, ok = results.Lookup(dm.Experiment); !ok {
				return fmt.Errorf("%s: unknown experiment %q in its manifest", d, dm.Experiment)
			}
			m = dm
			m.Shards, m.Tables, m.Figures = nil, nil, nil
		} else if dm.Experiment != m.Experiment || dm.Profile != m.Profile || dm.Seed != m.Seed || !sameJSON(dm.Config, m.Config) {
			return fmt.Errorf("%s ran with another experiment, profile, seed or configuration than %s: only shards of one run can be merged", d, dirs[0])
		}
		m.Shards = append(m.Shards, shard+" from "+d)
		if dm.Status != results.StatusDone {
			m.Status = dm.Status
			m.Error = strings.TrimSpace(m.Error + " " + d + ": " + dm.Status + " " + dm.Error)
		}
		m.DurationSeconds += dm.DurationSeconds
		if dm.End.After(m.End) {
			m.End = dm.End
		}
		for _, spec := range exp.Tables {
			path := filepath.Join(d, spec.File)
			t, err := table.Read(path)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			} else if err != nil {
				return err
			}
			if err := spec.Check(t); err != nil {
				return fmt.Errorf("%s: %w", d, err)
			}
			if have, ok := merged[spec.File]; ok {
				if !slices.Equal(have.Columns, t.Columns) {
					return fmt.Errorf("%s: columns %v differ from %v", path, t.Columns, have.Columns)
				}
				have.Rows = append(have.Rows, t.Rows...)
			} else {
				merged[spec.File] = t
			}
		}
	}
	for _, spec := range exp.Tables {
		t, ok := merged[spec.File]
		if !ok {
			continue
		}
		dedupe(t, spec.Sweep)
		if err := t.Write(filepath.Join(dst, spec.File)); err != nil {
			return err
		}
		m.Tables = append(m.Tables, spec.File)
	}
	if draw != nil {
		figs, err := draw(dst)
		m.Figures = figs
		if err != nil && m.Status == results.StatusDone {
			m.Status, m.Error = results.StatusFailed, "figures: "+err.Error()
		}
	}
	return m.Write(dst)
}

// dedupe drops repeated rows: in a sweep table, every row of a run key after
// the first, then sorts the rows by key in natural order, so that merged
// tables read like an unsharded run's; in other tables, rows repeated cell
// for cell (from overlapping shards), keeping the order.
func dedupe(t *table.Table, sweep bool) {
	seen := map[string]bool{}
	rows := t.Rows[:0]
	for _, r := range t.Rows {
		k := strings.Join(r, "\x00")
		if sweep {
			k = r[0]
		}
		if !seen[k] {
			seen[k] = true
			rows = append(rows, r)
		}
	}
	t.Rows = rows
	if sweep {
		sort.SliceStable(t.Rows, func(i, j int) bool { return keyLess(t.Rows[i][0], t.Rows[j][0]) })
	}
}

// keyLess orders keys naturally: runs of digits compare as numbers, so
// "mlp-w2" comes before "mlp-w16" and run 9 before run 10, as the sweeps
// run them.
func keyLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		switch {
		case da > 0 && db > 0:
			x, y := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(x) != len(y) {
				return len(x) < len(y)
			}
			if x != y {
				return x < y
			}
			a, b = a[da:], b[db:]
		case a[0] != b[0]:
			return a[0] < b[0]
		default:
			a, b = a[1:], b[1:]
		}
	}
	return len(a) < len(b)
}

// digitsPrefix is the number of ASCII digits at the start of s.
func digitsPrefix(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
