package runner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hw1/runner/config"
)

// Shard selects every Count-th run of a sweep starting at Index, so that
// independent runs can be spread over machines (`--shard i/n`) and joined
// with `hw1 merge`. The zero value runs everything.
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
		return Shard{}, &config.UsageError{Msg: fmt.Sprintf("--shard %q: want i/n with 0 <= i < n, e.g. 0/4", s)}
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
