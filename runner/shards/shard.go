package shards

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hw1/runner/config"
	"hw1/runner/results"
)

// Shard is part Index of Count: of a run (`--shard i/n`, whose units of work
// PlanShards hands out), and of a sweep (Env.Shard: every Count-th run of
// the sweep starting at Index; a unit that is a sweep's part). The zero value
// is the whole.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n" with 0 <= i < n; "" is the zero Shard.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		hint := ""
		if err1 == nil && err2 == nil && i == n {
			// The likeliest slip: counting machines from 1.
			hint = fmt.Sprintf("; shards count from 0, so the last of %d is %d/%d", n, n-1, n)
		}
		return Shard{}, &config.UsageError{Msg: fmt.Sprintf("--shard %q: want i/n with 0 <= i < n, e.g. 0/4%s", s, hint)}
	}
	return Shard{Index: i, Count: n}, nil
}

// Owns reports whether run number k (0-based) of a sweep belongs to this
// shard.
func (s Shard) Owns(k int) bool {
	return s.Count <= 1 || k%s.Count == s.Index
}

// String is "i/n", or "" for the zero Shard.
func (s Shard) String() string {
	if s.Count <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// AggregateSeedShard writes the aggregate over the seeds of a multi-seed run
// of experiment exp in its experiment's folder dir, as results.AggregateSeeds
// does; seeds is the run's whole list (--seeds). For shard i of plan p (nil:
// an unsharded run) the aggregate is written all the same, over the seeds
// that dir holds, so that a shard's folder reads (hw1 report, hw1 plot)
// while the other shards run; but, when other shards run units of exp, its
// manifest says it is partial: the status is "incomplete" (once the seeds
// here finished), the error names the other shards' units and says to
// merge, and Shards holds the shard and the whole list (seedShardEntry),
// from which hw1 merge learns which seeds a complete merge holds. A shard
// that runs every unit of exp holds a whole result.
func AggregateSeedShard(dir, exp string, seeds []int64, p *Plan, i int) (*results.Manifest, error) {
	m, err := results.AggregateSeeds(dir, seeds...)
	if err != nil || p == nil {
		return m, err
	}
	var elsewhere []string
	for _, u := range p.UnitsOf(exp) {
		if o := p.Owner(u); o != i {
			elsewhere = append(elsewhere, fmt.Sprintf("seed %d%s (shard %s)", u.Seed, partName(u.Part), p.Shard(o)))
		}
	}
	if len(elsewhere) == 0 {
		return m, nil
	}
	m.Shards = []string{seedShardEntry(p.Shard(i), seeds)}
	why := fmt.Sprintf("this is shard %s of seeds %s; other shards run %s: "+
		"run those shards, then join the shards' folders with 'hw1 merge OUT SHARD_DIR...'",
		p.Shard(i), joinSeeds(seeds, ","), strings.Join(elsewhere, ", "))
	// Incomplete here means only that seeds are missing (AggregateSeeds):
	// why says which and what to do.
	if m.Status == results.StatusDone || m.Status == results.StatusIncomplete {
		m.Status, m.Error = results.StatusIncomplete, why
	} else {
		m.Error += "; " + why
	}
	return m, m.Write(dir)
}

// partName is " part p/m" for a sweep's part, "" for a whole unit.
func partName(s Shard) string {
	if s.Count <= 1 {
		return ""
	}
	return " part " + s.String()
}

// seedShardEntry is the manifest's Shards entry of shard s of a multi-seed
// run of seeds, "i/n of seeds 1,2,3,4": the shard, as for a sweep's shard
// (its first field), and the run's whole list, in its order, which tells a
// merge which seeds it must hold (the plan, in the shards' ShardFile, says
// which shard runs each).
func seedShardEntry(s Shard, seeds []int64) string {
	return s.String() + " of seeds " + joinSeeds(seeds, ",")
}

// parseSeedShardEntry reads a seedShardEntry, and the entries a merge
// writes ("... from DIR"); ok is false for other entries (a sweep's shard).
func parseSeedShardEntry(entry string) (s Shard, seeds []int64, ok bool) {
	f := strings.Fields(entry)
	if len(f) < 4 || f[1] != "of" || f[2] != "seeds" {
		return Shard{}, nil, false
	}
	s, err := ParseShard(f[0])
	if err != nil {
		return Shard{}, nil, false
	}
	for _, part := range strings.Split(f[3], ",") {
		k, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return Shard{}, nil, false
		}
		seeds = append(seeds, k)
	}
	return s, seeds, true
}

// missingSeeds are the seeds of list that have no folder among have.
func missingSeeds(list []int64, have []results.SeedRun) []int64 {
	var out []int64
	for _, k := range list {
		if !slices.ContainsFunc(have, func(s results.SeedRun) bool { return s.Seed == k }) {
			out = append(out, k)
		}
	}
	return out
}

// shardsOfSeeds names the shards that run the seeds some of exp in plan p,
// in order and once each; without a plan (the shards of an earlier hw1,
// which split the seeds n ways round the list) the shards i/n of the seeds'
// positions.
func shardsOfSeeds(p *Plan, exp string, list, some []int64, n int) []string {
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for k, seed := range list {
		if !slices.Contains(some, seed) {
			continue
		}
		if p == nil {
			add(Shard{Index: k % max(n, 1), Count: n}.String())
			continue
		}
		for _, u := range p.UnitsOf(exp) {
			if u.Seed == seed {
				add(p.Shard(p.Owner(u)).String())
			}
		}
	}
	return out
}

// joinSeeds writes seeds separated by sep.
func joinSeeds(seeds []int64, sep string) string {
	parts := make([]string, len(seeds))
	for i, k := range seeds {
		parts[i] = strconv.FormatInt(k, 10)
	}
	return strings.Join(parts, sep)
}
