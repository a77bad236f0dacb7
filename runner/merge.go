package runner

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"hw1/plots"
	"hw1/runner/results"
	"hw1/runner/table"
)

// Merge joins the outputs of sharded runs (`hw1 run --shard i/n`, each with
// its own --out) into out: for every experiment folder found in the shards,
// each CSV table is the union of the shards' rows, deduplicated on the
// table's first column (the run key: run, model, batch_size, ...) and sorted
// by it; the manifest lists the shards. Figures are redrawn.
func Merge(out string, shards []string) ([]string, error) {
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
		if err := mergeExperiment(filepath.Join(out, n), byExp[n]); err != nil {
			return names, fmt.Errorf("merge %s: %w", n, err)
		}
	}
	return names, nil
}

func mergeExperiment(dst string, dirs []string) error {
	var m *results.Manifest
	merged := map[string]*table.Table{}
	var order []string
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
			m = dm
			m.Shards, m.Tables, m.Figures = nil, nil, nil
		} else if dm.Profile != m.Profile || dm.Seed != m.Seed || !sameJSON(dm.Config, m.Config) {
			return fmt.Errorf("%s ran with another profile, seed or configuration than %s: only shards of one run can be merged", d, dirs[0])
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
		csvs, _ := filepath.Glob(filepath.Join(d, "*.csv"))
		for _, path := range csvs {
			t, err := table.Read(path)
			if err != nil {
				return err
			}
			name := filepath.Base(path)
			have, ok := merged[name]
			if !ok {
				merged[name] = t
				order = append(order, name)
				continue
			}
			if !slices.Equal(have.Columns, t.Columns) {
				return fmt.Errorf("%s: columns %v differ from %v", path, t.Columns, have.Columns)
			}
			have.Rows = append(have.Rows, t.Rows...)
		}
	}
	for _, name := range order {
		t := merged[name]
		dedupe(t)
		if err := t.Write(filepath.Join(dst, name)); err != nil {
			return err
		}
		m.Tables = append(m.Tables, name)
	}
	figs, err := plots.Draw(dst)
	m.Figures = figs
	if err != nil && m.Status == results.StatusDone {
		m.Status, m.Error = results.StatusFailed, "figures: "+err.Error()
	}
	return m.Write(dst)
}

// dedupe keeps the first row of each key (first column) where every key
// appears once per shard, and sorts rows by key in natural order, so that
// merged tables read like an unsharded run's. Tables whose keys repeat
// within a shard (histories: one row per epoch) are only sorted stably.
func dedupe(t *table.Table) {
	if len(t.Columns) == 0 {
		return
	}
	seen := map[string]bool{}
	unique := true
	for _, r := range t.Rows {
		if seen[r[0]] {
			unique = false
			break
		}
		seen[r[0]] = true
	}
	if !unique {
		// Identical rows from overlapping shards are dropped; others stay.
		full := map[string]bool{}
		rows := t.Rows[:0]
		for _, r := range t.Rows {
			k := strings.Join(r, "\x00")
			if !full[k] {
				full[k] = true
				rows = append(rows, r)
			}
		}
		t.Rows = rows
	}
	sort.SliceStable(t.Rows, func(i, j int) bool { return keyLess(t.Rows[i][0], t.Rows[j][0]) })
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
