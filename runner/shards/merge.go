package shards

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
// its own --out) into out. The shards of one run each hold a ShardFile:
// then every unit of the run's plan must be in exactly one folder, its
// shard's (readMergePlan): a shard given twice, or a unit in a folder of
// another shard, is refused (*InputError) before anything is written, and
// units that no folder holds make the merge incomplete
// (*MissingUnitsError). Shards of a multi-seed run (--seeds) are joined
// seed folder by seed folder (mergeSeeds); those of a single seed as
// follows: for every experiment folder found in the shards,
// each table of the experiment's schema is the union of the shards' rows. A
// sweep table is deduplicated on its run key (its first column) and sorted by
// it; other tables keep their rows in order, less exact repeats. The manifest
// lists the shards, and draw (when not nil) redraws the figures.
//
// Two shards that hold different rows for one run key are a conflict: the
// merge stops there and the error names the key and both folders. A
// merge that lacks a shard of i/n, or holds one that did not finish, gets
// the status "incomplete", never "done", and Merge returns an error saying
// which shards to run (the merged tables are written all the same).
//
// A merge never writes over a result: out must not be one of the shard
// folders, and an experiment folder in out that already holds a manifest is
// refused (*InputError) before anything is written; so is an experiment
// whose folders mix multi-seed and single-seed results.
func Merge(out string, shards []string, draw DrawFunc) ([]string, error) {
	byExp := map[string][]string{} // experiment -> its folders in the shards
	for _, s := range shards {
		if same, _ := sameFolder(out, s); same {
			return nil, &InputError{Path: out, Problem: "is also one of the shard folders; the merge would write over that shard's result",
				Fix: "merge into a new folder, e.g. 'hw1 merge merged " + strings.Join(shards, " ") + "'"}
		}
	}
	mp, err := readMergePlan(shards)
	if err != nil {
		return nil, err
	}
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
	if len(byExp) == 0 && mp != nil {
		return nil, mp.missingError()
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
		dst := filepath.Join(out, n)
		if _, err := os.Stat(filepath.Join(dst, results.ManifestFile)); err == nil {
			return nil, &InputError{Path: dst, Problem: "already holds a result; a merge never writes over one",
				Fix: "merge into a new folder, or move " + dst + " away first"}
		}
	}
	seeded := map[string]bool{} // experiment -> its shards are of a multi-seed run
	for _, n := range names {
		multi, err := multiSeed(byExp[n])
		if err != nil {
			return nil, fmt.Errorf("merge %s: %w", n, err)
		}
		if multi {
			if err := emptyFolder(filepath.Join(out, n)); err != nil {
				return nil, fmt.Errorf("merge %s: %w", n, err)
			}
		}
		seeded[n] = multi
	}
	var incomplete []error
	var plan *Plan
	if mp != nil {
		plan = mp.plan
	}
	for _, n := range names {
		var err error
		if seeded[n] {
			err = mergeSeeds(filepath.Join(out, n), byExp[n], draw, plan)
		} else {
			err = mergeExperiment(filepath.Join(out, n), byExp[n], draw)
		}
		var inc *IncompleteError
		if errors.As(err, &inc) {
			incomplete = append(incomplete, fmt.Errorf("merge %s: %w", n, err))
		} else if err != nil {
			return names, fmt.Errorf("merge %s: %w", n, err)
		}
	}
	if mp != nil {
		if err := mp.missingError(); err != nil {
			incomplete = append(incomplete, fmt.Errorf("merge: %w", err))
		}
	}
	return names, errors.Join(incomplete...)
}

// IncompleteError says that a merged result lacks shards or holds shards
// that did not finish; it was written with the status "incomplete".
type IncompleteError struct {
	Dir     string
	Missing []string // shards i/n no folder held
	Failed  []string // folders whose run did not finish, with their status
	// MissingSeeds are the seeds of a multi-seed run no folder held;
	// Missing then names the shards that run them.
	MissingSeeds []int64
}

func (e *IncompleteError) Error() string {
	var parts []string
	switch {
	case len(e.MissingSeeds) > 0:
		s := "no folder holds seed " + joinSeeds(e.MissingSeeds, ", ")
		if len(e.Missing) > 0 {
			s += " (shard " + strings.Join(e.Missing, ", ") + ")"
		}
		parts = append(parts, s)
	case len(e.Missing) > 0:
		parts = append(parts, "no folder holds shard "+strings.Join(e.Missing, ", "))
	}
	if len(e.Failed) > 0 {
		parts = append(parts, "not finished: "+strings.Join(e.Failed, ", "))
	}
	return fmt.Sprintf("%s is incomplete (%s): run or rerun those shards, then merge again", e.Dir, strings.Join(parts, "; "))
}

func mergeExperiment(dst string, dirs []string, draw DrawFunc) error {
	var m *results.Manifest
	var exp results.Schema
	merged := map[string]*table.Table{}
	from := map[string][]string{} // table file -> the folder of each merged row
	inc := &IncompleteError{Dir: dst}
	var shardSpecs []string // the i/n of every shard merged; nil once a whole run is
	whole := false
	var hosts results.Hosts
	for _, d := range dirs {
		dm, err := results.ReadManifest(d)
		if err != nil {
			return err
		}
		shard := strings.Join(dm.Shards, ",")
		if shard == "" {
			shard = "all"
			whole = true
		}
		for _, sh := range dm.Shards {
			if f := strings.Fields(sh); len(f) > 0 {
				shardSpecs = append(shardSpecs, f[0]) // "i/n", or "i/n from DIR" of a merge
			}
		}
		if m == nil {
			var ok bool
			if exp, ok = results.Lookup(dm.Experiment); !ok {
				return fmt.Errorf("%s: unknown experiment %q in its manifest", d, dm.Experiment)
			}
			c := *dm // the merged manifest, filled from every shard below
			m = &c
			m.Shards, m.Tables, m.Figures, m.DurationSeconds = nil, nil, nil, 0
		} else if dm.Experiment != m.Experiment || dm.Profile != m.Profile || dm.Seed != m.Seed || !results.SameConfig(dm.Config, m.Config) {
			return fmt.Errorf("%s ran with another experiment, profile, seed or configuration than %s: only shards of one run can be merged", d, dirs[0])
		}
		m.Shards = append(m.Shards, shard+" from "+d)
		hosts.Add(dm, d)
		if dm.Status != results.StatusDone {
			inc.Failed = append(inc.Failed, d+" ("+dm.Status+")")
		}
		m.DurationSeconds += dm.DurationSeconds
		if dm.End.After(m.End) {
			m.End = dm.End
		}
		if dm.Start.Before(m.Start) {
			m.Start = dm.Start
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
			for range t.Rows {
				from[spec.File] = append(from[spec.File], d)
			}
		}
	}
	if !whole {
		inc.Missing = missingShards(shardSpecs)
	}
	if note := hosts.Note(); note != "" {
		m.Notes = append(m.Notes, note)
	}
	m.Status, m.Error = results.StatusDone, ""
	if len(inc.Missing) > 0 || len(inc.Failed) > 0 {
		m.Status, m.Error = results.StatusIncomplete, inc.Error()
	}
	for _, spec := range exp.Tables {
		t, ok := merged[spec.File]
		if !ok {
			continue
		}
		if err := dedupe(t, spec.Sweep, from[spec.File]); err != nil {
			return fmt.Errorf("%s: %w", spec.File, err)
		}
	}
	for _, spec := range exp.Tables {
		t, ok := merged[spec.File]
		if !ok {
			continue
		}
		if err := t.Write(filepath.Join(dst, spec.File)); err != nil {
			return err
		}
		m.Tables = append(m.Tables, spec.File)
	}
	// Written before drawing too: the figures' drawer learns the
	// experiment from the manifest (a seed's folder is named seed-<k>).
	if err := m.Write(dst); err != nil {
		return err
	}
	if err := drawAndRecord(dst, m, draw); err != nil {
		return err
	}
	if m.Status == results.StatusIncomplete {
		return inc
	}
	return nil
}

// missingShards are the shards i/n of a sweep split n ways that none of
// specs names (all specs of one merge split the same n ways, or the merge
// lacks the ones of the other splits).
func missingShards(specs []string) []string {
	have := map[string]bool{}
	n := 0
	for _, s := range specs {
		sh, err := ParseShard(s)
		if err != nil {
			continue
		}
		have[sh.String()] = true
		n = max(n, sh.Count)
	}
	var missing []string
	for i := range n {
		if s := (Shard{Index: i, Count: n}).String(); !have[s] {
			missing = append(missing, s)
		}
	}
	return missing
}

// dedupe drops repeated rows: in a sweep table, a run key's repeats, which
// must equal its first row cell for cell (two shards that measured one run
// differently are a *ConflictError), then sorts the rows by key in natural
// order, so that merged tables read like an unsharded run's; in other
// tables, rows repeated cell for cell (from overlapping shards), keeping
// the order. from names the folder of each row.
func dedupe(t *table.Table, sweep bool, from []string) error {
	first := map[string]int{} // key -> index of its first row, in t.Rows and from
	var rows [][]string
	for i, r := range t.Rows {
		whole := strings.Join(r, "\x00")
		k := whole
		if sweep {
			k = r[0]
		}
		j, seen := first[k]
		if !seen {
			first[k] = i
			rows = append(rows, r)
			continue
		}
		if whole != strings.Join(t.Rows[j], "\x00") {
			return &ConflictError{Key: r[0], Dirs: [2]string{from[j], from[i]}, Rows: [2][]string{t.Rows[j], r}}
		}
	}
	t.Rows = rows
	if sweep {
		sort.SliceStable(t.Rows, func(i, j int) bool { return keyLess(t.Rows[i][0], t.Rows[j][0]) })
	}
	return nil
}

// ConflictError says that two shards hold different rows for one run key.
type ConflictError struct {
	Key  string
	Dirs [2]string
	Rows [2][]string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("run %q differs between %s (%s) and %s (%s): the shards measured it differently; "+
		"rerun one of them (or leave it out of the merge)", e.Key, e.Dirs[0], strings.Join(e.Rows[0], ","), e.Dirs[1], strings.Join(e.Rows[1], ","))
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

// sameFolder reports whether a and b name the same folder.
func sameFolder(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// drawAndRecord draws the merged folder dst's figures (when draw is given),
// records them in its manifest m, marks a done merge whose figures failed
// as failed, and writes m.
func drawAndRecord(dst string, m *results.Manifest, draw DrawFunc) error {
	if draw != nil {
		figs, err := draw(dst)
		m.Figures = figs
		if err != nil && m.Status == results.StatusDone {
			m.Status, m.Error = results.StatusFailed, "figures: "+err.Error()
		}
	}
	return m.Write(dst)
}
