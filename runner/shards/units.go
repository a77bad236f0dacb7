package shards

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/results"
)

// The units of a sharded run (hw1 run --shard i/n). A run of experiments
// and seeds is cut into units of work: each experiment once per seed, and a
// sweep of independent runs (min-ratio, param-count, sensitivity: an
// experiment with a sweep table in the schema) that alone would take more
// than a shard's share of the run into parts, part p of m holding the
// sweep's runs k with k % m == p (Env.Shard). Every unit runs on exactly one
// shard: PlanShards hands them out, longest first, each to the shard with
// the least estimated work so far (the reference machine's times, each
// experiment's Cost as the catalog holds it), so that the shards end at about the same time. The plan
// depends on the experiment list, the seeds, the profile and n alone, so
// that every machine of a sharded run, and hw1 merge, computes the same one.

// Unit is one unit of work of a sharded run: seed Seed of Experiment, whole,
// or the part Part of its sweep's runs.
type Unit struct {
	Experiment string
	Seed       int64
	Part       Shard // the zero Shard: the whole experiment
	// Cost is the unit's estimated time on the reference machine, in
	// milliseconds, which balances the shards.
	Cost int64
}

// String names the unit: "param-count seed 1 part 0/2".
func (u Unit) String() string {
	s := fmt.Sprintf("%s seed %d", u.Experiment, u.Seed)
	if u.Part.Count > 1 {
		s += " part " + u.Part.String()
	}
	return s
}

// Plan is the assignment of a run's units to its shards.
type Plan struct {
	Experiments []string // in run order
	Seeds       []int64  // in --seeds order
	Profile     string
	Shards      [][]Unit // per shard, its units in run order (experiment, seed, part)
}

// Count is the number of shards.
func (p *Plan) Count() int { return len(p.Shards) }

// Shard is shard i of the plan as a Shard, "i/n".
func (p *Plan) Shard(i int) Shard { return Shard{Index: i, Count: p.Count()} }

// Owner is the shard that runs unit u (its Experiment, Seed and Part), -1
// when no shard does.
func (p *Plan) Owner(u Unit) int {
	for i, units := range p.Shards {
		for _, v := range units {
			if v.Experiment == u.Experiment && v.Seed == u.Seed && v.Part == u.Part {
				return i
			}
		}
	}
	return -1
}

// Part reports whether shard i runs some of seed seed of experiment exp,
// and which part of it (the zero Shard: all of it).
func (p *Plan) Part(i int, exp string, seed int64) (Shard, bool) {
	for _, u := range p.Shards[i] {
		if u.Experiment == exp && u.Seed == seed {
			return u.Part, true
		}
	}
	return Shard{}, false
}

// UnitsOf are the units of experiment exp, of every shard, in run order.
func (p *Plan) UnitsOf(exp string) []Unit {
	var out []Unit
	for _, u := range p.all() {
		if u.Experiment == exp {
			out = append(out, u)
		}
	}
	return out
}

// all is every unit of the plan, in run order.
func (p *Plan) all() []Unit {
	var out []Unit
	for _, units := range p.Shards {
		out = append(out, units...)
	}
	slices.SortStableFunc(out, p.runOrder)
	return out
}

// runOrder orders units as the run goes: by experiment, seed, part.
func (p *Plan) runOrder(a, b Unit) int {
	if c := slices.Index(p.Experiments, a.Experiment) - slices.Index(p.Experiments, b.Experiment); c != 0 {
		return c
	}
	if c := slices.Index(p.Seeds, a.Seed) - slices.Index(p.Seeds, b.Seed); c != 0 {
		return c
	}
	return a.Part.Index - b.Part.Index
}

// Load is shard i's estimated time on the reference machine, in
// milliseconds.
func (p *Plan) Load(i int) int64 {
	var t int64
	for _, u := range p.Shards[i] {
		t += u.Cost
	}
	return t
}

// unitCost is an experiment's estimated time at profile on the reference
// machine, in milliseconds (at least 1), from its cost c.
func unitCost(c catalog.Cost, profile string) int64 {
	return max(1, int64(math.Round(c.Seconds[profile]*1000)))
}

// splittable reports whether experiment exp is a sweep of independent runs
// that shards can split (Env.Sweep): a sweep table in the schema.
func splittable(exp string) bool {
	e, ok := results.Lookup(exp)
	return ok && slices.ContainsFunc(e.Tables, func(t results.Table) bool { return t.Sweep })
}

// PlanShards cuts the run of experiments and seeds at profile into units
// and assigns them to n shards. A sweep whose seed would take more than a
// shard's share of the run (the whole run's estimate over n) is split into
// as many parts as shares it takes, at most n, each part on another shard;
// a part whose sweep has fewer runs than parts runs nothing. Then the units,
// longest first (ties in run order), each go to the shard with the least
// work so far (ties: the lowest index) that holds no other part of the same
// sweep. A plan that leaves a shard without work is a *config.UsageError
// that says how many shards the run can use.
func PlanShards(experiments []string, seeds []int64, profile string, n int) (*Plan, error) {
	p, err := planShards(experiments, seeds, profile, n)
	if err != nil {
		return nil, err
	}
	for i := range p.Shards {
		if len(p.Shards[i]) > 0 {
			continue
		}
		most := MaxShards(experiments, seeds, profile, n)
		return nil, &config.UsageError{Msg: fmt.Sprintf("--shard %s: this run has %d units of work (%s), which leave shard %s with nothing to run; "+
			"%s, or more seeds", p.Shard(i), len(p.all()), describeUnits(p.all()), p.Shard(i), atMost(most))}
	}
	return p, nil
}

func planShards(experiments []string, seeds []int64, profile string, n int) (*Plan, error) {
	if n < 1 {
		return nil, &config.UsageError{Msg: fmt.Sprintf("%d shards: want at least 1", n)}
	}
	p := &Plan{Experiments: experiments, Seeds: seeds, Profile: profile, Shards: make([][]Unit, n)}
	costs, err := catalog.Costs()
	if err != nil {
		return nil, fmt.Errorf("plan the shards: %w", err)
	}
	for _, e := range experiments {
		if _, ok := costs[e]; !ok {
			return nil, fmt.Errorf("plan the shards: experiment %q has no cost in the catalog (%s); regenerate it with 'go test ./runner/registry -run TestCatalogIsTheRegistry -update'", e, catalog.File)
		}
	}
	var total int64
	for _, e := range experiments {
		total += unitCost(costs[e], profile) * int64(len(seeds))
	}
	share := float64(total) / float64(n)
	var units []Unit
	for _, e := range experiments {
		c := unitCost(costs[e], profile)
		parts := 1
		if splittable(e) && float64(c) > share {
			parts = min(n, int(math.Ceil(float64(c)/share)))
		}
		for _, k := range seeds {
			for i := range parts {
				u := Unit{Experiment: e, Seed: k, Cost: c}
				if parts > 1 {
					u.Part, u.Cost = Shard{Index: i, Count: parts}, c/int64(parts)
				}
				units = append(units, u)
			}
		}
	}
	order := slices.Clone(units)
	slices.SortStableFunc(order, func(a, b Unit) int {
		switch {
		case a.Cost > b.Cost:
			return -1
		case a.Cost < b.Cost:
			return 1
		}
		return 0
	})
	load := make([]int64, n)
	for _, u := range order {
		best := -1
		for i := range n {
			if u.Part.Count > 1 && slices.ContainsFunc(p.Shards[i], func(v Unit) bool { return v.Experiment == u.Experiment && v.Seed == u.Seed }) {
				continue
			}
			if best < 0 || load[i] < load[best] {
				best = i
			}
		}
		p.Shards[best] = append(p.Shards[best], u)
		load[best] += u.Cost
	}
	for i := range p.Shards {
		slices.SortStableFunc(p.Shards[i], p.runOrder)
	}
	return p, nil
}

// describeUnits names units, "grad-norm seed 1, grad-norm seed 2".
func describeUnits(units []Unit) string {
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.String()
	}
	return strings.Join(names, ", ")
}

// atMost says how many shards to use at most.
func atMost(n int) string {
	if n == 1 {
		return "use 1 shard (leave --shard out)"
	}
	return fmt.Sprintf("use at most %d shards (--shard i/%d)", n, n)
}

// MaxShards is the largest number of shards, at most n, that the run of
// experiments and seeds at profile can use, each shard with work to do.
func MaxShards(experiments []string, seeds []int64, profile string, n int) int {
	for k := n; k > 1; k-- {
		if q, err := planShards(experiments, seeds, profile, k); err == nil && !slices.ContainsFunc(q.Shards, func(u []Unit) bool { return len(u) == 0 }) {
			return k
		}
	}
	return 1
}
