package report

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
)

// newExpDir returns an empty folder named after the experiment.
func newExpDir(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mustFindings(t *testing.T, dir string) []Finding {
	t.Helper()
	fs, err := folderFindings(dir)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func checkFinding(t *testing.T, f Finding, agrees string, value float64, contains ...string) {
	t.Helper()
	if f.Agrees != agrees {
		t.Errorf("Agrees = %q, want %q: %s", f.Agrees, agrees, f.Statement)
	}
	if !math.IsNaN(value) && math.Abs(f.Value-value) > 1e-9*math.Max(1, math.Abs(value)) {
		t.Errorf("Value = %v, want %v: %s", f.Value, value, f.Statement)
	}
	for _, s := range contains {
		if !strings.Contains(f.Statement, s) {
			t.Errorf("statement lacks %q: %s", s, f.Statement)
		}
	}
	if f.Literature == "" || f.Rule == "" {
		t.Errorf("finding without literature or rule: %+v", f)
	}
}

func TestRandomLabelsFindings(t *testing.T) {
	spec := results.RandomLabelsHistory
	dir := newExpDir(t, results.RandomLabels)
	// Rows out of order: epoch 7 is the first with train_acc ≥ 0.99.
	writeTable(t, dir, spec,
		[]any{8, 0.02, 0.995, 3.1, 0.1}, []any{1, 2.3, 0.11, 2.3, 0.1}, []any{7, 0.05, 0.991, 3.0, 0.11},
		[]any{6, 0.1, 0.985, 2.9, 0.1}, []any{9, 0.01, 1.0, 3.2, 0.098})
	fs := mustFindings(t, dir)
	if len(fs) != 1 || fs[0].Experiment != results.RandomLabels {
		t.Fatalf("findings = %+v", fs)
	}
	checkFinding(t, fs[0], AgreesYes, 1.0, "first reached 99% at epoch 7", "100.0% (epoch 9)", "Final test accuracy (epoch 9): 9.8%")

	// The same run stopped early: no memorisation, test still at chance.
	writeTable(t, dir, spec, []any{1, 2.3, 0.11, 2.3, 0.1}, []any{2, 2.2, 0.6, 2.4, 0.1})
	checkFinding(t, mustFindings(t, dir)[0], AgreesPartly, 0.6, "never reached 99% in 2 epochs")
	// Neither: a test accuracy far above chance too.
	writeTable(t, dir, spec, []any{1, 2.3, 0.5, 2.3, 0.9})
	checkFinding(t, mustFindings(t, dir)[0], AgreesNo, 0.5)
}

func TestFunctionFitFindings(t *testing.T) {
	dir := newExpDir(t, results.FunctionFit)
	writeTable(t, dir, results.FunctionFitModels,
		[]any{"deep", 7, 571}, []any{"shallow", 1, 571})
	writeTable(t, dir, results.FunctionFitLoss,
		[]any{"sinc", "deep", 1, 0.5}, []any{"sinc", "deep", 2, 0.002}, []any{"sinc", "shallow", 2, 0.01}, []any{"sinc", "shallow", 1, 0.4},
		[]any{"square", "deep", 2, 0.4}, []any{"square", "shallow", 2, 0.1})
	fs := mustFindings(t, dir)
	if len(fs) != 2 {
		t.Fatalf("%d findings, want one per function", len(fs))
	}
	// sinc: 0.01 / 0.002 = 5, the deep model is lower.
	checkFinding(t, fs[0], AgreesYes, 5, "sinc", "deep (7 hidden, epoch 2) 0.002", "Lowest: deep")
	// square: 0.1 / 0.4 = 0.25, the flipped data disagree.
	checkFinding(t, fs[1], AgreesNo, 0.25, "square", "Lowest: shallow")

	// A model of middle depth lowest: the deepest still beats the
	// shallowest, which is only part of "deeper fits better".
	writeTable(t, dir, results.FunctionFitModels,
		[]any{"deep", 7, 571}, []any{"medium", 4, 572}, []any{"shallow", 1, 571})
	writeTable(t, dir, results.FunctionFitLoss,
		[]any{"sinc", "deep", 2, 0.002}, []any{"sinc", "medium", 2, 0.001}, []any{"sinc", "shallow", 2, 0.01})
	checkFinding(t, mustFindings(t, dir)[0], AgreesPartly, 5, "Lowest: medium", "but medium, of middle depth, is lowest")

	writeTable(t, dir, results.FunctionFitLoss, []any{"sinc", "wide", 1, 0.5})
	if _, err := folderFindings(dir); err == nil || !strings.Contains(err.Error(), `"wide"`) {
		t.Errorf("a model missing from models.csv: err = %v", err)
	}
}

func TestMNISTDepthFindings(t *testing.T) {
	dir := newExpDir(t, results.MNISTDepth)
	writeTable(t, dir, results.MNISTDepthModels,
		[]any{"shallow", 1, 1, 25010}, []any{"mid", 2, 1, 25000}, []any{"deep", 3, 2, 24890})
	hist := func(shallow, mid, deep float64) {
		writeTable(t, dir, results.MNISTDepthHistory,
			[]any{"shallow", 1, 0.3, 0.9, 0.3, 0.5}, []any{"shallow", 3, 0.1, 0.9, 0.1, shallow},
			[]any{"mid", 3, 0.1, 0.9, 0.1, mid}, []any{"deep", 3, 0.1, 0.9, 0.1, deep}, []any{"deep", 2, 0.1, 0.9, 0.1, 0.2})
	}
	hist(0.97, 0.975, 0.986)
	checkFinding(t, mustFindings(t, dir)[0], AgreesYes, 0.986, "deep (3 conv + 2 dense layers, 24,890 params) 98.6% after 3 epochs", "1.6 points above")
	hist(0.97, 0.99, 0.986) // deeper than the shallowest, but not the best
	checkFinding(t, mustFindings(t, dir)[0], AgreesPartly, 0.986)
	hist(0.99, 0.975, 0.986)
	checkFinding(t, mustFindings(t, dir)[0], AgreesNo, 0.986, "0.4 points below")
}

func TestWeightPCAFindings(t *testing.T) {
	dir := newExpDir(t, results.WeightPCA)
	spec := results.WeightPCASnapshots
	// Starts (0,0) and (0,1): 1 apart. Ends (3,4) and (-3,-4): 10 apart.
	writeTable(t, dir, spec,
		[]any{0, 0, 1.0, results.ScopeModel, 0, 0}, []any{0, 3, 0.2, results.ScopeModel, 3, 4},
		[]any{1, 3, 0.3, results.ScopeModel, -3, -4}, []any{1, 0, 1.1, results.ScopeModel, 0, 1},
		[]any{0, 0, 1.0, "dense_2", 7, 7}, []any{1, 3, 0.3, "dense_2", 7, 7})
	fs := mustFindings(t, dir)
	checkFinding(t, fs[0], AgreesNA, 2, "2 runs", "4 snapshots in scope model", "0.2 to 0.3")
	checkFinding(t, fs[1], AgreesYes, 10, "10 apart", "1 apart")
	// Both runs end at the same point: they did not reach different minima.
	writeTable(t, dir, spec,
		[]any{0, 0, 1.0, results.ScopeModel, 0, 0}, []any{0, 3, 0.2, results.ScopeModel, 2, 2},
		[]any{1, 0, 1.1, results.ScopeModel, 0, 1}, []any{1, 3, 0.3, results.ScopeModel, 2, 2})
	checkFinding(t, mustFindings(t, dir)[1], AgreesNo, 0)
}

func TestGradNormFindings(t *testing.T) {
	dir := newExpDir(t, results.GradNorm)
	spec := results.GradNormHistory
	var spiky, falling [][]any
	for s := 1; s <= 60; s++ { // steps count from 1
		g := 1.0
		if s == 40 {
			g = 5
		}
		spiky = append(spiky, []any{s, s / 20, 1 / float64(s), g})
		falling = append(falling, []any{s, s / 20, 1 / float64(s), 10 / float64(s)})
	}
	writeTable(t, dir, spec, spiky...)
	fs := mustFindings(t, dir)
	checkFinding(t, fs[0], AgreesNA, 1.0/60, "60 steps")
	checkFinding(t, fs[1], AgreesYes, 1, "peaks at step 40 (5)", "1 spike", "at step 40")
	// A norm that only falls, in step with the loss: no spike, peak at the
	// start, and rank correlation 1.
	writeTable(t, dir, spec, falling...)
	fs = mustFindings(t, dir)
	checkFinding(t, fs[1], AgreesNo, 0, "at the first step", "0 spikes")
	checkFinding(t, fs[2], AgreesNA, 1, "ρ = 1.00")
}

func TestMinRatioFindings(t *testing.T) {
	dir := newExpDir(t, results.MinRatio)
	// Loss i+1 for run i; the ratio over all eigenvalues, the near-zero
	// count and the ratio over the others given; the Hessian's error herr
	// against a tolerance of 1e-5.
	points := func(all, nearZero, clear []float64, herr float64) {
		var rows [][]any
		for i := range all {
			rows = append(rows, []any{i, float64(i + 1), 1e-6, all[i], -0.1, 2, nearZero[i], 300, 2, true, clear[i], 1e-5, herr})
		}
		writeTable(t, dir, results.MinRatioPoints, rows...)
	}
	// Lower loss: more near-zero eigenvalues, a lower ratio over all of
	// them, a higher ratio over the others.
	points([]float64{0.3, 0.4, 0.5, 0.6, 0.7}, []float64{30, 25, 20, 15, 10}, []float64{0.9, 0.8, 0.7, 0.6, 0.5}, 1e-9)
	fs := mustFindings(t, dir)
	if len(fs) != 4 {
		t.Fatalf("%d findings, want 4", len(fs))
	}
	checkFinding(t, fs[0], AgreesNA, 5, "5 runs", "over all eigenvalues: 0.3 to 0.7", "outside the tolerance: 0.5 to 0.9")
	checkFinding(t, fs[1], AgreesYes, -1, "Judged definition", "ρ = -1.00")
	checkFinding(t, fs[2], AgreesNA, 1, "over all eigenvalues", "ρ = 1.00", "near-zero count over 5 points: ρ = -1.00")
	checkFinding(t, fs[3], AgreesYes, 1e-4, "in 5 of 5 runs")
	if r := fs[3].Rule; !strings.Contains(r, "an estimate of the Hessian's error, not a bound") || strings.Contains(r, "error bound") {
		t.Errorf("the check's rule calls the difference a bound: %s", r)
	}
	// The clear ratio rising with the loss disagrees; an error above the
	// tolerance fails the check.
	points([]float64{0.3, 0.4, 0.5, 0.6, 0.7}, []float64{30, 25, 20, 15, 10}, []float64{0.5, 0.6, 0.7, 0.8, 0.9}, 2e-5)
	fs = mustFindings(t, dir)
	checkFinding(t, fs[1], AgreesNo, 1)
	checkFinding(t, fs[3], AgreesNo, 2, "in 0 of 5 runs")
	// All eigenvalues near zero: the clear ratio is NaN and left out.
	points([]float64{0, 0.4, 0.5}, []float64{57, 25, 20}, []float64{math.NaN(), 0.8, 0.7}, 1e-9)
	checkFinding(t, mustFindings(t, dir)[0], AgreesNA, 3, "outside the tolerance: 0.7 to 0.8")
}

func TestParamCountFindings(t *testing.T) {
	dir := newExpDir(t, results.ParamCount)
	spec := results.ParamCountResults
	writeTable(t, dir, spec,
		[]any{"w3", 6400, 0.1, 0.97, 0.299, 0.93}, []any{"w0", 100, 0.6, 0.8, 1.0, 0.7},
		[]any{"w1", 400, 0.4, 0.9, 0.5, 0.85}, []any{"w2", 1600, 0.2, 0.95, 0.3, 0.9},
		[]any{"w4", 25600, 0.05, 0.99, 0.298, 0.94}, []any{"w5", 102400, 0.01, 1.0, 0.31, 0.93})
	fs := mustFindings(t, dir)
	checkFinding(t, fs[0], AgreesYes, -1, "0.6 → 0.01")
	checkFinding(t, fs[1], AgreesYes, 1600, "lowest (0.298) at 25,600 params (w4)", "From 1,600 params (w2) on")
	// Gap: w0 1.0−0.6 = 0.4, w5 0.31−0.01 = 0.3; accuracy 70% → 93%.
	checkFinding(t, fs[2], AgreesYes, 0.3, "0.4", "70.0% → 93.0%")

	// Larger models that get worse everywhere.
	writeTable(t, dir, spec,
		[]any{"a", 100, 0.1, 0.9, 0.2, 0.9}, []any{"b", 200, 0.2, 0.9, 0.3, 0.8}, []any{"c", 400, 0.3, 0.9, 0.4, 0.7})
	fs = mustFindings(t, dir)
	checkFinding(t, fs[0], AgreesNo, 1)
	checkFinding(t, fs[1], AgreesNo, 100, "From 100 params (a) on")
	checkFinding(t, fs[2], AgreesNo, 0.1)
}

func TestInterpolationFindings(t *testing.T) {
	dir := newExpDir(t, results.Interpolation)
	curve := func(batch, lr func(float64) float64) {
		var rows [][]any
		for k := 24; k >= 0; k-- { // descending alpha: the order must not matter
			a := -1 + float64(k)*0.125
			rows = append(rows, []any{results.PairBatch, a, batch(a), 0.9, batch(a) + 1, 0.9}, []any{results.PairLR, a, lr(a), 0.9, lr(a), 0.9})
		}
		writeTable(t, dir, results.InterpolationCurve, rows...)
	}
	mirror := func(a float64) float64 { return bowl(1 - a) }
	curve(bowl, mirror)
	fs := mustFindings(t, dir)
	if len(fs) != 4 {
		t.Fatalf("%d findings, want 2 per pair", len(fs))
	}
	// bowl: 0.05 at α=0.5, 0.1 at both ends, 1.1 at α=−1, 4.1 at α=2.
	checkFinding(t, fs[0], AgreesYes, 0.05, "α=0.5 0.05 / 1.05", "below both ends")
	// Rises: bowl(−0.5) − bowl(0) = 0.5; bowl(1.5) − bowl(1) = 2.
	checkFinding(t, fs[1], AgreesYes, 1.5, "+0.5 (to α=-0.5)", "+2 (to α=1.5)", "Flatter end: α=0")
	// lr mirrored: the α=1 end is the flatter one, as Jastrzębski et al.
	// expect for the larger learning rate.
	checkFinding(t, fs[3], AgreesYes, -1.5, "Flatter end: α=1")

	// A barrier at α=0.5 and the large-batch end flatter: both flip.
	barrier := func(a float64) float64 {
		if a > 0.25 && a < 0.75 {
			return 1.05
		}
		return mirror(a)
	}
	curve(barrier, bowl)
	fs = mustFindings(t, dir)
	checkFinding(t, fs[0], AgreesPartly, 1.05, "above both ends (a barrier)")
	checkFinding(t, fs[1], AgreesNo, -1.5)
	checkFinding(t, fs[3], AgreesNo, 1.5)
}

func TestSensitivityFindings(t *testing.T) {
	dir := newExpDir(t, results.Sensitivity)
	// Batch sizes out of order. Sensitivity falls with batch size, sharpness
	// rises, test accuracy falls, and the gap (0.1 at every size but the
	// largest, 0.5) is largest where sensitivity is smallest.
	writeTable(t, dir, results.SensitivityResults,
		[]any{1000, 0.1, 1, 0.6, 0.90, 1.0, 0.1, 0.5, 10, 10}, []any{5, 0.1, 1, 0.2, 0.98, 5.0, 0.5, 0.01, 10, 2000},
		[]any{50, 0.1, 1, 0.2, 0.96, 3.0, 0.3, 0.02, 10, 200}, []any{20, 0.1, 1, 0.2, 0.97, 4.0, 0.4, 0.015, 10, 500},
		[]any{200, 0.1, 1, 0.2, 0.95, 2.0, 0.2, 0.1, 10, 50})
	fs := mustFindings(t, dir)
	if len(fs) != 5 {
		t.Fatalf("%d findings, want 5", len(fs))
	}
	checkFinding(t, fs[0], AgreesYes, -1, "5 at batch 5, 1 at batch 1,000")
	checkFinding(t, fs[1], AgreesYes, -1)
	checkFinding(t, fs[2], AgreesYes, 1)
	checkFinding(t, fs[3], AgreesYes, -1, "98.0% at batch 5, 90.0% at batch 1,000")
	// By batch size, sensitivity ranks 5,4,3,2,1 and gap ranks
	// 2.5,2.5,2.5,2.5,5; around the mean rank 3: dx = 2,1,0,−1,−2,
	// dy = −.5,−.5,−.5,−.5,2, Σdx·dy = −5, Σdx² = 10, Σdy² = 5, so
	// ρ = −5/√50 = −0.7071…
	checkFinding(t, fs[4], AgreesNo, -5/math.Sqrt(50))
	// Where the references disagree, the rule names the one it judges by.
	for i, judge := range map[int]string{0: "judged against the slides alone", 4: "judged against Novak alone"} {
		if !strings.Contains(fs[i].Rule, judge) || !strings.Contains(fs[i].Literature, "pull apart") {
			t.Errorf("finding %d: rule %q, literature %q; want the rule to say %q", i, fs[i].Rule, fs[i].Literature, judge)
		}
	}
	for _, f := range fs {
		if f.Experiment != results.Sensitivity {
			t.Errorf("Experiment = %q", f.Experiment)
		}
	}
}

func TestFindingsErrors(t *testing.T) {
	spec := results.RandomLabelsHistory
	dir := newExpDir(t, results.RandomLabels)
	if _, err := folderFindings(dir); err == nil || !strings.Contains(err.Error(), spec.File+" is missing") {
		t.Errorf("missing table: err = %v", err)
	}
	writeBrokenTable(t, dir, spec.File, without(spec.Names(false), results.ColTestAcc), []any{1, 0.1, 0.99, 3})
	if _, err := folderFindings(dir); err == nil || !strings.Contains(err.Error(), spec.File) ||
		!strings.Contains(err.Error(), `no column "`+results.ColTestAcc+`"`) {
		t.Errorf("missing column: err = %v", err)
	}
	// A renamed column: the error names both the schema's and the table's.
	renamed := append(without(spec.Names(false), results.ColTestAcc), "test_accuracy")
	writeBrokenTable(t, dir, spec.File, renamed, []any{1, 0.1, 0.99, 3, 0.1})
	if _, err := folderFindings(dir); err == nil || !strings.Contains(err.Error(), `no column "`+results.ColTestAcc+`"`) ||
		!strings.Contains(err.Error(), `column "test_accuracy" is not in the schema`) {
		t.Errorf("renamed column: err = %v", err)
	}
	// A cell of the wrong kind: the error names the column.
	writeBrokenTable(t, dir, spec.File, spec.Names(false), []any{"one", 0.1, 0.99, 3, 0.1})
	if _, err := folderFindings(dir); err == nil || !strings.Contains(err.Error(), "column "+results.ColEpoch) {
		t.Errorf("text in an integer column: err = %v", err)
	}
	writeTable(t, dir, spec)
	if _, err := folderFindings(dir); err == nil || !strings.Contains(err.Error(), "no rows") {
		t.Errorf("empty table: err = %v", err)
	}
	if _, err := folderFindings(newExpDir(t, "nonsense")); err == nil || !strings.Contains(err.Error(), "unknown experiment") {
		t.Errorf("unknown experiment: err = %v", err)
	}
}

func TestFindingsNamesExperimentFromManifest(t *testing.T) {
	dir := newExpDir(t, "renamed-folder")
	writeManifest(t, dir, results.RandomLabels, results.StatusDone, "")
	writeTable(t, dir, results.RandomLabelsHistory, []any{1, 0.1, 0.99, 3, 0.1})
	fs := mustFindings(t, dir)
	if fs[0].Experiment != results.RandomLabels || !strings.Contains(fs[0].Statement, "at epoch 1") {
		t.Errorf("findings = %+v", fs)
	}
}
