package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// TestShardsMergeToTheUnshardedRun runs param-count's smoke sweep whole and
// as two shards, merges the shards, and expects the unsharded table byte for
// byte, and a manifest that lists both shards.
func TestShardsMergeToTheUnshardedRun(t *testing.T) {
	mnistDir(t)
	whole, s0, s1, merged := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	run := func(out string, shard Shard) {
		r := quietRunner(out, "epochs=1")
		r.opts.DataDir = filepath.Join("..", "data", "mnist")
		r.data = newDataCache(r.opts.DataDir)
		r.opts.Shard = shard
		if o := runOne(t, context.Background(), r, "param-count"); o.Err != nil {
			t.Fatal(o.Err)
		}
	}
	run(whole, Shard{})
	run(s0, Shard{Index: 0, Count: 2})
	run(s1, Shard{Index: 1, Count: 2})
	names, err := Merge(merged, []string{s0, s1}, fakeDraw)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || names[0] != "param-count" {
		t.Fatalf("merged %v", names)
	}
	read := func(dir string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, "param-count", "results.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if a, b := read(s0), read(whole); bytes.Equal(a, b) {
		t.Fatal("shard 0 alone already holds every model: the test proves nothing")
	}
	if got, want := read(merged), read(whole); !bytes.Equal(got, want) {
		t.Errorf("merged results.csv:\n%s\nunsharded:\n%s", got, want)
	}
	m, err := results.ReadManifest(filepath.Join(merged, "param-count"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != results.StatusDone || len(m.Shards) != 2 || !strings.HasPrefix(m.Shards[0], "0/2") || !strings.HasPrefix(m.Shards[1], "1/2") {
		t.Errorf("merged manifest: status %s, shards %v", m.Status, m.Shards)
	}
	if len(m.Figures) != 1 || m.Figures[0] != "figure-of-param-count" {
		t.Errorf("merge figures %v: the draw function was not asked for the merged folder", m.Figures)
	}
	// Shards of different runs do not merge.
	other := t.TempDir()
	r := quietRunner(other, "epochs=1")
	r.opts.Seed = 99
	r.opts.DataDir = filepath.Join("..", "data", "mnist")
	r.data = newDataCache(r.opts.DataDir)
	r.opts.Shard = Shard{Index: 1, Count: 2}
	if o := runOne(t, context.Background(), r, "param-count"); o.Err != nil {
		t.Fatal(o.Err)
	}
	if _, err := Merge(t.TempDir(), []string{s0, other}, nil); err == nil || !strings.Contains(err.Error(), "only shards of one run") {
		t.Errorf("merging shards of two seeds: %v", err)
	}
}

func TestKeyLessIsNatural(t *testing.T) {
	ordered := []string{"0", "2", "9", "10", "100", "cnn-w1", "cnn-w2", "cnn-w16", "mlp-w1", "mlp-w02", "mlp-w3", "x"}
	for i := range ordered {
		for j := range ordered {
			if got, want := keyLess(ordered[i], ordered[j]), i < j; got != want {
				t.Errorf("keyLess(%q, %q) = %v, want %v", ordered[i], ordered[j], got, want)
			}
		}
	}
}

// Repeats that agree are dropped wherever they stand, even after the
// table has been compacted past them (rows a, a, b, c, b).
func TestDedupeKeepsFirstRowsOfRepeats(t *testing.T) {
	tb := &table.Table{Columns: []string{"run", "loss"}, Rows: [][]string{{"a", "1"}, {"a", "1"}, {"b", "2"}, {"c", "3"}, {"b", "2"}}}
	from := []string{"s0", "s0", "s1", "s1", "s2"}
	if err := dedupe(tb, true, from); err != nil {
		t.Fatalf("agreeing repeats called a conflict: %v", err)
	}
	if len(tb.Rows) != 3 || tb.Rows[0][0] != "a" || tb.Rows[1][0] != "b" || tb.Rows[2][0] != "c" {
		t.Errorf("rows %v, want a, b, c", tb.Rows)
	}
	tb.Rows = append(tb.Rows, []string{"b", "9"})
	if err := dedupe(tb, true, []string{"s0", "s1", "s1", "s2"}); err == nil {
		t.Error("two different rows for run b merged")
	}
}
