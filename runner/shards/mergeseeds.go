package shards

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"hw1/runner/results"
)

// The merge of the shards of a multi-seed run (hw1 run --seeds L --shard
// i/n): each shard's folder holds whole seed-<k>/ folders and a partial
// aggregate (AggregateSeedShard). The merge copies the seed folders as they
// are, so that each is byte for byte the seed's own run, and computes the
// aggregate over all of them anew, as a run of every seed on one machine
// would: the shards' partial aggregates are never averaged.

// mergeSeeds merges the folders dirs of one experiment's multi-seed shards
// into dst (empty, Merge checked): every seed folder once, the aggregate
// over the run's seeds (results.AggregateSeeds), its figures, and a
// manifest listing the shards. A seed in two shards must be the same run
// there (same status, same tables byte for byte), else *SeedConflictError
// and nothing is written. A merge that lacks seeds of the run's list, or
// holds seeds that did not finish, is written with the status
// "incomplete" and returns an *IncompleteError naming them.
func mergeSeeds(dst string, dirs []string, draw DrawFunc, plan *Plan) error {
	p, err := planSeeds(dirs)
	if err != nil {
		return err
	}
	p.plan = plan
	if err := p.copySeeds(dst, draw); err != nil {
		return err
	}
	m, err := results.AggregateSeeds(dst, p.list...)
	if err != nil {
		return err
	}
	inc := p.incomplete(dst, m)
	m.Shards, m.Status, m.Error = p.shards, results.StatusDone, ""
	if inc != nil {
		m.Status, m.Error = results.StatusIncomplete, inc.Error()
	}
	// Written before drawing too: the manifest AggregateSeeds wrote knows
	// nothing of missing seeds and must not stand if drawing is cut short.
	if err := m.Write(dst); err != nil {
		return err
	}
	if err := drawAndRecord(dst, m, draw); err != nil {
		return err
	}
	if inc != nil {
		return inc
	}
	return nil
}

// seedMerge is what mergeSeeds joins, read from the shards' manifests.
type seedMerge struct {
	first string            // the first shard's folder, which the others must match
	ref   *results.Manifest // its manifest
	exp   results.Schema
	list  []int64 // the run's seeds, in --seeds order when a shard says it
	n     int     // the seeds' split into shards; 0 when only whole runs
	// src is, per seed, its folder in the first shard holding it, or the
	// folders of the parts of its sweep (a sharded run's units).
	src    map[int64][]string
	shards []string // the merged manifest's Shards: each shard and its folder
	plan   *Plan    // the sharded run's plan; nil for shards of an earlier hw1
}

// planSeeds reads the shards' manifests, checks that they are shards of one
// run, and picks the folder of every seed, refusing two different results
// for one seed.
func planSeeds(dirs []string) (*seedMerge, error) {
	p := &seedMerge{src: map[int64][]string{}}
	for _, d := range dirs {
		dm, err := results.ReadManifest(d)
		if err != nil {
			return nil, err
		}
		if err := p.addShard(d, dm); err != nil {
			return nil, err
		}
		for _, sr := range dm.Seeds {
			if err := p.addSeed(sr.Seed, filepath.Join(d, sr.Dir)); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// addShard checks the manifest dm of shard folder d against the first
// shard's and records its shards.
func (p *seedMerge) addShard(d string, dm *results.Manifest) error {
	list, entries, n, err := shardSeeds(d, dm)
	if err != nil {
		return err
	}
	if p.ref == nil {
		exp, ok := results.Lookup(dm.Experiment)
		if !ok {
			return fmt.Errorf("%s: unknown experiment %q in its manifest", d, dm.Experiment)
		}
		p.first, p.ref, p.exp, p.list = d, dm, exp, list
	} else if dm.Experiment != p.ref.Experiment || dm.Profile != p.ref.Profile || !results.SameConfig(dm.Config, p.ref.Config) {
		return fmt.Errorf("%s ran with another experiment, profile or configuration than %s: only shards of one run can be merged", d, p.first)
	} else if !sameSeeds(list, p.list) {
		return fmt.Errorf("%s is of a run of seeds %s, %s of seeds %s: only shards of one run can be merged; "+
			"run every shard with the same --seeds (and --seed)", d, joinSeeds(list, ","), p.first, joinSeeds(p.list, ","))
	}
	if n > 0 && p.n == 0 {
		p.n, p.list = n, list // a shard's list has the --seeds order, which decides the shards
	}
	for _, e := range entries {
		p.shards = append(p.shards, e+" from "+d)
	}
	return nil
}

// shardSeeds reads which part of which run the multi-seed result in d is:
// the run's seeds, the manifest's Shards entries, and the split n. A
// result without shards is a whole run ("all"), of the seeds it holds.
func shardSeeds(d string, dm *results.Manifest) (list []int64, entries []string, n int, err error) {
	if len(dm.Shards) == 0 {
		for _, sr := range dm.Seeds {
			list = append(list, sr.Seed)
		}
		return list, []string{"all"}, 0, nil
	}
	for _, e := range dm.Shards {
		s, seeds, ok := parseSeedShardEntry(e)
		if !ok || (list != nil && !slices.Equal(seeds, list)) {
			return nil, nil, 0, fmt.Errorf("%s: shards entry %q of its manifest is not a shard of the seeds %s "+
				"(want \"i/n of seeds 1,2,3\"): rerun that shard with 'hw1 run ... --seeds L --shard i/n'", d, e, joinSeeds(list, ","))
		}
		list, n = seeds, max(n, s.Count)
		entries = append(entries, seedShardEntry(s, seeds))
	}
	return list, entries, n, nil
}

// addSeed takes seed k's folder dir, unless an earlier shard holds the
// seed: then both must hold the same run, or both parts of its sweep
// (their manifests name their shards of the sweep), whose rows are joined.
func (p *seedMerge) addSeed(k int64, dir string) error {
	have, ok := p.src[k]
	if !ok {
		p.src[k] = []string{dir}
		return nil
	}
	a, err := results.ReadManifest(have[0])
	if err != nil {
		return err
	}
	b, err := results.ReadManifest(dir)
	if err != nil {
		return err
	}
	if len(a.Shards) > 0 && len(b.Shards) > 0 {
		p.src[k] = append(p.src[k], dir)
		return nil
	}
	diff, err := seedDifference(have[0], dir, p.exp)
	if err != nil {
		return err
	}
	if diff != "" {
		return &SeedConflictError{Seed: k, What: diff, Dirs: [2]string{have[0], dir}}
	}
	return nil
}

// seedDifference names what differs between two folders of one seed: its
// status, or the first table of the schema that is not the same byte for
// byte (or is in one folder only); "" when they hold the same run.
func seedDifference(a, b string, exp results.Schema) (string, error) {
	ma, err := results.ReadManifest(a)
	if err != nil {
		return "", err
	}
	mb, err := results.ReadManifest(b)
	if err != nil {
		return "", err
	}
	if ma.Status != mb.Status {
		return fmt.Sprintf("status %s, not %s", ma.Status, mb.Status), nil
	}
	for _, spec := range exp.Tables {
		ta, errA := os.ReadFile(filepath.Join(a, spec.File))
		tb, errB := os.ReadFile(filepath.Join(b, spec.File))
		switch {
		case errors.Is(errA, fs.ErrNotExist) && errors.Is(errB, fs.ErrNotExist):
		case errA != nil && !errors.Is(errA, fs.ErrNotExist):
			return "", errA
		case errB != nil && !errors.Is(errB, fs.ErrNotExist):
			return "", errB
		case errA != nil || errB != nil || !bytes.Equal(ta, tb):
			return spec.File, nil
		}
	}
	return "", nil
}

// SeedConflictError says that two shards hold different results for one
// seed of a multi-seed run.
type SeedConflictError struct {
	Seed int64
	What string // the table that differs, or the statuses
	Dirs [2]string
}

func (e *SeedConflictError) Error() string {
	return fmt.Sprintf("seed %d differs between %s and %s (%s): the shards ran it differently; "+
		"rerun one of them (or leave it out of the merge)", e.Seed, e.Dirs[0], e.Dirs[1], e.What)
}

// copySeeds copies every seed's folder into dst, in the order of the seeds;
// a seed whose sweep ran in parts is merged from them (mergeExperiment,
// figures drawn with draw), incomplete when parts are missing (even all
// but one), which its manifest's status tells the aggregate.
func (p *seedMerge) copySeeds(dst string, draw DrawFunc) error {
	for _, k := range slices.Sorted(maps.Keys(p.src)) {
		to := filepath.Join(dst, results.SeedDir(k))
		part, err := sweepPart(p.src[k][0])
		if err != nil {
			return err
		}
		if len(p.src[k]) == 1 && !part {
			if err := copyFolder(p.src[k][0], to); err != nil {
				return err
			}
			continue
		}
		var inc *IncompleteError
		if err := mergeExperiment(to, p.src[k], draw); err != nil && !errors.As(err, &inc) {
			return fmt.Errorf("seed %d: %w", k, err)
		}
	}
	return nil
}

// sweepPart reports whether the seed folder dir holds part of its sweep
// (its manifest names its shards of the sweep), which a merge must join
// with the other parts, or call incomplete without them.
func sweepPart(dir string) (bool, error) {
	m, err := results.ReadManifest(dir)
	if err != nil {
		return false, err
	}
	return len(m.Shards) > 0, nil
}

// copyFolder copies the folder src, as it is, to the new folder to: into a
// hidden folder beside it first, renamed once complete, so that a merge
// cut short leaves no seed folder that looks whole.
func copyFolder(src, to string) error {
	tmp := filepath.Join(filepath.Dir(to), "."+filepath.Base(to)+".merging")
	if err := os.CopyFS(tmp, os.DirFS(src)); err != nil {
		return fmt.Errorf("copy %s to %s: %w (remove %s, then merge into a new folder)", src, to, err, tmp)
	}
	if err := os.Rename(tmp, to); err != nil {
		return fmt.Errorf("copy %s to %s: %w", src, to, err)
	}
	return nil
}

// incomplete is the *IncompleteError of the merged multi-seed result m in
// dst, or nil when it holds every seed of the run, all finished.
func (p *seedMerge) incomplete(dst string, m *results.Manifest) *IncompleteError {
	inc := &IncompleteError{Dir: dst, MissingSeeds: missingSeeds(p.list, m.Seeds)}
	if p.n > 0 {
		inc.Missing = shardsOfSeeds(p.plan, p.exp.Name, p.list, inc.MissingSeeds, p.n)
	}
	for _, sr := range m.Seeds {
		if sr.Status != results.StatusDone {
			inc.Failed = append(inc.Failed, strings.Join(p.src[sr.Seed], ", ")+" ("+sr.Status+")")
		}
	}
	if len(inc.MissingSeeds) == 0 && len(inc.Failed) == 0 {
		return nil
	}
	return inc
}

// multiSeed reports whether the experiment folders dirs, one per shard,
// hold the results of a multi-seed run (--seeds). Folders of multi-seed
// and single-seed runs do not merge: an *InputError.
func multiSeed(dirs []string) (bool, error) {
	var multi, single string
	for _, d := range dirs {
		m, err := results.ReadManifest(d)
		if err != nil {
			return false, err
		}
		switch {
		case len(m.Seeds) > 0 && multi == "":
			multi = d
		case len(m.Seeds) == 0 && single == "":
			single = d
		}
	}
	if multi != "" && single != "" {
		return false, &InputError{Path: single, Problem: "holds a single seed's result, but " + multi +
			" holds a run of several seeds (--seeds); a merge joins the shards of one run",
			Fix: "merge the shards of the multi-seed run and those of the single-seed run into separate folders"}
	}
	return multi != "", nil
}

// emptyFolder checks that the merge of a multi-seed run can write dir: it
// is absent or empty (Merge refused a manifest there; seed folders or
// tables without one are left by an earlier merge cut short).
func emptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("merge into %s: %w", dir, err)
	}
	return &InputError{Path: dir, Problem: "already holds files (" + entries[0].Name() + ", ...); a merge never writes over them",
		Fix: "merge into a new folder, or move " + dir + " away first"}
}

// sameSeeds reports whether two lists hold the same seeds, in any order
// (a whole run's manifest lists its seeds by number).
func sameSeeds(a, b []int64) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}
