package paramcount

// param-count's sweep sharded and merged, through the runner.

import (
	"bytes"
	"context"
	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"hw1/runner/shards"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShardsMergeToTheUnshardedRun runs param-count's smoke sweep whole and
// as two shards, merges the shards, and expects the unsharded table byte for
// byte, and a manifest that lists both shards.
func TestShardsMergeToTheUnshardedRun(t *testing.T) {
	mnist := runnertest.MNISTDir(t)
	whole, s0, s1, merged := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	run := func(out string, seed int64, shard runner.Shard) {
		r := runner.New(runner.Options{Out: out, Profile: "smoke", Seed: seed, Threads: 1, Sets: []string{"epochs=1"}, Quiet: true,
			DataDir: mnist, Shard: shard, Draw: fakeDraw, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Experiments: runner.NewRegistry(Experiment())})
		exp, cfg, err := r.Prepare(results.ParamCount)
		if err != nil {
			t.Fatal(err)
		}
		if o := r.Run(context.Background(), exp, cfg); o.Err != nil {
			t.Fatal(o.Err)
		}
	}
	run(whole, 3, runner.Shard{})
	run(s0, 3, runner.Shard{Index: 0, Count: 2})
	run(s1, 3, runner.Shard{Index: 1, Count: 2})
	names, err := shards.Merge(merged, []string{s0, s1}, fakeDraw)
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
	run(other, 99, runner.Shard{Index: 1, Count: 2})
	if _, err := shards.Merge(t.TempDir(), []string{s0, other}, nil); err == nil || !strings.Contains(err.Error(), "only shards of one run") {
		t.Errorf("merging shards of two seeds: %v", err)
	}
}

// fakeDraw stands in for the plots package: it names one figure after the
// folder it was asked to draw, so a test can see that merge asked for the
// merged folder.
func fakeDraw(dir string) ([]string, error) {
	return []string{"figure-of-" + filepath.Base(dir)}, nil
}
