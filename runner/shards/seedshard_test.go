package shards

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hw1/runner/results"
)

func TestParseShardHintsTheLastShard(t *testing.T) {
	if _, err := ParseShard("2/2"); err == nil || !strings.Contains(err.Error(), "1/2") {
		t.Errorf("--shard 2/2: %v, want the hint that the last of 2 is 1/2", err)
	}
}

// writeSeedShard writes the folder of shard s of a grad-norm run of the
// seeds list as hw1 run does (the plan's units of shard s, its aggregate and
// its shard file; the zero Shard: a whole run), with hand-made seed results:
// seed k's losses are k and k+1, plus offset; and returns the folder.
func writeSeedShard(t *testing.T, s Shard, list []int64, offset float64) string {
	t.Helper()
	dir := t.TempDir()
	exp := filepath.Join(dir, results.GradNorm)
	var plan *Plan
	own := list
	if s.Count > 1 {
		var err error
		if plan, err = PlanShards([]string{results.GradNorm}, list, "smoke", s.Count); err != nil {
			t.Fatal(err)
		}
		own = nil
		for _, u := range plan.Shards[s.Index] {
			own = append(own, u.Seed)
		}
		if err := ClaimShard(dir, plan, s.Index); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range own {
		writeGradNormSeed(t, filepath.Join(exp, results.SeedDir(k)), k, offset)
	}
	if _, err := AggregateSeedShard(exp, results.GradNorm, list, plan, s.Index); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeGradNormSeed writes a finished single-seed grad-norm result into dir.
func writeGradNormSeed(t *testing.T, dir string, k int64, offset float64) {
	t.Helper()
	h := results.GradNormHistory.New(false)
	for i, l := range []float64{float64(k), float64(k + 1)} {
		if err := h.Append(i+1, 1, l+offset, 10*l); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Write(filepath.Join(dir, results.GradNormHistory.File)); err != nil {
		t.Fatal(err)
	}
	m := &results.Manifest{Experiment: results.GradNorm, Profile: "smoke", Seed: k, Config: map[string]any{"epochs": 1.0},
		Status: results.StatusDone, Tables: []string{results.GradNormHistory.File}}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, parts ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(parts...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A shard of the seeds writes an aggregate marked partial; the merge of
// the shards holds every seed folder as it was and the aggregate of a run
// of all seeds in one folder, byte for byte.
func TestSeedShardsMergeToTheWholeRun(t *testing.T) {
	list := []int64{3, 1, 2, 4}
	s0 := writeSeedShard(t, Shard{Index: 0, Count: 2}, list, 0) // seeds 3, 2
	s1 := writeSeedShard(t, Shard{Index: 1, Count: 2}, list, 0) // seeds 1, 4
	whole := writeSeedShard(t, Shard{}, list, 0)

	part, err := results.ReadManifest(filepath.Join(s0, results.GradNorm))
	if err != nil {
		t.Fatal(err)
	}
	if part.Status != results.StatusIncomplete || !slices.Equal(part.Shards, []string{"0/2 of seeds 3,1,2,4"}) ||
		!strings.Contains(part.Error, "seed 1 (shard 1/2), seed 4 (shard 1/2)") || !strings.Contains(part.Error, "hw1 merge") {
		t.Errorf("a shard's aggregate: status %s, shards %v, error %q; want incomplete, its shard and the seed list, the missing seeds and 'hw1 merge'",
			part.Status, part.Shards, part.Error)
	}

	out := t.TempDir()
	names, err := Merge(out, []string{s0, s1}, fakeDraw)
	if err != nil || !slices.Equal(names, []string{results.GradNorm}) {
		t.Fatalf("merge: %v, %v", names, err)
	}
	merged := filepath.Join(out, results.GradNorm)
	for _, k := range list {
		src := s0
		if k == 1 || k == 4 {
			src = s1
		}
		for _, f := range []string{results.GradNormHistory.File, results.ManifestFile} {
			if !bytes.Equal(readFile(t, merged, results.SeedDir(k), f), readFile(t, src, results.GradNorm, results.SeedDir(k), f)) {
				t.Errorf("merged seed %d: %s is not its shard's", k, f)
			}
		}
	}
	got, want := readFile(t, merged, results.GradNormHistory.File), readFile(t, whole, results.GradNorm, results.GradNormHistory.File)
	if !bytes.Equal(got, want) {
		t.Errorf("merged aggregate:\n%s\nwhole run's:\n%s", got, want)
	}
	if bytes.Equal(got, readFile(t, s0, results.GradNorm, results.GradNormHistory.File)) {
		t.Fatal("shard 0's partial aggregate equals the whole one: the test proves nothing")
	}
	m, err := results.ReadManifest(merged)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != results.StatusDone || len(m.Seeds) != 4 || len(m.Shards) != 2 || !strings.HasPrefix(m.Shards[1], "1/2 of seeds 3,1,2,4 from ") {
		t.Errorf("merged manifest: status %s (%s), seeds %v, shards %v", m.Status, m.Error, m.Seeds, m.Shards)
	}
	if !slices.Contains(m.Figures, "figure-of-"+results.GradNorm) {
		t.Errorf("merged figures %v: the merged folder was not drawn", m.Figures)
	}
	// Every unit once: a shard given twice, or the whole run beside the
	// shards, would merge seeds twice, and is refused before anything is
	// written.
	var input *InputError
	out = t.TempDir()
	if _, err := Merge(out, []string{s0, s1, s1}, nil); !errors.As(err, &input) || !strings.Contains(err.Error(), "holds shard 1/2, and so does") {
		t.Errorf("a shard given twice: %v, want an *InputError naming both folders of shard 1/2", err)
	}
	if _, err := Merge(out, []string{s0, s1, whole}, nil); !errors.As(err, &input) || !strings.Contains(err.Error(), "holds no "+ShardFile) {
		t.Errorf("the whole run beside the shards: %v, want an *InputError", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("a refused merge wrote %v", entries)
	}
}

func TestSeedShardMergeRefusesConflictsAndMixesAndCallsGapsIncomplete(t *testing.T) {
	list := []int64{1, 2, 3}
	s0 := writeSeedShard(t, Shard{Index: 0, Count: 2}, list, 0) // seeds 1, 3
	s1 := writeSeedShard(t, Shard{Index: 1, Count: 2}, list, 0) // seed 2

	// Two whole runs (no shards) that hold seed 2 must hold the same run.
	a := writeSeedShard(t, Shard{}, []int64{2}, 0)
	b := writeSeedShard(t, Shard{}, []int64{2}, 0.5)
	out := t.TempDir()
	_, err := Merge(out, []string{a, b}, nil)
	var conflict *SeedConflictError
	if !errors.As(err, &conflict) || conflict.Seed != 2 || !strings.Contains(err.Error(), b) || !strings.Contains(err.Error(), "history.csv") {
		t.Errorf("two results of seed 2: %v, want a *SeedConflictError on seed 2 naming %s and the table", err, b)
	}
	if entries, _ := os.ReadDir(filepath.Join(out, results.GradNorm)); len(entries) > 0 {
		t.Errorf("a refused merge wrote %v", entries)
	}

	out = t.TempDir()
	_, err = Merge(out, []string{s0}, nil)
	var inc *IncompleteError
	if !errors.As(err, &inc) || !slices.Equal(inc.MissingSeeds, []int64{2}) || !strings.Contains(err.Error(), "seed 2 (shard 1/2)") {
		t.Errorf("a merge without shard 1/2: %v, want an *IncompleteError naming seed 2 and shard 1/2", err)
	}
	if m, err := results.ReadManifest(filepath.Join(out, results.GradNorm)); err != nil || m.Status != results.StatusIncomplete {
		t.Errorf("a merge without shard 1/2: manifest %+v, %v; want the status incomplete", m, err)
	}

	// Bad input, refused before anything is written (*InputError): a
	// single seed's shard among a multi-seed run's, a folder holding files.
	single := t.TempDir()
	writeGradNormSeed(t, filepath.Join(single, results.GradNorm), 2, 0)
	var input *InputError
	if _, err := Merge(t.TempDir(), []string{s0, single}, nil); !errors.As(err, &input) || !strings.Contains(err.Error(), "holds no "+ShardFile) {
		t.Errorf("a single-seed result among seed shards: %v, want an *InputError", err)
	}
	busy := t.TempDir()
	if err := os.MkdirAll(filepath.Join(busy, results.GradNorm, results.SeedDir(1)), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(busy, []string{s0, s1}, nil); !errors.As(err, &input) {
		t.Errorf("a merge into a folder holding a seed folder: %v, want an *InputError", err)
	}
	// Shards of runs of other seeds do not merge.
	other := writeSeedShard(t, Shard{Index: 1, Count: 2}, []int64{1, 2, 5}, 0)
	if _, err := Merge(t.TempDir(), []string{s0, other}, nil); err == nil || !strings.Contains(err.Error(), "only shards of one run") {
		t.Errorf("shards of seeds 1,2,3 and 1,2,5: %v", err)
	}
}
