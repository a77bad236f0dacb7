package runner

import (
	"fmt"
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
