package plots

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// seedFactors scale the measured values of each seed's fixture tables
// (seed k by the k-th factor): the seeds differ, and their mean is the
// single-seed fixture's where no column's range clips a scaled value.
var seedFactors = []float64{0.85, 1, 1.15}

// multiSeedFixture writes into dir a multi-seed folder as hw1 run --seeds
// leaves it: one seed-<k>/ folder per factor, holding the fixture of
// experiment with its measured numbers scaled by the factor (except
// function-fit's ground truth, the same in every seed) and clipped to
// their column's range (an accuracy stays at most 1), and the aggregate
// tables and manifest that results.AggregateSeeds writes. It returns the
// seed folders.
func multiSeedFixture(t *testing.T, dir, experiment string, factors []float64) []string {
	t.Helper()
	exp, ok := results.Lookup(experiment)
	if !ok {
		t.Fatalf("no experiment %q", experiment)
	}
	var seeds []string
	for k, f := range factors {
		seed := int64(k + 1)
		sd := filepath.Join(dir, results.SeedDir(seed))
		fixture(t, sd, experiment)
		for _, spec := range exp.Tables {
			tb, err := table.Read(filepath.Join(sd, spec.File))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			for _, c := range spec.Columns {
				if c.Key || c.Kind != results.Float || c.Name == results.ColYTrue {
					continue
				}
				i, err := tb.Col(c.Name)
				if err != nil {
					continue // an optional column the fixture lacks
				}
				for _, row := range tb.Rows {
					x, err := strconv.ParseFloat(row[i], 64)
					if err != nil {
						t.Fatal(err)
					}
					row[i] = table.Format(min(max(x*f, c.Range.Min), c.Range.Max))
				}
			}
			writeTable(t, sd, spec, tb)
		}
		m := &results.Manifest{Experiment: experiment, Status: results.StatusDone, Seed: seed}
		if err := m.Write(sd); err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, sd)
	}
	if _, err := results.AggregateSeeds(dir); err != nil {
		t.Fatal(err)
	}
	return seeds
}

// overSeeds lists, per experiment, the figures Draw draws over the seeds
// of a multi-seed folder: those of aggregated tables with their spread,
// min-ratio pooled, and none for the experiments whose tables are kept per
// seed only.
var overSeeds = map[string][]string{
	results.FunctionFit:     {"loss-sinc", "loss-square", "fit-sinc", "fit-square"},
	results.MNISTDepth:      {"loss", "accuracy"},
	results.WeightPCA:       nil,
	results.GradNorm:        {"grad-norm"},
	results.MinRatio:        {"min-ratio"},
	results.RandomLabels:    {"random-labels"},
	results.ParamCount:      {"loss-vs-params", "accuracy-vs-params"},
	results.Interpolation:   {"interpolation-batch", "interpolation-lr"},
	results.Sensitivity:     {"sensitivity", "sharpness"},
	results.LossSurface:     nil,
	results.HessianSpectrum: {"curvature-vs-batch"},
	results.DoubleDescent:   {"double-descent"},
}

// bandKey is the legend entry of a figure with the spread over the three
// seeds of seedFactors.
const bandKey = "mean, band: min–max over 3 seeds"

// TestDrawOverSeeds draws a multi-seed folder of every experiment: the
// figures over the seeds in the folder itself, first, each with the band's
// legend entry (min-ratio's with the pooled points instead), then every
// seed's own figures in its folder.
func TestDrawOverSeeds(t *testing.T) {
	for _, e := range experiments {
		t.Run(e.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), e.name)
			multiSeedFixture(t, dir, e.name, seedFactors)
			names, err := Draw(dir)
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Clone(overSeeds[e.name])
			for k := range seedFactors {
				for _, f := range e.figures {
					want = append(want, results.SeedDir(int64(k+1))+"/"+f)
				}
			}
			if !reflect.DeepEqual(names, want) {
				t.Fatalf("figures %v, want %v", names, want)
			}
			for _, n := range names {
				checkFigureFiles(t, filepath.Join(dir, filepath.Dir(n)), filepath.Base(n))
			}
			pngs, _ := filepath.Glob(filepath.Join(dir, "*.png"))
			if len(pngs) != len(overSeeds[e.name]) {
				t.Errorf("%d figures in the folder, want %d: %v", len(pngs), len(overSeeds[e.name]), pngs)
			}
			for _, n := range overSeeds[e.name] {
				texts := svgTexts(t, filepath.Join(dir, n+".svg"))
				if e.name == results.MinRatio {
					if !strings.Contains(first(texts), "(60 runs of 3 seeds, pooled)") {
						t.Errorf("%s: title %q, want the pooled runs", n, first(texts))
					}
					continue
				}
				if !slices.Contains(texts, bandKey) || !slices.Contains(texts, "thin lines: single seeds") {
					t.Errorf("%s: no legend entries for the band and the single seeds in %q", n, texts)
				}
			}
		})
	}
}

// TestSeedFiguresUnchanged: a seed's own figures are drawn as a single-seed
// folder's, byte for byte (seed 2's tables are the plain fixture's).
func TestSeedFiguresUnchanged(t *testing.T) {
	multi := filepath.Join(t.TempDir(), results.FunctionFit)
	multiSeedFixture(t, multi, results.FunctionFit, seedFactors)
	if _, err := Draw(multi); err != nil {
		t.Fatal(err)
	}
	single := filepath.Join(t.TempDir(), results.FunctionFit)
	fixture(t, single, results.FunctionFit)
	if _, err := Draw(single); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"loss-sinc", "fit-square"} {
		for _, ext := range []string{".svg", ".png"} {
			a, errA := os.ReadFile(filepath.Join(multi, results.SeedDir(2), f+ext))
			b, errB := os.ReadFile(filepath.Join(single, f+ext))
			if errA != nil || errB != nil || !bytes.Equal(a, b) {
				t.Errorf("%s%s of seed 2 differs from the single-seed figure (%v, %v)", f, ext, errA, errB)
			}
		}
		a, _ := os.ReadFile(filepath.Join(multi, f+".svg"))
		b, _ := os.ReadFile(filepath.Join(single, f+".svg"))
		if bytes.Equal(a, b) {
			t.Errorf("%s.svg over the seeds is the single seed's", f)
		}
	}
}

// TestManySeedsNoFaintLines: above maxFaintSeeds seeds the band stands
// alone, and the legend says over how many seeds.
func TestManySeedsNoFaintLines(t *testing.T) {
	dir := filepath.Join(t.TempDir(), results.GradNorm)
	factors := []float64{0.8, 0.9, 1, 1.1, 1.2, 1.3}
	multiSeedFixture(t, dir, results.GradNorm, factors)
	if _, err := Draw(dir); err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, filepath.Join(dir, "grad-norm.svg"))
	if !slices.Contains(texts, "mean, band: min–max over 6 seeds") || slices.Contains(texts, "thin lines: single seeds") {
		t.Errorf("legend %q: want the band over 6 seeds and no single seeds", texts)
	}
}

// TestBadAggregateTable: an aggregate table that does not match the
// schema's aggregate is an error naming the file and the column; the seeds'
// figures are drawn all the same.
func TestBadAggregateTable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), results.GradNorm)
	multiSeedFixture(t, dir, results.GradNorm, seedFactors)
	path := filepath.Join(dir, results.GradNormHistory.File)
	tb, err := table.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	drop, err := tb.Col(results.ColLoss + results.SuffixMax)
	if err != nil {
		t.Fatal(err)
	}
	if err := withoutColumn(tb, drop).Write(path); err != nil {
		t.Fatal(err)
	}
	names, err := Draw(dir)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), results.ColLoss+results.SuffixMax) {
		t.Errorf("error %v, want one naming %s and its column %s", err, path, results.ColLoss+results.SuffixMax)
	}
	if len(names) != len(seedFactors) {
		t.Errorf("figures %v, want the seeds' own", names)
	}
}

// TestAggregateSchema: the aggregate's columns as plots checks them are
// those that runner/results writes, for every aggregated table.
func TestAggregateSchema(t *testing.T) {
	for _, e := range results.Experiments() {
		for _, spec := range e.Tables {
			if !spec.Aggregated() {
				continue
			}
			if got, want := aggregateSchema(spec).Names(true), spec.AggregateColumns(); !slices.Equal(got, want) {
				t.Errorf("%s/%s: aggregate columns %v, results writes %v", e.Name, spec.File, got, want)
			}
		}
	}
}
