package shards

import (
	"encoding/json"
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

// ShardFile is the file, in the results folder of shard i/n of a sharded
// run, that says which run it is a shard of and which units it runs; hw1
// merge reads it to check that every unit of the run is there exactly once.
const ShardFile = "shard.json"

// shardRecord is ShardFile's content.
type shardRecord struct {
	Shard       string   `json:"shard"` // "i/n"
	Profile     string   `json:"profile"`
	Experiments []string `json:"experiments"`
	Seeds       []int64  `json:"seeds"`
	// Units are this shard's units, for the reader (and checked by merge
	// against the plan it computes).
	Units []string `json:"units"`
}

func recordOf(p *Plan, i int) shardRecord {
	r := shardRecord{Shard: p.Shard(i).String(), Profile: p.Profile, Experiments: p.Experiments, Seeds: p.Seeds, Units: []string{}}
	for _, u := range p.Shards[i] {
		r.Units = append(r.Units, u.String())
	}
	return r
}

// sameRun reports whether two records are shards of one run.
func (r shardRecord) sameRun(o shardRecord) bool {
	a, _ := ParseShard(r.Shard)
	b, _ := ParseShard(o.Shard)
	return a.Count == b.Count && r.Profile == o.Profile && slices.Equal(r.Experiments, o.Experiments) && slices.Equal(r.Seeds, o.Seeds)
}

func (r shardRecord) describe() string {
	return fmt.Sprintf("shard %s of %s, profile %s, seeds %s", r.Shard, strings.Join(r.Experiments, ","), r.Profile, joinSeeds(r.Seeds, ","))
}

// readShardRecord reads dir's ShardFile; fs.ErrNotExist when there is none.
func readShardRecord(dir string) (shardRecord, error) {
	var r shardRecord
	b, err := os.ReadFile(filepath.Join(dir, ShardFile))
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("read %s: %w", filepath.Join(dir, ShardFile), err)
	}
	if _, err := ParseShard(r.Shard); err != nil || r.Shard == "" {
		return r, fmt.Errorf("read %s: shard %q is not i/n", filepath.Join(dir, ShardFile), r.Shard)
	}
	return r, nil
}

// ClaimShard records, in the results folder out, that it holds shard i of
// plan p, before the shard's units run. A folder that holds another shard,
// or a shard of another run, is an *InputError: its units would mix with
// this shard's. The caller holds out's lock.
func ClaimShard(out string, p *Plan, i int) error {
	want := recordOf(p, i)
	have, err := readShardRecord(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return &InputError{Path: out, Problem: "holds a " + ShardFile + " that cannot be read (" + err.Error() + ")",
			Fix: "give each shard a folder of its own with --out DIR", Err: err}
	case have.Shard != want.Shard || !have.sameRun(want):
		return &InputError{Path: out, Problem: "holds " + have.describe() + ", not " + want.describe(),
			Fix: "give each shard a folder of its own with --out DIR (the same command continues a shard)"}
	}
	b, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", ShardFile, err)
	}
	return table.WriteFileAtomic(filepath.Join(out, ShardFile), append(b, '\n'))
}

// mergePlan is the plan of the sharded run whose shards' folders a merge
// joins, and which folder holds which shard.
type mergePlan struct {
	plan *Plan
	dirs map[int]string // shard -> its folder
}

// readMergePlan reads the shard files of the folders dirs. None: nil (the
// folders are whole runs, or shards of an earlier hw1). Otherwise every
// folder must be a shard of one run, each shard at most once, and every
// folder must hold only units of its shard: a unit in two folders is an
// *InputError (the shards would be merged with work done twice).
func readMergePlan(dirs []string) (*mergePlan, error) {
	var recs []shardRecord
	var with, without string
	for _, d := range dirs {
		r, err := readShardRecord(d)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			without = d
			continue
		case err != nil:
			return nil, &InputError{Path: d, Problem: err.Error(), Fix: "rerun that shard's 'hw1 run ... --shard i/n' into a new folder", Err: err}
		}
		with = d
		recs = append(recs, r)
	}
	if with == "" {
		return nil, nil
	}
	if without != "" {
		return nil, &InputError{Path: without, Problem: "holds no " + ShardFile + ", but " + with + " is a shard of a sharded run ('hw1 run --shard i/n'); a merge joins the shards of one run",
			Fix: "merge the shards of that run alone, and other results into another folder"}
	}
	first := recs[0]
	n, _ := ParseShard(first.Shard)
	p, err := planShards(first.Experiments, first.Seeds, first.Profile, n.Count)
	if err != nil {
		return nil, fmt.Errorf("plan of %s: %w", dirs[0], err)
	}
	mp := &mergePlan{plan: p, dirs: map[int]string{}}
	for k, r := range recs {
		if !r.sameRun(first) {
			return nil, &InputError{Path: dirs[k], Problem: "holds " + r.describe() + ", but " + dirs[0] + " holds " + first.describe(),
				Fix: "only shards of one run merge: run every shard with the same experiment, --profile, --seed(s) and n"}
		}
		s, _ := ParseShard(r.Shard)
		if d, ok := mp.dirs[s.Index]; ok {
			return nil, &InputError{Path: dirs[k], Problem: "holds shard " + r.Shard + ", and so does " + d + ": every unit of the run would be merged twice",
				Fix: "give each shard's folder once"}
		}
		if want := recordOf(p, s.Index).Units; !slices.Equal(r.Units, want) {
			return nil, &InputError{Path: dirs[k], Problem: fmt.Sprintf("ran the units %s as shard %s, but this hw1 plans %s for it", strings.Join(r.Units, ", "), r.Shard, strings.Join(want, ", ")),
				Fix: "merge with the hw1 version that ran the shards"}
		}
		mp.dirs[s.Index] = dirs[k]
	}
	for i, d := range mp.dirs {
		for _, u := range p.all() {
			if o := p.Owner(u); o != i && holdsUnit(d, u, len(p.Seeds) > 1) {
				return nil, &InputError{Path: d, Problem: fmt.Sprintf("holds %s, which the plan gives to shard %s: that unit would be done twice", u, p.Shard(o)),
					Fix: "remove it from " + d + " (it is shard " + p.Shard(i).String() + "'s folder), then merge again"}
			}
		}
	}
	return mp, nil
}

// holdsUnit reports whether the shard folder dir holds a result of unit u:
// a manifest in its experiment's (or, for a multi-seed run, its seed's)
// folder, of u's part.
func holdsUnit(dir string, u Unit, multi bool) bool {
	d := filepath.Join(dir, u.Experiment)
	if multi {
		d = filepath.Join(d, results.SeedDir(u.Seed))
	}
	m, err := results.ReadManifest(d)
	if err != nil {
		return false
	}
	if u.Part.Count > 1 {
		return slices.Contains(m.Shards, u.Part.String())
	}
	return len(m.Shards) == 0
}

// missing are the units of the plan that no given folder holds, each with
// the shard that runs it.
func (mp *mergePlan) missing() []Unit {
	var out []Unit
	for _, u := range mp.plan.all() {
		d, ok := mp.dirs[mp.plan.Owner(u)]
		if !ok || !holdsUnit(d, u, len(mp.plan.Seeds) > 1) {
			out = append(out, u)
		}
	}
	return out
}

// MissingUnitsError says that a merge lacks units of the sharded run: their
// shards did not run them (or not yet), or their folders were not given.
type MissingUnitsError struct {
	Units  []Unit
	Shards []string // per unit, the shard that runs it, i/n
}

func (e *MissingUnitsError) Error() string {
	parts := make([]string, len(e.Units))
	for i, u := range e.Units {
		parts[i] = fmt.Sprintf("%s (shard %s)", u, e.Shards[i])
	}
	return fmt.Sprintf("no folder holds %s: run or rerun those shards (the same command continues a shard), then merge again into a new folder",
		strings.Join(parts, ", "))
}

// missingError is the *MissingUnitsError of the units missing from the
// merge, nil when none is.
func (mp *mergePlan) missingError() error {
	units := mp.missing()
	if len(units) == 0 {
		return nil
	}
	e := &MissingUnitsError{Units: units}
	for _, u := range units {
		e.Shards = append(e.Shards, mp.plan.Shard(mp.plan.Owner(u)).String())
	}
	return e
}
