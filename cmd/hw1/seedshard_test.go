//go:build !notf

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
)

// hw1 run --seeds 3 --shard i/2 on two "machines" (two folders), then hw1
// merge: every seed folder's table and the aggregate are byte for byte a
// plain --seeds 3 run's. A rerun of a shard skips its seeds; a merge that
// lacks a shard is incomplete (exit 1); two different results for one seed
// are refused (exit 1); misuse is exit 2 and says how to fix it.
func TestSeedShardsEndToEnd(t *testing.T) {
	root := filepath.Join("..", "..")
	work := t.TempDir()
	dir := func(name string) string { return filepath.Join(work, name) }
	hw1 := func(args ...string) (int, string, string) {
		t.Helper()
		return run(t, hw1Binary, root, args...)
	}
	runSeeds := func(out string, extra ...string) (int, string, string) {
		t.Helper()
		args := append([]string{"run", "grad-norm", "--profile", "smoke", "--threads", "1", "--quiet", "--seeds", "3", "--out", out}, extra...)
		return hw1(args...)
	}
	for _, c := range []struct{ out, shard string }{{"whole", ""}, {"s0", "0/2"}, {"s1", "1/2"}} {
		var extra []string
		if c.shard != "" {
			extra = []string{"--shard", c.shard}
		}
		if code, out, errs := runSeeds(dir(c.out), extra...); code != 0 {
			t.Fatalf("--seeds 3 %v: exit %d\n%s\n%s", extra, code, out, errs)
		}
	}
	exp := func(out string, parts ...string) string {
		return filepath.Join(append([]string{dir(out), results.GradNorm}, parts...)...)
	}
	// Each shard holds its seeds only, and an aggregate that says so.
	for _, c := range []struct {
		out        string
		has, lacks string
	}{{"s0", "seed-1 seed-3", "seed-2"}, {"s1", "seed-2", "seed-1 seed-3"}} {
		for _, s := range strings.Fields(c.has) {
			if _, err := os.Stat(exp(c.out, s, results.ManifestFile)); err != nil {
				t.Errorf("%s lacks %s: %v", c.out, s, err)
			}
		}
		for _, s := range strings.Fields(c.lacks) {
			if _, err := os.Stat(exp(c.out, s)); err == nil {
				t.Errorf("%s holds %s, another shard's seed", c.out, s)
			}
		}
	}
	part, err := results.ReadManifest(exp("s0"))
	if err != nil {
		t.Fatal(err)
	}
	if part.Status != results.StatusIncomplete || !strings.Contains(part.Error, "seed 2 (shard 1/2)") {
		t.Errorf("shard 0/2's aggregate: status %s, error %q; want incomplete, naming seed 2 of shard 1/2", part.Status, part.Error)
	}
	// Resuming: the same shard command skips its finished seeds.
	if code, out, errs := runSeeds(dir("s0"), "--shard", "0/2"); code != 0 || strings.Count(out, "skipped") != 2 {
		t.Errorf("rerun of shard 0/2: exit %d, want both seeds skipped\n%s\n%s", code, out, errs)
	}

	if code, out, errs := hw1("merge", dir("merged"), dir("s0"), dir("s1")); code != 0 {
		t.Fatalf("merge: exit %d\n%s\n%s", code, out, errs)
	}
	same := func(a, b string) {
		t.Helper()
		x, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(b)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs from %s", a, b)
		}
	}
	table := results.GradNormHistory.File
	for _, s := range []int64{1, 2, 3} {
		same(exp("merged", results.SeedDir(s), table), exp("whole", results.SeedDir(s), table))
	}
	same(exp("merged", table), exp("whole", table))
	m, err := results.ReadManifest(exp("merged"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != results.StatusDone || len(m.Seeds) != 3 || len(m.Shards) != 2 {
		t.Errorf("merged manifest: status %s (%s), seeds %+v, shards %v; want done, 3 seeds, 2 shards", m.Status, m.Error, m.Seeds, m.Shards)
	}
	if _, err := os.Stat(exp("merged", "grad-norm.svg")); err != nil {
		t.Errorf("no figure over the seeds after the merge: %v", err)
	}

	// A merge that lacks shard 1/2 is written, incomplete, and exits 1.
	if code, _, errs := hw1("merge", dir("half"), dir("s0")); code != 1 || !strings.Contains(errs, "seed 2") {
		t.Errorf("merge without shard 1/2: exit %d, want 1 naming seed 2\n%s", code, errs)
	}
	if m, err := results.ReadManifest(exp("half")); err != nil || m.Status != results.StatusIncomplete {
		t.Errorf("merge without shard 1/2: manifest %+v, %v; want the status incomplete", m, err)
	}
	// Two different results for seed 2 are refused.
	if err := os.CopyFS(dir("s1x"), os.DirFS(dir("s1"))); err != nil {
		t.Fatal(err)
	}
	history := exp("s1x", results.SeedDir(2), table)
	b, err := os.ReadFile(history)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(history, bytes.Replace(b, []byte("\n1,"), []byte("\n1,1"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := hw1("merge", dir("conflict"), dir("s0"), dir("s1"), dir("s1x")); code != 1 || !strings.Contains(errs, "seed 2 differs") {
		t.Errorf("merge of two results of seed 2: exit %d, want 1 naming seed 2\n%s", code, errs)
	}

	// Misuse: more shards than seeds; a single seed's shard among them.
	if code, _, errs := runSeeds(dir("bad"), "--shard", "3/4"); code != 2 || !strings.Contains(errs, "at most 3 shards") {
		t.Errorf("--seeds 3 --shard 3/4: exit %d, want 2 saying at most 3 shards\n%s", code, errs)
	}
	if _, err := os.Stat(dir("bad")); err == nil {
		t.Error("--seeds 3 --shard 3/4 left an output folder behind")
	}
	if code, out, errs := hw1("run", "grad-norm", "--profile", "smoke", "--threads", "1", "--quiet", "--shard", "1/2", "--out", dir("single")); code != 0 {
		t.Fatalf("single-seed shard: exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := hw1("merge", dir("mixed"), dir("s0"), dir("single")); code != 2 || !strings.Contains(errs, "single seed") {
		t.Errorf("merge of a multi-seed and a single-seed shard: exit %d, want 2\n%s", code, errs)
	}
}
