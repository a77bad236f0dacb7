package shards

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hw1/runner/config"
	"hw1/runner/results"
)

// allNames are the experiments in order, as 'run all' runs them: the
// schema's (the registry's, runner/registry's TestRegistryIsTheSchema).
func allNames() []string { return results.ExperimentNames() }

// Every unit of a plan is on exactly one shard: the shards' units are
// disjoint and together cover every experiment and seed, whole or in all
// the parts of its sweep, each part on a shard of its own; the plan is the
// same every time; and no shard ends later than the ideal share plus the
// longest unit (the bound of handing out the longest first).
func TestPlanShardsRunsEveryUnitOnce(t *testing.T) {
	exps := allNames()
	for _, profile := range []string{"smoke", "quick", "full"} {
		for _, seeds := range [][]int64{{1}, {1, 2}, {4, 2, 9}} {
			for n := 1; n <= 8; n++ {
				name := fmt.Sprintf("%s seeds %v n %d", profile, seeds, n)
				p, err := PlanShards(exps, seeds, profile, n)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if q, _ := PlanShards(exps, seeds, profile, n); fmt.Sprint(q.Shards) != fmt.Sprint(p.Shards) {
					t.Errorf("%s: two plans differ", name)
				}
				seen := map[string]int{} // unit -> its shard
				parts := map[string][]int{}
				var total, longest int64
				for i, units := range p.Shards {
					if len(units) == 0 {
						t.Errorf("%s: shard %d has nothing to run", name, i)
					}
					for _, u := range units {
						if j, ok := seen[u.String()]; ok {
							t.Errorf("%s: %s on shards %d and %d", name, u, j, i)
						}
						seen[u.String()] = i
						key := fmt.Sprintf("%s seed %d", u.Experiment, u.Seed)
						if u.Part.Count > 1 {
							if !splittable(u.Experiment) {
								t.Errorf("%s: %s is split but is no sweep", name, u)
							}
							if slices.Contains(parts[key], i) {
								t.Errorf("%s: two parts of %s on shard %d", name, key, i)
							}
						}
						parts[key] = append(parts[key], i)
						total += u.Cost
						longest = max(longest, u.Cost)
					}
				}
				for _, e := range exps {
					for _, k := range seeds {
						key := fmt.Sprintf("%s seed %d", e, k)
						units := slices.DeleteFunc(p.UnitsOf(e), func(u Unit) bool { return u.Seed != k })
						if len(units) == 0 {
							t.Errorf("%s: no shard runs %s", name, key)
							continue
						}
						for x, u := range units {
							if m := len(units); (m == 1 && u.Part != Shard{}) || (m > 1 && u.Part != (Shard{Index: x, Count: m})) {
								t.Errorf("%s: %s has units %v, want it whole or in parts 0..m-1", name, key, units)
							}
						}
					}
				}
				for i := range p.Shards {
					if l := p.Load(i); l > total/int64(n)+longest {
						t.Errorf("%s: shard %d has %d ms of %d, more than the share %d plus the longest unit %d", name, i, l, total, total/int64(n), longest)
					}
				}
			}
		}
	}
}

// The units of known runs: equal units go round the shards; a sweep longer
// than a shard's share is split (full param-count on 4 machines); a
// single-seed run gives each experiment to one shard.
func TestPlanShardsKnownRuns(t *testing.T) {
	p, err := PlanShards([]string{results.GradNorm}, []int64{1, 2, 3}, "smoke", 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(p.Shards[0], "|", p.Shards[1]); got != fmt.Sprint([]Unit{p.Shards[0][0], p.Shards[0][1]}, "|", []Unit{p.Shards[1][0]}) ||
		p.Shards[0][0].Seed != 1 || p.Shards[0][1].Seed != 3 || p.Shards[1][0].Seed != 2 {
		t.Errorf("grad-norm seeds 1,2,3 on 2 shards: %v, want seeds 1, 3 and 2", p.Shards)
	}
	p, err = PlanShards(allNames(), []int64{1}, "full", 4)
	if err != nil {
		t.Fatal(err)
	}
	pc := p.UnitsOf(results.ParamCount)
	if len(pc) != 2 || p.Owner(pc[0]) == p.Owner(pc[1]) {
		t.Errorf("full param-count (30 min of 75) on 4 shards: %v, want 2 parts on 2 shards", pc)
	}
	if md := p.UnitsOf(results.MNISTDepth); len(md) != 1 || md[0].Part != (Shard{}) {
		t.Errorf("mnist-depth, no sweep: %v, want one whole unit", md)
	}
	p, err = PlanShards(allNames(), []int64{1}, "smoke", 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range allNames() {
		if u := p.UnitsOf(e); len(u) != 1 {
			t.Errorf("smoke, one seed, 2 shards: %s in %d units, want 1", e, len(u))
		}
	}
}

func TestPlanShardsRefusesEmptyShards(t *testing.T) {
	_, err := PlanShards([]string{results.FunctionFit}, []int64{1, 2, 3}, "smoke", 4)
	var usage *config.UsageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "at most 3 shards") || !strings.Contains(err.Error(), "shard 3/4") {
		t.Errorf("3 units on 4 shards: %v, want a usage error saying at most 3 shards", err)
	}
}

// A single-seed run whose min-ratio is split in two parts (a sweep longer
// than a shard's share, as at full beside weight-pca on 2 shards): the
// merge joins the parts into the whole table; a missing shard is named with
// its units, and the merge is incomplete.
func TestMergeOfSweepPartsChecksEveryUnitOnce(t *testing.T) {
	p, err := PlanShards([]string{results.MinRatio, results.WeightPCA}, []int64{1}, "full", 2)
	if err != nil {
		t.Fatal(err)
	}
	mr := p.UnitsOf(results.MinRatio)
	if len(mr) != 2 || p.Owner(mr[0]) != 0 || p.Owner(mr[1]) != 1 {
		t.Fatalf("plan %v: want min-ratio in parts 0/2 and 1/2 on shards 0 and 1", p.Shards)
	}
	var dirs []string
	for i, keys := range [][]int{{0, 2, 4}, {1, 3, 5}} {
		d := writeShard(t, results.StatusDone, []string{fmt.Sprintf("%d/2", i)}, keys, 0)
		if err := ClaimShard(d, p, i); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	out := t.TempDir()
	_, err = Merge(out, dirs, nil)
	var miss *MissingUnitsError
	// weight-pca (shard 0's) was never run in this fake shard.
	if !errors.As(err, &miss) || !strings.Contains(err.Error(), "weight-pca seed 1 (shard 0/2)") || strings.Contains(err.Error(), "min-ratio") {
		t.Errorf("merge without weight-pca: %v, want a *MissingUnitsError naming weight-pca and shard 0/2 only", err)
	}
	whole := writeShard(t, results.StatusDone, nil, []int{0, 1, 2, 3, 4, 5}, 0)
	if got, want := readFile(t, out, results.MinRatio, results.MinRatioPoints.File), readFile(t, whole, results.MinRatio, results.MinRatioPoints.File); string(got) != string(want) {
		t.Errorf("merged parts:\n%s\nwant the whole run's:\n%s", got, want)
	}
	_, err = Merge(t.TempDir(), dirs[:1], nil)
	if !errors.As(err, &miss) || !strings.Contains(err.Error(), "min-ratio seed 1 part 1/2 (shard 1/2)") {
		t.Errorf("merge without shard 1/2: %v, want a *MissingUnitsError naming min-ratio's part 1/2", err)
	}
}

// Shards written by ClaimShard: a folder of one shard claimed for another,
// and a unit found in the folder of a shard that does not run it, are
// refused with what to do.
func TestShardFilesRefuseUnitsTwice(t *testing.T) {
	p, err := PlanShards([]string{results.GradNorm}, []int64{1, 2}, "smoke", 2)
	if err != nil {
		t.Fatal(err)
	}
	d0, d1 := t.TempDir(), t.TempDir()
	if err := ClaimShard(d0, p, 0); err != nil {
		t.Fatal(err)
	}
	if err := ClaimShard(d0, p, 0); err != nil {
		t.Errorf("the same shard again (a rerun): %v", err)
	}
	var input *InputError
	if err := ClaimShard(d0, p, 1); !errors.As(err, &input) || !strings.Contains(err.Error(), "folder of its own") {
		t.Errorf("shard 1 into shard 0's folder: %v, want an *InputError", err)
	}
	if err := ClaimShard(d1, p, 1); err != nil {
		t.Fatal(err)
	}
	writeGradNormSeed(t, filepath.Join(d0, results.GradNorm, results.SeedDir(1)), 1, 0)
	writeGradNormSeed(t, filepath.Join(d1, results.GradNorm, results.SeedDir(2)), 2, 0)
	if _, err := readMergePlan([]string{d0, d1}); err != nil {
		t.Fatalf("two good shards: %v", err)
	}
	// Seed 1 done again in shard 1's folder: done twice.
	writeGradNormSeed(t, filepath.Join(d1, results.GradNorm, results.SeedDir(1)), 1, 0)
	if _, err := readMergePlan([]string{d0, d1}); !errors.As(err, &input) || !strings.Contains(err.Error(), "grad-norm seed 1, which the plan gives to shard 0/2") {
		t.Errorf("seed 1 in both folders: %v, want an *InputError naming the unit", err)
	}
	if err := os.RemoveAll(filepath.Join(d1, results.GradNorm, results.SeedDir(1))); err != nil {
		t.Fatal(err)
	}
	// A shard of another run.
	q, err := PlanShards([]string{results.GradNorm}, []int64{1, 3}, "smoke", 2)
	if err != nil {
		t.Fatal(err)
	}
	d2 := t.TempDir()
	if err := ClaimShard(d2, q, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := readMergePlan([]string{d0, d2}); !errors.As(err, &input) || !strings.Contains(err.Error(), "only shards of one run merge") {
		t.Errorf("shards of seeds 1,2 and 1,3: %v, want an *InputError", err)
	}
}

// A multi-seed run whose sweep is split (sensitivity's seeds in two parts
// each, on 4 shards): the merge joins each seed's parts into its seed
// folder, whose manifest names the experiment before its figures are drawn
// (a drawer learns it from there, as plots.Draw does), and the aggregate
// holds both seeds, done.
func TestMergeOfSeedPartsDrawsEachSeed(t *testing.T) {
	p, err := PlanShards([]string{results.MinRatio}, []int64{1, 2}, "full", 4)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for i := range p.Shards {
		if len(p.Shards[i]) != 1 || p.Shards[i][0].Part.Count != 2 {
			t.Fatalf("plan %v: want each seed of min-ratio in 2 parts, one per shard", p.Shards)
		}
		u := p.Shards[i][0]
		d := t.TempDir()
		if err := ClaimShard(d, p, i); err != nil {
			t.Fatal(err)
		}
		seed := filepath.Join(d, results.MinRatio, results.SeedDir(u.Seed))
		part := writeShard(t, results.StatusDone, []string{u.Part.String()}, []int{u.Part.Index, u.Part.Index + 2}, float64(u.Seed))
		if err := os.CopyFS(seed, os.DirFS(filepath.Join(part, results.MinRatio))); err != nil {
			t.Fatal(err)
		}
		m, err := results.ReadManifest(seed)
		if err != nil {
			t.Fatal(err)
		}
		m.Seed = u.Seed
		if err := m.Write(seed); err != nil {
			t.Fatal(err)
		}
		if _, err := AggregateSeedShard(filepath.Join(d, results.MinRatio), results.MinRatio, p.Seeds, p, i); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	drawn := map[string]string{} // folder -> the experiment its manifest named when drawn
	draw := func(dir string) ([]string, error) {
		m, err := results.ReadManifest(dir)
		if err != nil {
			return nil, fmt.Errorf("draw %s: %w", dir, err)
		}
		drawn[filepath.Base(dir)] = m.Experiment
		return []string{"fig"}, nil
	}
	out := t.TempDir()
	if _, err := Merge(out, dirs, draw); err != nil {
		t.Fatalf("merge: %v", err)
	}
	for _, k := range p.Seeds {
		if drawn[results.SeedDir(k)] != results.MinRatio {
			t.Errorf("seed %d drawn as %q, want %s", k, drawn[results.SeedDir(k)], results.MinRatio)
		}
		tb := readFile(t, out, results.MinRatio, results.SeedDir(k), results.MinRatioPoints.File)
		if n := strings.Count(string(tb), "\n"); n != 5 {
			t.Errorf("seed %d's merged points: %d lines, want the header and runs 0 to 3\n%s", k, n, tb)
		}
	}
	m, err := results.ReadManifest(filepath.Join(out, results.MinRatio))
	if err != nil || m.Status != results.StatusDone || len(m.Seeds) != 2 {
		t.Errorf("merged aggregate: %+v, %v; want done over 2 seeds", m, err)
	}
	// Without the last shard, a seed has one part of two: incomplete, not
	// a whole seed of half its runs.
	out = t.TempDir()
	_, err = Merge(out, dirs[:len(dirs)-1], draw)
	var miss *MissingUnitsError
	if !errors.As(err, &miss) {
		t.Errorf("merge without the last shard: %v, want a *MissingUnitsError", err)
	}
	last := p.Shards[len(dirs)-1][0]
	if m, err := results.ReadManifest(filepath.Join(out, results.MinRatio, results.SeedDir(last.Seed))); err != nil || m.Status != results.StatusIncomplete {
		t.Errorf("seed %d without part %s: %+v, %v; want incomplete", last.Seed, last.Part, m, err)
	}
	if m, err := results.ReadManifest(filepath.Join(out, results.MinRatio)); err != nil || m.Status == results.StatusDone {
		t.Errorf("aggregate without a part: %+v, %v; want not done", m, err)
	}
}
