package report

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"hw1/runner/results"
	"hw1/runner/table"
)

// The fake run below holds small, hand-made tables for all nine experiments.
// The values the tests check are kept here as named variables so that the
// tests compute their expected text from them.
var (
	fakeMNISTDeepAcc    = 0.9861
	fakeMNISTShallowAcc = 0.9787
	fakeSincLoss        = map[string]float64{"shallow-1": 0.02, "mid-4": 0.004, "deep-7": 0.001}
	fakeRandomTrainAcc  = []float64{0.11, 0.15, 0.3, 0.6, 0.9, 0.985, 0.991, 0.997, 1, 1}
	fakeRandomTestAcc   = []float64{0.1, 0.11, 0.1, 0.09, 0.1, 0.1, 0.1, 0.1, 0.1, 0.103}
	fakeParams          = []float64{100, 400, 1600, 6400, 25600, 102400}
	fakeParamTestLoss   = []float64{1.0, 0.5, 0.3, 0.299, 0.298, 0.31}
	fakeSensitivityErr  = "train batch size 1000: out of memory (try --threads 1)"
)

// writeTable writes spec's table into dir. Each row holds a value for every
// column of the schema, in the schema's order (spec.Names), the optional
// columns included when the rows are that long. The table must pass the
// schema's check.
func writeTable(t *testing.T, dir string, spec results.Table, rows ...[]any) {
	t.Helper()
	withOptional := len(rows) > 0 && len(rows[0]) == len(spec.Names(true))
	tb := spec.New(withOptional)
	for _, r := range rows {
		if err := tb.Append(r...); err != nil {
			t.Fatalf("%s: %v", spec.File, err)
		}
	}
	if err := spec.Check(tb); err != nil {
		t.Fatalf("fixture does not match the schema: %v", err)
	}
	if err := tb.Write(filepath.Join(dir, spec.File)); err != nil {
		t.Fatal(err)
	}
}

// writeBrokenTable writes file into dir with the given columns: a table that
// is meant not to match the schema.
func writeBrokenTable(t *testing.T, dir, file string, cols []string, rows ...[]any) {
	t.Helper()
	tb := table.New(cols...)
	for _, r := range rows {
		if err := tb.Append(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := tb.Write(filepath.Join(dir, file)); err != nil {
		t.Fatal(err)
	}
}

// without returns cols without the column drop.
func without(cols []string, drop string) []string {
	return slices.DeleteFunc(slices.Clone(cols), func(c string) bool { return c == drop })
}

// writePNG writes a tiny PNG whose colour depends on seed, so that every
// figure's bytes differ.
func writePNG(t *testing.T, path string, seed int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for x := 0; x < 3; x++ {
		for y := 0; y < 2; y++ {
			img.Set(x, y, color.RGBA{uint8(40 * seed), uint8(x * 60), uint8(y * 90), 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func writeManifest(t *testing.T, dir, name, status, errText string) {
	t.Helper()
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	m := &results.Manifest{Experiment: name, Profile: "quick", Seed: 7,
		Config: map[string]any{"epochs": 3.0, "optimizer": map[string]any{"name": "adam", "lr": 0.001},
			"widths": []any{4.0, 8.0}},
		Version: "0.1.0-dev", TensorFlow: "2.18.0", Threads: 2, Start: start,
		End: start.Add(90 * time.Second), DurationSeconds: 90, Status: status, Error: errText,
		Repeatability: results.Repeatability}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
}

// fakeRun builds a run directory with all the experiments: sensitivity
// failed (with a partial table), every other one done.
func fakeRun(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	figSeed := 0
	exp := func(name string, figs ...string) string {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		status, errText := results.StatusDone, ""
		if name == results.Sensitivity {
			status, errText = results.StatusFailed, fakeSensitivityErr
		}
		writeManifest(t, dir, name, status, errText)
		for _, f := range figs {
			figSeed++
			writePNG(t, filepath.Join(dir, f+".png"), figSeed)
			if err := os.WriteFile(filepath.Join(dir, f+".svg"), []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}

	dir := exp(results.FunctionFit, "loss-sinc", "loss-square", "fit-sinc")
	writeTable(t, dir, results.FunctionFitModels,
		[]any{"shallow-1", 1, 571}, []any{"mid-4", 4, 572}, []any{"deep-7", 7, 571})
	var loss [][]any
	for _, m := range []string{"shallow-1", "mid-4", "deep-7"} {
		loss = append(loss, []any{"sinc", m, 1, 0.1}, []any{"sinc", m, 2, 0.05}, []any{"sinc", m, 3, fakeSincLoss[m]})
	}
	loss = append(loss, []any{"square", "shallow-1", 3, 0.2}, []any{"square", "mid-4", 3, 0.25}, []any{"square", "deep-7", 3, 0.3})
	writeTable(t, dir, results.FunctionFitLoss, loss...)
	writeTable(t, dir, results.FunctionFitPredictions,
		[]any{"sinc", "deep-7", 0.5, 0.1, 0.12})

	dir = exp(results.MNISTDepth, "loss", "accuracy")
	writeTable(t, dir, results.MNISTDepthModels,
		[]any{"cnn-shallow", 1, 1, 25010}, []any{"cnn-deep", 3, 2, 24890})
	writeTable(t, dir, results.MNISTDepthHistory,
		[]any{"cnn-shallow", 1, 0.3, 0.9, 0.2, 0.95}, []any{"cnn-shallow", 2, 0.1, 0.97, 0.09, fakeMNISTShallowAcc},
		[]any{"cnn-deep", 1, 0.3, 0.9, 0.2, 0.96}, []any{"cnn-deep", 2, 0.05, 0.99, 0.05, fakeMNISTDeepAcc})

	dir = exp(results.WeightPCA, "pca-model", "pca-layer2")
	var snaps [][]any
	for r := 0; r < 3; r++ {
		for e := 0; e <= 6; e += 3 {
			snaps = append(snaps, []any{r, e, 1 / float64(e+1), results.ScopeModel, float64(r) + float64(e), float64(e * r)})
			snaps = append(snaps, []any{r, e, 1 / float64(e+1), "layer2", float64(r), float64(e)})
		}
	}
	writeTable(t, dir, results.WeightPCASnapshots, snaps...)

	dir = exp(results.GradNorm, "grad-norm")
	var hist [][]any
	for s := 0; s < 60; s++ {
		g := 1.0
		if s == 40 {
			g = 5
		}
		hist = append(hist, []any{s + 1, s / 20, 1 / float64(s+1), g}) // steps count from 1
	}
	writeTable(t, dir, results.GradNormHistory, hist...)

	dir = exp(results.MinRatio, "min-ratio")
	writeTable(t, dir, results.MinRatioPoints,
		[]any{0, 0.01, 1e-5, 0.9, -0.1, 3, 2, 200, 3, true, 0.93, 3e-6, 1e-10}, []any{1, 0.02, 2e-5, 0.8, -0.2, 3, 1, 200, 3, true, 0.81, 3e-6, 1e-10},
		[]any{2, 0.05, 1e-6, 0.7, -0.3, 2, 0, 200, 5, false, 0.7, 2e-6, 1e-10})

	dir = exp(results.RandomLabels, "loss", "accuracy")
	var rl [][]any
	for i, a := range fakeRandomTrainAcc {
		rl = append(rl, []any{i + 1, 2.3 - 0.2*float64(i), a, 2.3 + 0.3*float64(i), fakeRandomTestAcc[i]})
	}
	writeTable(t, dir, results.RandomLabelsHistory, rl...)
	writeTable(t, dir, results.RandomLabelsLabels, []any{0, 3, 7}, []any{1, 9, 2}, []any{2, 0, 1})

	dir = exp(results.ParamCount, "loss", "accuracy")
	var pc [][]any
	for i, p := range fakeParams {
		pc = append(pc, []any{"w" + table.Format(i), p, fakeParamTestLoss[i] / 2, 0.9, fakeParamTestLoss[i], 0.8 + 0.01*float64(i)})
	}
	writeTable(t, dir, results.ParamCountResults, pc...)

	dir = exp(results.Interpolation, "interpolation-batch", "interpolation-lr")
	var curve [][]any
	for _, pair := range []string{results.PairBatch, results.PairLR} {
		for k := 0; k <= 24; k++ {
			a := -1 + float64(k)*0.125
			curve = append(curve, []any{pair, a, bowl(a), 0.9, bowl(a) + 0.01, 0.9})
		}
	}
	writeTable(t, dir, results.InterpolationCurve, curve...)
	writeTable(t, dir, results.InterpolationModels,
		[]any{"b10-lr0.01", 10, 0.01, 5, 500, 0.1, 0.97, 0.11, 0.96}, []any{"b1000-lr0.01", 1000, 0.01, 5, 5, 0.3, 0.9, 0.31, 0.9})

	fakeLossSurface(t, exp(results.LossSurface, "contour-small"), 1, 4)
	fakeHessianSpectrum(t, exp(results.HessianSpectrum, "top-eigenvalues"), fakeSincExact, fakeSincExact[:3], []float64{0.01, 0.02, 0.03})
	fakeDoubleDescent(t, exp(results.DoubleDescent, results.DoubleDescent), []float64{0.4, 0.6, 0.85, 0.6, 0.3, 0.2}, []float64{0.5, 0.7, 0.9, 0.8, 0.5, 0.4})

	dir = exp(results.Sensitivity, "sensitivity")
	writeTable(t, dir, results.SensitivityResults,
		[]any{5, 0.1, 0.99, 0.2, 0.97, 3.0, 0.5, 0.01, 2, 400}, []any{50, 0.05, 0.99, 0.15, 0.975, 2.0, 0.4, 0.02, 2, 40},
		[]any{500, 0.04, 0.99, 0.2, 0.96, 1.0, 0.3, 0.05, 2, 4})
	return root
}

// bowl is a loss along an interpolation line: low between the ends, rising
// outside, four times as steeply beyond α = 1 as before α = 0.
func bowl(a float64) float64 {
	switch {
	case a < 0:
		return 0.1 - a
	case a > 1:
		return 0.1 + 4*(a-1)
	default:
		return 0.1 - 0.05*math.Sin(math.Pi*a)
	}
}
