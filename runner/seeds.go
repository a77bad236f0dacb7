package runner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hw1/runner/config"
)

// ParseSeeds reads --seeds: "" (one seed, first), a count N (first, first+1,
// ..., first+N-1) or a list "1,2,5" (those seeds, in that order).
func ParseSeeds(spec string, first int64) ([]int64, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return []int64{first}, nil
	}
	bad := func(why string) error {
		return &config.UsageError{Msg: fmt.Sprintf("--seeds %q: %s; want a count (e.g. 5: seeds --seed to --seed+4) or a list (e.g. 1,2,5)", spec, why)}
	}
	if !strings.Contains(spec, ",") {
		n, err := strconv.Atoi(spec)
		if err != nil || n < 1 {
			return nil, bad("not a count of at least 1")
		}
		out := make([]int64, n)
		for i := range out {
			out[i] = first + int64(i)
		}
		return out, nil
	}
	var out []int64
	for _, part := range strings.Split(spec, ",") {
		k, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil {
			return nil, bad(fmt.Sprintf("%q is not a seed", part))
		}
		if slices.Contains(out, k) {
			return nil, bad(fmt.Sprintf("seed %d twice", k))
		}
		out = append(out, k)
	}
	return out, nil
}

// SeedRunners returns a runner for each of seeds,
// writing seed k into its own seed-<k>/ folder. Each runs its seed whole,
// whatever r's part of the sweeps; a sharded run picks the part of each
// unit (WithPart).
func (r *Runner) SeedRunners(seeds []int64) []*Runner {
	out := make([]*Runner, 0, len(seeds))
	for _, k := range seeds {
		c := r.ForSeed(k)
		c.opts.Shard = Shard{}
		out = append(out, c)
	}
	return out
}
