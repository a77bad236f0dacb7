//go:build !notf

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/table"
)

// hw1 run --seeds writes each seed's complete result into its own folder,
// byte-identical to a single-seed run of that seed, and their aggregate
// beside them; the report counts each finding's verdict over the seeds.
func TestSeedsEndToEnd(t *testing.T) {
	root := filepath.Join("..", "..")
	work := t.TempDir()
	multi, single := filepath.Join(work, "multi"), filepath.Join(work, "single")
	if code, out, errs := run(t, hw1Binary, root, "run", "grad-norm", "--profile", "smoke", "--threads", "1", "--quiet",
		"--seeds", "2", "--seed", "4", "--out", multi); code != 0 {
		t.Fatalf("--seeds 2: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := run(t, hw1Binary, root, "run", "grad-norm", "--profile", "smoke", "--threads", "1", "--quiet",
		"--seed", "5", "--out", single); code != 0 {
		t.Fatalf("--seed 5: exit %d\n%s\n%s", code, out, errs)
	}
	exp := filepath.Join(multi, results.GradNorm)
	spec := results.GradNormHistory
	a, err := os.ReadFile(filepath.Join(exp, results.SeedDir(5), spec.File))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(single, results.GradNorm, spec.File))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("seed 5 of --seeds differs from a single-seed run of seed 5")
	}
	m, err := results.ReadManifest(exp)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != results.StatusDone || len(m.Seeds) != 2 || m.Seeds[0].Seed != 4 || m.Seeds[1].Seed != 5 {
		t.Errorf("aggregate manifest: status %s, seeds %+v; want done, seeds 4 and 5", m.Status, m.Seeds)
	}
	agg, err := table.Read(filepath.Join(exp, spec.File))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(agg.Columns, ","), strings.Join(spec.AggregateColumns(), ","); got != want {
		t.Errorf("aggregate columns %s, want %s", got, want)
	}
	n, _ := agg.Strings(results.ColN)
	if len(n) == 0 || n[0] != "2" {
		t.Errorf("aggregate n = %v, want 2 seeds per row", n)
	}
	// The run drew the figure over the seeds (mean and band) from the
	// aggregate; hw1 plot redraws it and every seed's own.
	if _, err := os.Stat(filepath.Join(multi, results.GradNorm, "grad-norm.svg")); err != nil {
		t.Errorf("no figure over the seeds after the run: %v", err)
	}
	if code, out, errs := run(t, hw1Binary, root, "plot", multi); code != 0 || !strings.Contains(out, results.GradNorm+": 3 figures") {
		t.Errorf("plot of a multi-seed result: exit %d\n%s\n%s", code, out, errs)
	}
	// The report reads the seeds.
	if code, out, errs := run(t, hw1Binary, root, "report", multi); code != 0 {
		t.Fatalf("report: exit %d\n%s\n%s", code, out, errs)
	}
	html, err := os.ReadFile(filepath.Join(multi, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "Over seeds 4, 5:") || !strings.Contains(string(html), "of 2 seeds") {
		t.Error("the report does not count the findings over the seeds")
	}
	// A single-seed run into the multi-seed folder is refused, and so is a
	// multi-seed run into a single-seed result.
	if code, _, errs := run(t, hw1Binary, root, "run", "grad-norm", "--profile", "smoke", "--quiet", "--out", multi); code != 2 || !strings.Contains(errs, "--seeds") {
		t.Errorf("single seed into a multi-seed folder: exit %d\n%s", code, errs)
	}
	if code, _, errs := run(t, hw1Binary, root, "run", "grad-norm", "--profile", "smoke", "--quiet", "--seeds", "2", "--out", single); code != 2 || !strings.Contains(errs, "single seed") {
		t.Errorf("several seeds into a single-seed folder: exit %d\n%s", code, errs)
	}
	if code, _, errs := run(t, hw1Binary, root, "run", "grad-norm", "--seeds", "0"); code != 2 || !strings.Contains(errs, "--seeds") {
		t.Errorf("--seeds 0: exit %d\n%s", code, errs)
	}
}

// An interrupted seed is no failed aggregate: when one seed finished and
// another was interrupted before its first row, the aggregate over the
// seeds is "interrupted", as the seed is, and its figures over the seeds
// are those of the finished seed.
func TestAggregateOfInterruptedSeed(t *testing.T) {
	root := filepath.Join("..", "..")
	out := filepath.Join(t.TempDir(), "out")
	if code, stdout, errs := run(t, hw1Binary, root, "run", "min-ratio", "--profile", "smoke", "--threads", "1", "--quiet",
		"--seeds", "2", "--out", out); code != 0 {
		t.Fatalf("--seeds 2: exit %d\n%s\n%s", code, stdout, errs)
	}
	exp := filepath.Join(out, results.MinRatio)
	// Seed 2 as an interrupt before its first row leaves it.
	seed2 := filepath.Join(exp, results.SeedDir(2))
	m, err := results.ReadManifest(seed2)
	if err != nil {
		t.Fatal(err)
	}
	m.Status, m.Error = results.StatusInterrupted, "interrupted: context canceled"
	if err := m.Write(seed2); err != nil {
		t.Fatal(err)
	}
	points := filepath.Join(seed2, results.MinRatioPoints.File)
	tb, err := table.Read(points)
	if err != nil {
		t.Fatal(err)
	}
	tb.Rows = nil
	if err := tb.Write(points); err != nil {
		t.Fatal(err)
	}
	figs, err := filepath.Glob(filepath.Join(exp, "*.png"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	o := aggregateSeeds(exp, results.MinRatio, []int64{1, 2}, runner.Shard{})
	if o.Status != results.StatusInterrupted || o.Err != nil {
		t.Errorf("aggregate: %s, %v; want interrupted and no error", o.Status, o.Err)
	}
	if figs, _ = filepath.Glob(filepath.Join(exp, "*.png")); len(figs) == 0 {
		t.Error("no figure over the seeds: the finished seed's points were not drawn")
	}
}
