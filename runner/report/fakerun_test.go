package report

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
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

// writeTable writes dir/name with the given columns and rows.
func writeTable(t *testing.T, dir, name string, cols []string, rows ...[]any) {
	t.Helper()
	tb := table.New(cols...)
	for _, r := range rows {
		if err := tb.Append(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := tb.Write(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
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

// fakeRun builds a run directory with all nine experiments: sensitivity
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
		if name == "sensitivity" {
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

	dir := exp("function-fit", "loss-sinc", "loss-square", "fit-sinc")
	writeTable(t, dir, "models.csv", []string{"model", "hidden_layers", "params"},
		[]any{"shallow-1", 1, 571}, []any{"mid-4", 4, 572}, []any{"deep-7", 7, 571})
	var loss [][]any
	for _, m := range []string{"shallow-1", "mid-4", "deep-7"} {
		loss = append(loss, []any{"sinc", m, 1, 0.1}, []any{"sinc", m, 2, 0.05}, []any{"sinc", m, 3, fakeSincLoss[m]})
	}
	loss = append(loss, []any{"square", "shallow-1", 3, 0.2}, []any{"square", "mid-4", 3, 0.25}, []any{"square", "deep-7", 3, 0.3})
	writeTable(t, dir, "loss.csv", []string{"function", "model", "epoch", "loss"}, loss...)
	writeTable(t, dir, "predictions.csv", []string{"function", "model", "x", "y_true", "y_pred"},
		[]any{"sinc", "deep-7", 0.5, 0.1, 0.12})

	dir = exp("mnist-depth", "loss", "accuracy")
	writeTable(t, dir, "models.csv", []string{"model", "conv_layers", "dense_layers", "params"},
		[]any{"cnn-shallow", 1, 1, 25010}, []any{"cnn-deep", 3, 2, 24890})
	writeTable(t, dir, "history.csv", []string{"model", "epoch", "train_loss", "train_acc", "test_loss", "test_acc"},
		[]any{"cnn-shallow", 1, 0.3, 0.9, 0.2, 0.95}, []any{"cnn-shallow", 2, 0.1, 0.97, 0.09, fakeMNISTShallowAcc},
		[]any{"cnn-deep", 1, 0.3, 0.9, 0.2, 0.96}, []any{"cnn-deep", 2, 0.05, 0.99, 0.05, fakeMNISTDeepAcc})

	dir = exp("weight-pca", "pca-model", "pca-layer2")
	var snaps [][]any
	for r := 0; r < 3; r++ {
		for e := 0; e <= 6; e += 3 {
			snaps = append(snaps, []any{r, e, 1 / float64(e+1), "model", float64(r) + float64(e), float64(e * r)})
			snaps = append(snaps, []any{r, e, 1 / float64(e+1), "layer2", float64(r), float64(e)})
		}
	}
	writeTable(t, dir, "snapshots.csv", []string{"run", "epoch", "loss", "scope", "pc1", "pc2"}, snaps...)

	dir = exp("grad-norm", "grad-norm")
	var hist [][]any
	for s := 0; s < 60; s++ {
		g := 1.0
		if s == 40 {
			g = 5
		}
		hist = append(hist, []any{s, s / 20, 1 / float64(s+1), g})
	}
	writeTable(t, dir, "history.csv", []string{"step", "epoch", "loss", "grad_norm"}, hist...)

	dir = exp("min-ratio", "min-ratio")
	writeTable(t, dir, "points.csv", []string{"run", "loss", "grad_norm", "min_ratio", "min_eigenvalue", "max_eigenvalue", "near_zero"},
		[]any{0, 0.01, 1e-5, 0.9, -0.1, 3, 2}, []any{1, 0.02, 2e-5, 0.8, -0.2, 3, 1}, []any{2, 0.05, 1e-6, 0.7, -0.3, 2, 0})

	dir = exp("random-labels", "loss", "accuracy")
	var rl [][]any
	for i, a := range fakeRandomTrainAcc {
		rl = append(rl, []any{i + 1, 2.3 - 0.2*float64(i), a, 2.3 + 0.3*float64(i), fakeRandomTestAcc[i]})
	}
	writeTable(t, dir, "history.csv", []string{"epoch", "train_loss", "train_acc", "test_loss", "test_acc"}, rl...)

	dir = exp("param-count", "loss", "accuracy")
	var pc [][]any
	for i, p := range fakeParams {
		pc = append(pc, []any{"w" + table.Format(i), p, fakeParamTestLoss[i] / 2, 0.9, fakeParamTestLoss[i], 0.8 + 0.01*float64(i)})
	}
	writeTable(t, dir, "results.csv", []string{"model", "params", "train_loss", "train_acc", "test_loss", "test_acc"}, pc...)

	dir = exp("interpolation", "interpolation-batch", "interpolation-lr")
	var curve [][]any
	for _, pair := range []string{"batch", "lr"} {
		for k := 0; k <= 24; k++ {
			a := -1 + float64(k)*0.125
			curve = append(curve, []any{pair, a, bowl(a), 0.9, bowl(a) + 0.01, 0.9})
		}
	}
	writeTable(t, dir, "curve.csv", []string{"pair", "alpha", "train_loss", "train_acc", "test_loss", "test_acc"}, curve...)

	dir = exp("sensitivity", "sensitivity")
	writeTable(t, dir, "results.csv", []string{"batch_size", "train_loss", "train_acc", "test_loss", "test_acc", "sensitivity", "loss_grad_norm", "sharpness"},
		[]any{5, 0.1, 0.99, 0.2, 0.97, 3.0, 0.5, 0.01}, []any{50, 0.05, 0.99, 0.15, 0.975, 2.0, 0.4, 0.02}, []any{500, 0.04, 0.99, 0.2, 0.96, 1.0, 0.3, 0.05})
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
