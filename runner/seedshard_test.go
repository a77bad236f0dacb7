package runner

import "testing"

func TestSeedRunnersRunTheirSeedsWhole(t *testing.T) {
	r := quietRunner(t.TempDir())
	r.opts.Shard = Shard{Index: 1, Count: 2}
	for _, sr := range r.SeedRunners([]int64{2, 4}) {
		if sr.opts.Shard != (Shard{}) || !sr.opts.SeedFolder {
			t.Errorf("seed %d runs shard %q (seed folder %v): want the whole run in its seed folder", sr.opts.Seed, sr.opts.Shard, sr.opts.SeedFolder)
		}
	}
	if r.opts.Shard != (Shard{Index: 1, Count: 2}) {
		t.Error("SeedRunners changed the runner it copies")
	}
}
