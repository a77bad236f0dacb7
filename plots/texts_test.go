package plots

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// shows is what a figure says in words: its title, its axis labels (the x
// label once, under the lowest panel; a y label per panel) and its legend
// entries (a stacked panel does not repeat the legend of the panel above).
type shows struct {
	title  string
	axes   []string
	legend []string
}

// wantTexts is, for every figure that Draw makes from the fixture tables,
// what it must say, written from what the figure is meant to show.
var wantTexts = map[string]map[string]shows{
	results.FunctionFit: {
		"loss-sinc": {
			title:  "Training loss on sinc",
			axes:   []string{"epoch", "loss (MSE)"},
			legend: []string{"shallow (1 hidden layer, 571 params)", "middle (4 hidden layers, 572 params)", "deep (7 hidden layers, 572 params)"},
		},
		"loss-square": {
			title:  "Training loss on square",
			axes:   []string{"epoch", "loss (MSE)"},
			legend: []string{"shallow (1 hidden layer, 571 params)", "middle (4 hidden layers, 572 params)", "deep (7 hidden layers, 572 params)"},
		},
		"fit-sinc": {
			title:  "Prediction against ground truth: sinc",
			axes:   []string{"x", "y"},
			legend: []string{"ground truth", "shallow (1 hidden layer, 571 params)", "middle (4 hidden layers, 572 params)", "deep (7 hidden layers, 572 params)"},
		},
		"fit-square": {
			title:  "Prediction against ground truth: square",
			axes:   []string{"x", "y"},
			legend: []string{"ground truth", "shallow (1 hidden layer, 571 params)", "middle (4 hidden layers, 572 params)", "deep (7 hidden layers, 572 params)"},
		},
	},
	results.MNISTDepth: {
		"loss": {
			title:  "MNIST: loss per epoch",
			axes:   []string{"epoch", "loss (cross-entropy)"},
			legend: []string{"shallow (1 conv + 1 dense layers, 25,010 params)", "deep (4 conv + 2 dense layers, 24,890 params)", "train", "test"},
		},
		"accuracy": {
			title:  "MNIST: accuracy per epoch",
			axes:   []string{"epoch", "accuracy"},
			legend: []string{"shallow (1 conv + 1 dense layers, 25,010 params)", "deep (4 conv + 2 dense layers, 24,890 params)", "train", "test"},
		},
	},
	results.WeightPCA: {
		"pca-model": {
			title:  "Weights on 2 principal components (whole model), labels: loss",
			axes:   []string{"PC 1", "PC 2"},
			legend: []string{"run 0", "run 1", "run 2"},
		},
		"pca-layer2": {
			title:  "Weights on 2 principal components (layer layer2), labels: loss",
			axes:   []string{"PC 1", "PC 2"},
			legend: []string{"run 0", "run 1", "run 2"},
		},
	},
	results.GradNorm: {
		"grad-norm": {
			title: "Loss and gradient norm per training step",
			axes:  []string{"step", "loss", "gradient norm (L2)"},
		},
	},
	results.MinRatio: {
		"min-ratio": {
			title:  "Loss against minimal ratio at near-zero gradient (20 runs)",
			axes:   []string{"minimal ratio (share of positive Hessian eigenvalues)", "loss (MSE)"},
			legend: []string{"over all eigenvalues (min_ratio)", "over those outside the tolerance (min_ratio_clear)"},
		},
	},
	results.RandomLabels: {
		"random-labels": {
			title:  "MNIST with random training labels",
			axes:   []string{"epoch", "loss (cross-entropy)", "accuracy"},
			legend: []string{"train", "test"},
		},
	},
	results.ParamCount: {
		"loss-vs-params": {
			title:  "Final loss against number of parameters",
			axes:   []string{"parameters", "loss (cross-entropy)"},
			legend: []string{"train", "test"},
		},
		"accuracy-vs-params": {
			title:  "Final accuracy against number of parameters",
			axes:   []string{"parameters", "accuracy"},
			legend: []string{"train", "test"},
		},
	},
	results.Interpolation: {
		"interpolation-batch": {
			title:  "Interpolation (1−α)·θ1 + α·θ2: batch 64 (α=0) vs 1024 (α=1)",
			axes:   []string{"α (0: first model θ1, 1: second model θ2)", "loss (cross-entropy)", "accuracy"},
			legend: []string{"train", "test"},
		},
		"interpolation-lr": {
			title:  "Interpolation (1−α)·θ1 + α·θ2: learning rate 0.001 (α=0) vs 0.01 (α=1)",
			axes:   []string{"α (0: first model θ1, 1: second model θ2)", "loss (cross-entropy)", "accuracy"},
			legend: []string{"train", "test"},
		},
	},
	results.Sensitivity: {
		"sensitivity": {
			title:  "Loss, accuracy and sensitivity against batch size",
			axes:   []string{"batch size", "loss (cross-entropy)", "accuracy", "sensitivity"},
			legend: []string{"train", "test", "‖∂softmax/∂x‖ (Frobenius)", "‖∂loss/∂x‖ (Frobenius)"},
		},
		"sharpness": {
			title: "Sharpness against batch size",
			axes:  []string{"batch size", "sharpness (ε = 1e-3)"},
		},
	},
	results.LossSurface: {
		"contour-small": {
			title:  "Loss around θ* of small: random filter-normalised plane, log levels",
			axes:   []string{"δ (a)", "η (b)"},
			legend: []string{"0.01 – 0.02", "0.02 – 0.05", "0.05 – 0.1", "0.1 – 0.2", "0.2 – 0.5", "0.5 – 1", "1 – 2", "2 – 2.01"},
		},
		"heatmap-small": {
			title:  "Loss around θ* of small: random filter-normalised plane",
			axes:   []string{"δ (a)", "η (b)"},
			legend: []string{"loss 0.01 (lowest)", "loss 2.01 (highest, log colour scale)"},
		},
		"trajectory-small": {
			title:  "Trajectory of small on 2 principal components, over the loss",
			axes:   []string{"PC 1 (90.0% of the variance)", "PC 2 (8.0% of the variance)"},
			legend: []string{"0.045 – 0.05", "0.05 – 0.1", "0.1 – 0.2", "0.2 – 0.5", "0.5 – 0.725", "trajectory (labels: epoch)"},
		},
		"contour-large": {
			title:  "Loss around θ* of large: random filter-normalised plane, log levels",
			axes:   []string{"δ (a)", "η (b)"},
			legend: []string{"0.01 – 0.02", "0.02 – 0.05", "0.05 – 0.1", "0.1 – 0.2", "0.2 – 0.5", "0.5 – 1", "1 – 2", "2 – 5", "5 – 8.01"},
		},
		"heatmap-large": {
			title:  "Loss around θ* of large: random filter-normalised plane",
			axes:   []string{"δ (a)", "η (b)"},
			legend: []string{"loss 0.01 (lowest)", "loss 8.01 (highest, log colour scale)"},
		},
		"trajectory-large": {
			title:  "Trajectory of large on 2 principal components, over the loss",
			axes:   []string{"PC 1 (90.0% of the variance)", "PC 2 (8.0% of the variance)"},
			legend: []string{"0.15 – 0.2", "0.2 – 0.5", "0.5 – 1", "1 – 2", "2 – 2.87", "trajectory (labels: epoch)"},
		},
		"slices": {
			title:  "1-D slices of the loss through θ*, along δ and along η",
			axes:   []string{"a or b (coordinate along the direction)", "loss, small", "loss, large"},
			legend: []string{"along δ (b = 0)", "along η (a = 0)"},
		},
	},
	results.HessianSpectrum: {
		"top-eigenvalues": {
			title:  "Largest Hessian eigenvalues (Lanczos on exact Hessian-vector products)",
			axes:   []string{"rank (1 = largest)", "Hessian eigenvalue"},
			legend: []string{"sinc", "sinc (exact Hessian)", "sens-bs16", "sens-bs500"},
		},
		"density-sinc": {
			title:  "Hessian spectral density of sinc, λ > 0 above, λ < 0 below",
			axes:   []string{"|λ| (eigenvalue −|λ|)", "density, λ > 0", "density, λ < 0"},
			legend: []string{"SLQ (Lanczos)", "exact eigenvalues"},
		},
		"density-sens-bs16": {
			title:  "Hessian spectral density of sens-bs16, λ > 0 above, λ < 0 below",
			axes:   []string{"|λ| (eigenvalue −|λ|)", "density, λ > 0", "density, λ < 0"},
			legend: []string{"SLQ (Lanczos)"},
		},
		"density-sens-bs500": {
			title:  "Hessian spectral density of sens-bs500, λ > 0 above, λ < 0 below",
			axes:   []string{"|λ| (eigenvalue −|λ|)", "density, λ > 0", "density, λ < 0"},
			legend: []string{"SLQ (Lanczos)"},
		},
		"curvature-vs-batch": {
			title: "λ_max of the Hessian and Keskar sharpness against batch size",
			axes:  []string{"batch size", "λ_max", "Keskar sharpness"},
		},
	},
	results.DoubleDescent: {
		"double-descent": {
			title:  "Double descent: error against size, random-features networks on MNIST",
			axes:   []string{"parameters (features × 10)", "error", "test loss (squared, log)"},
			legend: []string{"label noise 0", "label noise 0.2", "test", "train", "label noise 0", "label noise 0.2"},
		},
	},
}

// TestFigureTexts draws every experiment's fixture and reads every SVG
// that Draw wrote: the first text must be the title, and the other texts,
// leaving out numbers (tick and point labels), must be exactly the axis
// labels and legend entries of wantTexts, each as often as stated.
func TestFigureTexts(t *testing.T) {
	var checked int
	for _, e := range experiments {
		t.Run(e.name, func(t *testing.T) {
			want, ok := wantTexts[e.name]
			if !ok {
				t.Fatalf("wantTexts has no figures of %s", e.name)
			}
			dir := t.TempDir()
			fixture(t, dir, e.name)
			names, err := Draw(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(names) != len(want) {
				t.Errorf("Draw made %d figures %v, wantTexts states %d", len(names), names, len(want))
			}
			for _, name := range names {
				w, ok := want[name]
				if !ok {
					t.Errorf("figure %s: not in wantTexts", name)
					continue
				}
				checked++
				texts := svgTexts(t, filepath.Join(dir, name+".svg"))
				if len(texts) == 0 || texts[0] != w.title {
					t.Errorf("%s: title %q, want %q", name, first(texts), w.title)
					continue
				}
				var got []string
				for _, s := range texts[1:] {
					if !numeric(s) {
						got = append(got, s)
					}
				}
				wantRest := append(slices.Clone(w.axes), w.legend...)
				slices.Sort(got)
				slices.Sort(wantRest)
				if !slices.Equal(got, wantRest) {
					t.Errorf("%s: texts besides the title and numbers\n got  %q\n want %q", name, got, wantRest)
				}
			}
		})
	}
	if checked != 30 {
		t.Errorf("checked the texts of %d figures, want all 30", checked)
	}
}

// svgTexts returns the contents of the SVG's text elements in document
// order.
func svgTexts(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(raw))
	var out []string
	var in bool
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "text" {
				in = true
				b.Reset()
			}
		case xml.CharData:
			if in {
				b.Write(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "text" {
				in = false
				if s := strings.TrimSpace(b.String()); s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// numeric reports whether s is a number or a comma-separated list of
// numbers: a tick label or a point label.
func numeric(s string) bool {
	for part := range strings.SplitSeq(s, ",") {
		if _, err := strconv.ParseFloat(strings.TrimSpace(part), 64); err != nil {
			return false
		}
	}
	return true
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// TestInterpolationTitle: the title names the two settings of a pair from
// the models table (first row the base model, alpha 0 of both pairs), never
// from the manifest's configuration, and just the pair without the model
// it needs.
func TestInterpolationTitle(t *testing.T) {
	title := func(dir, figure string) string {
		t.Helper()
		return first(svgTexts(t, filepath.Join(dir, figure+".svg")))
	}
	const prefix = "Interpolation (1−α)·θ1 + α·θ2: "
	dir := t.TempDir()
	fixture(t, dir, results.Interpolation)
	// A configuration that disagrees with the tables must not matter.
	m := &results.Manifest{Experiment: results.Interpolation, Config: map[string]any{
		"batch_size": 1, "large_batch_size": 2, "lr": 3, "high_lr": 4}}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := Draw(dir); err != nil {
		t.Fatal(err)
	}
	if got, want := title(dir, "interpolation-batch"), prefix+"batch 64 (α=0) vs 1024 (α=1)"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got, want := title(dir, "interpolation-lr"), prefix+"learning rate 0.001 (α=0) vs 0.01 (α=1)"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}

	// A run stopped after the second model: pair lr has no second model.
	path := filepath.Join(dir, results.InterpolationModels.File)
	models, err := table.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	models.Rows = models.Rows[:2]
	if err := models.Write(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Draw(dir); err != nil {
		t.Fatal(err)
	}
	if got, want := title(dir, "interpolation-batch"), prefix+"batch 64 (α=0) vs 1024 (α=1)"; got != want {
		t.Errorf("two models: title %q, want %q", got, want)
	}
	if got, want := title(dir, "interpolation-lr"), prefix+"pair lr"; got != want {
		t.Errorf("two models: title %q, want %q", got, want)
	}

	// No models table: both titles just name the pair.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Draw(dir); err != nil {
		t.Fatal(err)
	}
	if got, want := title(dir, "interpolation-batch"), prefix+"pair batch"; got != want {
		t.Errorf("no models table: title %q, want %q", got, want)
	}
	if got, want := title(dir, "interpolation-lr"), prefix+"pair lr"; got != want {
		t.Errorf("no models table: title %q, want %q", got, want)
	}
}

// TestRenamedColumn renames, one at a time, every column of every table of
// every experiment (train_loss becomes trainloss, epoch becomes epoch2):
// each time Draw must fail with an error naming the file, the column it
// found and the column the schema wants.
func TestRenamedColumn(t *testing.T) {
	forEachColumn(t, func(name, file string, tb *table.Table, i int, col string) {
		renamed := strings.ReplaceAll(col, "_", "")
		if renamed == col {
			renamed = col + "2"
		}
		dir := t.TempDir()
		fixture(t, dir, name)
		bad := table.New(tb.Columns...)
		bad.Columns[i] = renamed
		bad.Rows = tb.Rows
		if err := bad.Write(filepath.Join(dir, file)); err != nil {
			t.Fatal(err)
		}
		_, err := Draw(dir)
		if err == nil {
			t.Errorf("%s: %s with %q for %q: no error", name, file, renamed, col)
			return
		}
		msg := err.Error()
		for _, s := range []string{file, `"` + renamed + `"`, `"` + col + `"`} {
			if !strings.Contains(msg, s) {
				t.Errorf("%s: %s with %q for %q: error %q does not name %s", name, file, renamed, col, msg, s)
			}
		}
	})
}

// TestColumnsOutOfOrder: the schema fixes the columns' order too.
func TestColumnsOutOfOrder(t *testing.T) {
	dir := t.TempDir()
	fixture(t, dir, results.RandomLabels)
	path := filepath.Join(dir, results.RandomLabelsHistory.File)
	tb, err := table.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	i, err := tb.Col(results.ColTrainLoss)
	if err != nil {
		t.Fatal(err)
	}
	j, err := tb.Col(results.ColTrainAcc)
	if err != nil {
		t.Fatal(err)
	}
	tb.Columns[i], tb.Columns[j] = tb.Columns[j], tb.Columns[i]
	if err := tb.Write(path); err != nil {
		t.Fatal(err)
	}
	_, err = Draw(dir)
	if err == nil || !strings.Contains(err.Error(), "history.csv") || !strings.Contains(err.Error(), "out of order") ||
		!strings.Contains(err.Error(), "epoch,train_acc,train_loss,test_loss,test_acc") {
		t.Fatalf("error %v, want one naming history.csv, the order and the columns it has", err)
	}
}
