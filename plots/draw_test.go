package plots

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// pixels returns the expected PNG size of a figure with n panels.
func pixels(n int) (w, h int) {
	cm := pngDPI / 2.54
	return int(math.Round(16 * cm)), int(math.Round((10 + 5*float64(n-1)) * cm))
}

// panelsOf is the number of stacked panels of each figure.
var panelsOf = map[string]int{"grad-norm": 2, "random-labels": 2, "interpolation-batch": 2, "interpolation-lr": 2, "sensitivity": 3,
	"slices": 2, "density-sinc": 2, "density-sens-bs16": 2, "density-sens-bs500": 2, "curvature-vs-batch": 2, "double-descent": 2}

func TestDrawEveryExperiment(t *testing.T) {
	for _, e := range experiments {
		t.Run(e.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "run-output")
			fixture(t, dir, e.name)
			names, err := Draw(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(names, e.figures) {
				t.Fatalf("figures %v, want %v", names, e.figures)
			}
			for _, n := range names {
				checkFigureFiles(t, dir, n)
			}
		})
	}
}

// checkFigureFiles checks that dir holds NAME.png, a PNG of the expected
// size, and NAME.svg, an SVG document.
func checkFigureFiles(t *testing.T, dir, name string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s.png: %v", name, err)
	}
	n := panelsOf[name]
	if n == 0 {
		n = 1
	}
	w, h := pixels(n)
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("%s.png is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), w, h)
	}
	svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(svg, []byte("<?xml")) || !bytes.Contains(svg, []byte("</svg>")) {
		t.Errorf("%s.svg is not a whole SVG document (%d bytes)", name, len(svg))
	}
}

// TestDrawWithoutManifest: the folder's name says the experiment.
func TestDrawWithoutManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), results.MinRatio)
	fixture(t, dir, results.MinRatio)
	if err := os.Remove(filepath.Join(dir, results.ManifestFile)); err != nil {
		t.Fatal(err)
	}
	names, err := Draw(dir)
	if err != nil || !reflect.DeepEqual(names, []string{"min-ratio"}) {
		t.Fatalf("Draw = %v, %v; want [min-ratio]", names, err)
	}
	checkFigureFiles(t, dir, "min-ratio")
}

func TestDrawUnknownExperiment(t *testing.T) {
	dir := t.TempDir()
	if err := (&results.Manifest{Experiment: "no-such-thing"}).Write(dir); err != nil {
		t.Fatal(err)
	}
	_, err := Draw(dir)
	if err == nil || !strings.Contains(err.Error(), "no-such-thing") || !strings.Contains(err.Error(), results.FunctionFit) {
		t.Fatalf("error %v, want one naming the experiment and the known ones", err)
	}
}

// TestDrawAllKeepsGoing draws two good folders around a broken one and a
// folder without a manifest, which is not an experiment.
func TestDrawAllKeepsGoing(t *testing.T) {
	out := t.TempDir()
	fixture(t, filepath.Join(out, "a-grad"), results.GradNorm)
	fixture(t, filepath.Join(out, "b-broken"), results.MinRatio)
	if err := os.Remove(filepath.Join(out, "b-broken", results.MinRatioPoints.File)); err != nil {
		t.Fatal(err)
	}
	fixture(t, filepath.Join(out, "c-labels"), results.RandomLabels)
	if err := os.MkdirAll(filepath.Join(out, "d-not-an-experiment"), 0o755); err != nil {
		t.Fatal(err)
	}
	drawn, err := DrawAll(out)
	if err == nil || !strings.Contains(err.Error(), "points.csv") {
		t.Errorf("error %v, want one naming the missing points.csv", err)
	}
	want := map[string][]string{"a-grad": {"grad-norm"}, "c-labels": {"random-labels"}}
	if !reflect.DeepEqual(drawn, want) {
		t.Errorf("drawn %v, want %v", drawn, want)
	}
	checkFigureFiles(t, filepath.Join(out, "c-labels"), "random-labels")
}

// TestDrawMultiSeedFolder: a multi-seed folder holds aggregate tables,
// which Draw must not read as a single seed's (they would fail the schema)
// but as aggregates: it draws the figure over the seeds there and the
// seed's own in its folder, there and in DrawAll. (TestDrawOverSeeds draws
// every experiment over seeds.)
func TestDrawMultiSeedFolder(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, results.GradNorm)
	seed := filepath.Join(dir, results.SeedDir(1))
	fixture(t, seed, results.GradNorm)
	agg := table.New(results.GradNormHistory.AggregateColumns()...)
	row := make([]string, len(agg.Columns))
	for i := range row {
		row[i] = "1"
	}
	agg.Rows = append(agg.Rows, row)
	if err := agg.Write(filepath.Join(dir, results.GradNormHistory.File)); err != nil {
		t.Fatal(err)
	}
	m := &results.Manifest{Experiment: results.GradNorm, Seeds: []results.SeedRun{{Seed: 1, Status: results.StatusDone, Dir: results.SeedDir(1)}}}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
	names, err := Draw(dir)
	if want := []string{"grad-norm", results.SeedDir(1) + "/grad-norm"}; err != nil || !reflect.DeepEqual(names, want) {
		t.Fatalf("Draw of a multi-seed folder = %v, %v; want %v", names, err, want)
	}
	if _, err := os.Stat(filepath.Join(seed, "grad-norm.svg")); err != nil {
		t.Errorf("the seed's figure is not in its folder: %v", err)
	}
	checkFigureFiles(t, dir, "grad-norm")
	drawn, err := DrawAll(out)
	if err != nil || len(drawn[results.GradNorm]) != 2 {
		t.Errorf("DrawAll = %v, %v; want the figures over the seeds and the seed's under %s", drawn, err, results.GradNorm)
	}
	// Without Seeds in the manifest the same folder is an error: the
	// aggregate table does not match the schema.
	m.Seeds = nil
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := Draw(dir); err == nil {
		t.Error("aggregate table drawn as a single seed's")
	}
}

// TestMissingColumn drops, one at a time, every column of every table of
// every experiment: each time Draw must fail with an error naming the file
// and the column.
func TestMissingColumn(t *testing.T) {
	forEachColumn(t, func(name, file string, tb *table.Table, drop int, col string) {
		dir := t.TempDir()
		fixture(t, dir, name)
		if err := withoutColumn(tb, drop).Write(filepath.Join(dir, file)); err != nil {
			t.Fatal(err)
		}
		_, err := Draw(dir)
		if err == nil {
			t.Errorf("%s: %s without column %q: no error", name, file, col)
			return
		}
		if msg := err.Error(); !strings.Contains(msg, file) || !strings.Contains(msg, `"`+col+`"`) {
			t.Errorf("%s: %s without %q: error %q does not name both", name, file, col, msg)
		}
	})
}

// forEachColumn calls f for every column of every fixture table of every
// experiment, with the experiment's name, the table's file name, the table
// and the column's index and name.
func forEachColumn(t *testing.T, f func(name, file string, tb *table.Table, i int, col string)) {
	t.Helper()
	for _, e := range experiments {
		base := filepath.Join(t.TempDir(), e.name)
		fixture(t, base, e.name)
		files, err := filepath.Glob(filepath.Join(base, "*.csv"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no tables (%v)", e.name, err)
		}
		for _, path := range files {
			tb, err := table.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			for i, col := range tb.Columns {
				f(e.name, filepath.Base(path), tb, i, col)
			}
		}
	}
}

// withoutColumn returns a copy of tb without column i.
func withoutColumn(tb *table.Table, i int) *table.Table {
	cut := func(row []string) []string {
		return append(append([]string(nil), row[:i]...), row[i+1:]...)
	}
	out := table.New(cut(tb.Columns)...)
	for _, r := range tb.Rows {
		out.Rows = append(out.Rows, cut(r))
	}
	return out
}

func TestMalformedTable(t *testing.T) {
	dir := t.TempDir()
	fixture(t, dir, results.FunctionFit)
	path := filepath.Join(dir, results.FunctionFitLoss.File)
	tb, err := table.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	col, err := tb.Col(results.ColLoss)
	if err != nil {
		t.Fatal(err)
	}
	tb.Rows[2][col] = "lots"
	if err := tb.Write(path); err != nil {
		t.Fatal(err)
	}
	_, err = Draw(dir)
	if err == nil || !strings.Contains(err.Error(), "loss.csv") || !strings.Contains(err.Error(), "column loss") || !strings.Contains(err.Error(), "row 3") {
		t.Fatalf("error %v, want one naming loss.csv, column loss and row 3", err)
	}

	// A table with a header but no rows.
	if err := table.New(tb.Columns...).Write(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Draw(dir); err == nil || !strings.Contains(err.Error(), "loss.csv") {
		t.Fatalf("empty table: error %v, want one naming loss.csv", err)
	}
}

// TestNonPositiveOnLogAxes: zeros, NaN and infinities in columns drawn on
// log axes are left out, never a crash; so is a column with no positive
// value at all. (A negative loss or norm fails the schema's check, which
// every table read passes first.)
func TestNonPositiveOnLogAxes(t *testing.T) {
	dir := t.TempDir()
	hist := results.GradNormHistory.New(false)
	for i, v := range []string{"0", "NaN", "+Inf", "0.5", "0.25"} {
		appendRow(t, hist, cells{results.ColStep: i + 1, results.ColEpoch: 0, results.ColLoss: v, results.ColGradNorm: v})
	}
	writeTable(t, dir, results.GradNormHistory, hist)
	if err := (&results.Manifest{Experiment: results.GradNorm}).Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := Draw(dir); err != nil {
		t.Fatal(err)
	}
	checkFigureFiles(t, dir, "grad-norm")

	loss, err := hist.Col(results.ColLoss)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range hist.Rows {
		r[loss] = "0"
	}
	writeTable(t, dir, results.GradNormHistory, hist)
	if _, err := Draw(dir); err != nil {
		t.Fatalf("loss all zero: %v", err)
	}
}

// TestPCALabels checks the point labels in the SVG text: loss (and
// accuracy when the table has it) with three significant digits, and no
// labels at all above maxPointLabels points.
func TestPCALabels(t *testing.T) {
	write := func(dir string, n int) {
		snaps := results.WeightPCASnapshots.New(true) // with the optional acc
		for i := 0; i < n; i++ {
			appendRow(t, snaps, cells{results.ColRun: i % 2, results.ColEpoch: i, results.ColLoss: 0.123456 + float64(i),
				results.ColScope: results.ScopeModel, results.ColPC1: float64(i), results.ColPC2: float64(i * i % 7), results.ColAcc: 0.98765})
		}
		writeTable(t, dir, results.WeightPCASnapshots, snaps)
		if err := (&results.Manifest{Experiment: results.WeightPCA}).Write(dir); err != nil {
			t.Fatal(err)
		}
	}
	few, many := t.TempDir(), t.TempDir()
	write(few, 4)
	write(many, maxPointLabels+1)
	for _, dir := range []string{few, many} {
		if names, err := Draw(dir); err != nil || !reflect.DeepEqual(names, []string{"pca-model"}) {
			t.Fatalf("Draw = %v, %v", names, err)
		}
	}
	svg, err := os.ReadFile(filepath.Join(few, "pca-model.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, label := range []string{">0.123, 0.988<", ">3.12, 0.988<"} {
		if !bytes.Contains(svg, []byte(label)) {
			t.Errorf("4 points: SVG has no label %q", strings.Trim(label, "<>"))
		}
	}
	svg, err = os.ReadFile(filepath.Join(many, "pca-model.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(svg, []byte(", 0.988<")) {
		t.Errorf("%d points: SVG still has point labels", maxPointLabels+1)
	}
}

// TestSingleRow: tables of one row each (one epoch, one model, one batch
// size) still give every figure, with ranges made from a single value.
func TestSingleRow(t *testing.T) {
	for _, e := range experiments {
		dir := t.TempDir()
		fixture(t, dir, e.name)
		files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			tb, err := table.Read(f)
			if err != nil {
				t.Fatal(err)
			}
			tb.Rows = tb.Rows[:1]
			if err := tb.Write(f); err != nil {
				t.Fatal(err)
			}
		}
		names, err := Draw(dir)
		if err != nil {
			t.Errorf("%s: %v", e.name, err)
			continue
		}
		if len(names) == 0 {
			t.Errorf("%s: no figures", e.name)
		}
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(dir, n+".png")); err != nil {
				t.Errorf("%s: %v", e.name, err)
			}
		}
	}
}

// TestSensitivityBudget: the title says which training budget the sweep
// used, as the manifest's configuration states it.
func TestSensitivityBudget(t *testing.T) {
	dir := t.TempDir()
	fixture(t, dir, results.Sensitivity)
	m := &results.Manifest{Experiment: results.Sensitivity, Config: map[string]any{"budget": "steps"}}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := Draw(dir); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "sharpness.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("Sharpness against batch size (equal steps)<")) {
		t.Error("sharpness.svg: title does not name the equal-steps budget")
	}
}

// TestSlicePanelWithoutZero: on a grid with no exact 0 the slices go
// through the grid values nearest to 0, and the legend says which.
func TestSlicePanelWithoutZero(t *testing.T) {
	var xs, ys, zs []float64
	for _, a := range []float64{-0.75, -0.25, 0.25, 0.75} {
		for _, b := range []float64{-1, 0.1, 1} {
			xs, ys, zs = append(xs, a), append(ys, b), append(zs, 0.01+a*a+b*b)
		}
	}
	g, err := gridOf(xs, ys, zs)
	if err != nil {
		t.Fatal(err)
	}
	p, err := slicePanel(g, "m")
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, e := range p.legend.entries {
		labels = append(labels, e.label)
	}
	want := []string{"along δ (b = 0.1, the grid's nearest to 0)", "along η (a = -0.25, the grid's nearest to 0)"}
	if !reflect.DeepEqual(labels, want) {
		t.Errorf("legend %q, want %q", labels, want)
	}
	// With an exact 0 the labels say 0.
	g, err = gridOf([]float64{-1, 0, 1, -1, 0, 1}, []float64{0, 0, 0, 1, 1, 1}, []float64{1, 2, 3, 4, 5, 6})
	if err != nil {
		t.Fatal(err)
	}
	if p, err = slicePanel(g, "m"); err != nil || len(p.legend.entries) != 2 ||
		p.legend.entries[0].label != "along δ (b = 0)" || p.legend.entries[1].label != "along η (a = 0)" {
		t.Errorf("grid with 0: %v, %+v", err, p.legend.entries)
	}
}
