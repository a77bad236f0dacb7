package results

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"hw1/runner/table"
)

// seedPrefix names the folder of one seed in a multi-seed result:
// OUT/<experiment>/seed-<k>/ holds seed k's complete single-seed result.
const seedPrefix = "seed-"

// SeedDir is the folder of seed k inside an experiment's folder.
func SeedDir(k int64) string { return seedPrefix + strconv.FormatInt(k, 10) }

// SeedRun is one seed of a multi-seed result, as its manifest says.
type SeedRun struct {
	Seed   int64  `json:"seed"`
	Status string `json:"status"`
	Dir    string `json:"dir"` // relative to the experiment's folder
}

// SeedDirs returns the seed folders in dir (OUT/<experiment>) that hold a
// manifest, ordered by seed.
func SeedDirs(dir string) ([]SeedRun, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("seeds of %s: %w", dir, err)
	}
	var out []SeedRun
	for _, e := range entries {
		k, err := strconv.ParseInt(strings.TrimPrefix(e.Name(), seedPrefix), 10, 64)
		if !e.IsDir() || !strings.HasPrefix(e.Name(), seedPrefix) || err != nil {
			continue
		}
		m, err := ReadManifest(filepath.Join(dir, e.Name()))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		if m.Seed != k {
			return nil, fmt.Errorf("%s: its manifest says seed %d", filepath.Join(dir, e.Name()), m.Seed)
		}
		out = append(out, SeedRun{Seed: k, Status: m.Status, Dir: e.Name()})
	}
	slices.SortFunc(out, func(a, b SeedRun) int { return cmp.Compare(a.Seed, b.Seed) })
	return out, nil
}

// AggregateSeeds computes the aggregate over the seeds in dir (an
// experiment's folder holding seed-<k>/ folders) from their tables alone,
// so that it can be redone without training: for every aggregated table of
// the schema, the aggregate of the finished seeds' tables under the same
// file name in dir; and dir's manifest, listing every seed with its status.
// The result is "done" only when every seed is. The seeds must share their
// experiment, profile and configuration. only, when not empty, limits the
// aggregate to those seeds (a run's own), leaving other seed folders out;
// a seed of only without a folder (a run stopped before it) makes the
// aggregate "incomplete", naming it.
func AggregateSeeds(dir string, only ...int64) (*Manifest, error) {
	all, err := SeedDirs(dir)
	if err != nil {
		return nil, err
	}
	var seeds []SeedRun
	for _, s := range all {
		if len(only) == 0 || slices.Contains(only, s.Seed) {
			seeds = append(seeds, s)
		}
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("aggregate %s: no seed folders (%s<k>/ with a %s)", dir, seedPrefix, ManifestFile)
	}
	var m *Manifest
	var done []string
	var hosts Hosts
	for _, s := range seeds {
		sm, err := ReadManifest(filepath.Join(dir, s.Dir))
		if err != nil {
			return nil, err
		}
		hosts.Add(sm, s.Dir)
		if m == nil {
			c := *sm
			m = &c
			m.Tables, m.Figures, m.Notes, m.Shards, m.Error = nil, nil, nil, nil, ""
			m.Status, m.DurationSeconds = StatusDone, 0
		} else if sm.Experiment != m.Experiment || sm.Profile != m.Profile || !SameConfig(sm.Config, m.Config) {
			return nil, fmt.Errorf("aggregate %s: %s ran another experiment, profile or configuration than %s", dir, s.Dir, seeds[0].Dir)
		}
		m.DurationSeconds += sm.DurationSeconds
		if sm.Start.Before(m.Start) {
			m.Start = sm.Start
		}
		if sm.End.After(m.End) {
			m.End = sm.End
		}
		if sm.Status != StatusDone {
			m.Status = sm.Status
			m.Error = strings.TrimSpace(m.Error + " " + s.Dir + ": " + sm.Status)
			continue
		}
		done = append(done, s.Dir)
	}
	for _, k := range only {
		if !slices.ContainsFunc(seeds, func(s SeedRun) bool { return s.Seed == k }) {
			if m.Status == StatusDone {
				m.Status = StatusIncomplete
			}
			m.Error = strings.TrimSpace(m.Error + " " + SeedDir(k) + ": not run")
		}
	}
	m.Seed, m.Seeds = seeds[0].Seed, seeds
	exp, ok := Lookup(m.Experiment)
	if !ok {
		return nil, fmt.Errorf("aggregate %s: unknown experiment %q", dir, m.Experiment)
	}
	for _, spec := range exp.Tables {
		if !spec.Aggregated() || len(done) == 0 {
			continue
		}
		var tables []*table.Table
		for _, d := range done {
			t, err := table.Read(filepath.Join(dir, d, spec.File))
			if err != nil {
				return nil, fmt.Errorf("aggregate %s: %w", dir, err)
			}
			tables = append(tables, t)
		}
		agg, err := spec.Aggregate(tables)
		if err != nil {
			return nil, fmt.Errorf("aggregate %s: %w", dir, err)
		}
		if err := agg.Write(filepath.Join(dir, spec.File)); err != nil {
			return nil, err
		}
		m.Tables = append(m.Tables, spec.File)
	}
	m.Notes = append(m.Notes, fmt.Sprintf("aggregated over %d finished seed(s) of %d; each seed's own result is in its %s<k>/ folder", len(done), len(seeds), seedPrefix))
	if note := hosts.Note(); note != "" {
		m.Notes = append(m.Notes, note)
	}
	return m, m.Write(dir)
}
