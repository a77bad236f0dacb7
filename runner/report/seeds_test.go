package report

import (
	"encoding/base64"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
)

func TestCombineSeeds(t *testing.T) {
	f := func(agrees string, v float64) []Finding {
		return []Finding{{Statement: "ρ = x", Agrees: agrees, Rule: "yes if ρ < 0", Value: v}}
	}
	// Three seeds agree: robust; mean of -0.5, -0.7, -0.9 is -0.7, sd 0.2.
	got, err := combineSeeds([]int64{1, 2, 3}, [][]Finding{f(AgreesYes, -0.5), f(AgreesYes, -0.7), f(AgreesYes, -0.9)})
	if err != nil {
		t.Fatal(err)
	}
	g := got[0]
	if g.Robustness != Robust || g.Agrees != AgreesYes || math.Abs(g.Value+0.7) > 1e-12 {
		t.Errorf("robust case: %+v", g)
	}
	for _, want := range []string{"Over seeds 1, 2, 3: agrees in 3 of 3 seeds; headline value -0.7 ± 0.2 (mean ± sample sd over 3 seeds, range -0.9 to -0.5). Seed 1: ρ = x"} {
		if !strings.Contains(g.Statement, want) {
			t.Errorf("statement %q lacks %q", g.Statement, want)
		}
	}
	// Seeds disagree: mixed, and the verdict is partly.
	got, err = combineSeeds([]int64{1, 2}, [][]Finding{f(AgreesYes, -0.5), f(AgreesNo, 0.1)})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Robustness != Mixed || got[0].Agrees != AgreesPartly || !strings.Contains(got[0].Statement, "agrees in 1 of 2 seeds, disagrees in 1 of 2 seeds") {
		t.Errorf("mixed case: %+v", got[0])
	}
	// Every seed n/a: no verdict, so not robust either; no headline value.
	got, err = combineSeeds([]int64{1, 2}, [][]Finding{f(AgreesNA, math.NaN()), f(AgreesNA, math.NaN())})
	if err != nil || got[0].Robustness != "" || got[0].Agrees != AgreesNA || !math.IsNaN(got[0].Value) ||
		!strings.Contains(got[0].Statement, "no verdict (n/a) in 2 of 2 seeds. Seed 1") {
		t.Errorf("all n/a: %+v, %v", got, err)
	}
	// A headline value in only some seeds: the statement says in how many.
	got, err = combineSeeds([]int64{1, 2, 3}, [][]Finding{f(AgreesYes, -0.5), f(AgreesYes, math.NaN()), f(AgreesYes, -0.9)})
	if err != nil || got[0].Robustness != Robust || math.Abs(got[0].Value+0.7) > 1e-12 ||
		!strings.Contains(got[0].Statement, "(mean ± sample sd over 2 of 3 seeds, range -0.9 to -0.5)") {
		t.Errorf("two of three values: %+v, %v", got, err)
	}
	got, err = combineSeeds([]int64{1, 2, 3}, [][]Finding{f(AgreesYes, math.Inf(1)), f(AgreesYes, math.NaN()), f(AgreesYes, 0.25)})
	if err != nil || got[0].Value != 0.25 || !strings.Contains(got[0].Statement, "headline value 0.25 (over 1 of 3 seeds)") {
		t.Errorf("one finite value of three: %+v, %v", got, err)
	}
	// One seed: single-seed, no spread.
	got, err = combineSeeds([]int64{7}, [][]Finding{f(AgreesNo, math.NaN())})
	if err != nil || got[0].Robustness != SingleSeed || strings.Contains(got[0].Statement, "±") {
		t.Errorf("single seed: %+v, %v", got, err)
	}
	// Findings that do not line up are refused.
	other := []Finding{{Rule: "another rule"}}
	if _, err := combineSeeds([]int64{1, 2}, [][]Finding{f(AgreesYes, 1), other}); err == nil {
		t.Error("findings of different rules combined")
	}
	if _, err := combineSeeds([]int64{1, 2}, [][]Finding{f(AgreesYes, 1), nil}); err == nil {
		t.Error("lists of different lengths combined")
	}
}

// multiSeedGradNorm writes OUT/grad-norm as hw1 run --seeds 2 leaves it:
// two finished seeds with their tables and a figure each (the seed's
// grad-norm, and one only per seed, zz-per-seed), and the experiment's
// manifest listing them.
func multiSeedGradNorm(t *testing.T, out string) string {
	t.Helper()
	dir := filepath.Join(out, results.GradNorm)
	var seeds []results.SeedRun
	for k := int64(1); k <= 2; k++ {
		sd := filepath.Join(dir, results.SeedDir(k))
		if err := os.MkdirAll(sd, 0o755); err != nil {
			t.Fatal(err)
		}
		var hist [][]any
		for s := 0; s < 60; s++ {
			hist = append(hist, []any{s + 1, s / 20, 1 / float64(s+int(k)), 10 / float64(s+1)}) // steps count from 1
		}
		writeTable(t, sd, results.GradNormHistory, hist...)
		if err := (&results.Manifest{Experiment: results.GradNorm, Seed: k, Status: results.StatusDone}).Write(sd); err != nil {
			t.Fatal(err)
		}
		for i, f := range []string{"grad-norm", "zz-per-seed"} {
			writePNG(t, filepath.Join(sd, f+".png"), int(k)*10+i)
			if err := os.WriteFile(filepath.Join(sd, f+".svg"), []byte("<svg/>"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		seeds = append(seeds, results.SeedRun{Seed: k, Status: results.StatusDone, Dir: results.SeedDir(k)})
	}
	m := &results.Manifest{Experiment: results.GradNorm, Seed: 1, Seeds: seeds, Status: results.StatusDone}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSeedFigures: a multi-seed section shows the figures drawn over the
// seeds, and the first seed's only where there is none of the name over
// the seeds; without figures over the seeds, all of the first seed's.
func TestSeedFigures(t *testing.T) {
	out := t.TempDir()
	dir := multiSeedGradNorm(t, out)
	embedded := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b)
	}
	type want struct{ src, name, caption, svg string }
	check := func(wants []want) {
		t.Helper()
		doc, _ := writeAndParse(t, out)
		byID, _ := sections(doc)
		figs := byID[results.GradNorm].tag("figure")
		if len(figs) != len(wants) {
			t.Fatalf("%d figures, want %d", len(figs), len(wants))
		}
		for i, w := range wants {
			imgs, links := figs[i].tag("img"), figs[i].tag("a")
			caption := figs[i].tag("figcaption")[0].text.String()
			if len(imgs) != 1 || imgs[0].attr["src"] != w.src {
				t.Errorf("figure %d does not embed %s", i+1, w.name)
			}
			if !strings.Contains(caption, w.caption) || !strings.Contains(caption, "("+w.name+";") {
				t.Errorf("figure %d: caption %q, want %q and the name %s", i+1, caption, w.caption, w.name)
			}
			png := strings.TrimSuffix(w.svg, ".svg") + ".png"
			if len(links) != 2 || links[0].attr["href"] != png || links[0].text.String() != w.name || links[1].attr["href"] != w.svg {
				t.Errorf("figure %d: links %v, want the PNG %s named %s and the SVG %s", i+1, links, png, w.name, w.svg)
			}
		}
	}
	seed1 := filepath.Join(dir, results.SeedDir(1))
	perSeed := want{embedded(filepath.Join(seed1, "zz-per-seed.png")), results.SeedDir(1) + "/zz-per-seed.png",
		"zz per seed. Seed 1 alone, of seeds 1, 2.", results.GradNorm + "/" + results.SeedDir(1) + "/zz-per-seed.svg"}
	// Not drawn over the seeds: the first seed's figures.
	check([]want{
		{embedded(filepath.Join(seed1, "grad-norm.png")), results.SeedDir(1) + "/grad-norm.png",
			"The loss (top, log scale) and the gradient norm (bottom: the 2-norm of the gradient over all parameters) at every training step. Seed 1 alone, of seeds 1, 2.", results.GradNorm + "/" + results.SeedDir(1) + "/grad-norm.svg"},
		perSeed,
	})
	// Drawn over the seeds: that figure instead of the seed's.
	writePNG(t, filepath.Join(dir, "grad-norm.png"), 99)
	if err := os.WriteFile(filepath.Join(dir, "grad-norm.svg"), []byte("<svg/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	check([]want{
		{embedded(filepath.Join(dir, "grad-norm.png")), "grad-norm.png", "at every training step. Over seeds 1, 2: each curve is the mean over the seeds, with a band from their minimum to their maximum.", results.GradNorm + "/grad-norm.svg"},
		perSeed,
	})
}

// TestRunRowsOfSeeds: a multi-seed result's rows and the run summary name
// every seed, not only the first, and say that its duration sums theirs.
func TestRunRowsOfSeeds(t *testing.T) {
	rows := func(kvs []kv) map[string]string {
		m := map[string]string{}
		for _, r := range kvs {
			m[r.Key] = r.Value
		}
		return m
	}
	seeds := []results.SeedRun{{Seed: 4, Status: results.StatusDone}, {Seed: 5, Status: results.StatusDone}}
	multi := func(exp string, secs float64) *results.Manifest {
		return &results.Manifest{Experiment: exp, Profile: "quick", Seed: 4, Seeds: seeds, Status: results.StatusDone, DurationSeconds: secs}
	}
	single := &results.Manifest{Experiment: results.GradNorm, Profile: "quick", Seed: 4, Status: results.StatusDone, DurationSeconds: 12}

	r := rows(runRows(multi(results.GradNorm, 30)))
	if _, ok := r["seed"]; ok || r["duration (sum over seeds)"] != duration(30) {
		t.Errorf("multi-seed run rows: %v", r)
	}
	r = rows(runRows(single))
	if r["seed"] != "4" || r["duration"] != duration(12) {
		t.Errorf("single-seed run rows: %v", r)
	}
	s := rows(summarize([]*results.Manifest{multi(results.GradNorm, 30), multi(results.MinRatio, 60)}, nil))
	if s["seeds"] != "4, 5" || s["total duration (sum over experiments and seeds)"] != duration(90) {
		t.Errorf("summary of a multi-seed run: %v", s)
	}
	s = rows(summarize([]*results.Manifest{single}, nil))
	if s["seed"] != "4" || s["total duration (sum over experiments)"] != duration(12) {
		t.Errorf("summary of a single-seed run: %v", s)
	}
}
