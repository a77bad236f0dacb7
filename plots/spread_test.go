package plots

import (
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot/plotter"

	"hw1/runner/results"
	"hw1/runner/table"
)

// TestSpreadIsTheAggregate: the curve of one model over three seeds has
// as its line the aggregate table's means, which are the means of the
// seeds' values; as its band their minimum and maximum; and each seed's own
// values as the faint lines. The line that curve draws is that one.
func TestSpreadIsTheAggregate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), results.FunctionFit)
	seeds := multiSeedFixture(t, dir, results.FunctionFit, seedFactors)
	f := folder{dir: dir, seeds: seeds}
	loss, err := f.table(results.FunctionFitLoss)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := loss.where(results.ColFunction, "sinc")
	if err != nil {
		t.Fatal(err)
	}
	if rows, err = rows.where(results.ColModel, "middle"); err != nil {
		t.Fatal(err)
	}
	d, err := spreadOf(rows, results.ColEpoch, results.ColLoss, linear, logScale)
	if err != nil {
		t.Fatal(err)
	}

	// What the seeds' tables say, epoch by epoch, read without plots.
	var epochs []float64
	perSeed := make([][]float64, len(seeds))
	for k, sd := range seeds {
		tb, err := table.Read(filepath.Join(sd, results.FunctionFitLoss.File))
		if err != nil {
			t.Fatal(err)
		}
		if tb, err = tb.Where(results.ColFunction, "sinc"); err != nil {
			t.Fatal(err)
		}
		if tb, err = tb.Where(results.ColModel, "middle"); err != nil {
			t.Fatal(err)
		}
		if epochs, err = tb.Floats(results.ColEpoch); err != nil {
			t.Fatal(err)
		}
		if perSeed[k], err = tb.Floats(results.ColLoss); err != nil {
			t.Fatal(err)
		}
	}
	n := len(epochs)
	if len(d.line) != n || len(d.band) != 1 || len(d.band[0]) != 2*n || len(d.seeds) != len(seeds) {
		t.Fatalf("line of %d points, %d band pieces, %d faint lines; want %d points, 1 piece of %d, %d lines",
			len(d.line), len(d.band), len(d.seeds), n, 2*n, len(seeds))
	}
	// And what the aggregate table says.
	agg, err := table.Read(filepath.Join(dir, results.FunctionFitLoss.File))
	if err != nil {
		t.Fatal(err)
	}
	if agg, err = agg.Where(results.ColFunction, "sinc"); err != nil {
		t.Fatal(err)
	}
	if agg, err = agg.Where(results.ColModel, "middle"); err != nil {
		t.Fatal(err)
	}
	means, err := agg.Floats(results.ColLoss + results.SuffixMean)
	if err != nil {
		t.Fatal(err)
	}
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Abs(b) }
	for i, e := range epochs {
		vs := []float64{perSeed[0][i], perSeed[1][i], perSeed[2][i]}
		mean, lo, hi := stat.Mean(vs, nil), floats.Min(vs), floats.Max(vs)
		if d.line[i].X != e || d.line[i].Y != means[i] || !close(means[i], mean) {
			t.Errorf("epoch %g: line point %v, want (%g, %g), the aggregate's mean %g", e, d.line[i], e, mean, means[i])
		}
		if got, want := d.band[0][i], (plotter.XY{X: e, Y: lo}); got.X != want.X || !close(got.Y, want.Y) {
			t.Errorf("epoch %g: band's lower edge %v, want %v", e, got, want)
		}
		if got, want := d.band[0][2*n-1-i], (plotter.XY{X: e, Y: hi}); got.X != want.X || !close(got.Y, want.Y) {
			t.Errorf("epoch %g: band's upper edge %v, want %v", e, got, want)
		}
		for k := range seeds {
			if got := d.seeds[k][i]; got.X != e || got.Y != perSeed[k][i] {
				t.Errorf("epoch %g: seed %d's point %v, want (%g, %g)", e, k+1, got, e, perSeed[k][i])
			}
		}
	}
	for _, v := range d.n {
		if v != 3 {
			t.Errorf("n %g, want 3", v)
		}
	}

	// The line curve draws, above the bands, is the means.
	p := newPanel("epoch", "loss", linear, logScale)
	if err := p.curve(rows, results.ColEpoch, results.ColLoss, series{color: seriesColor(0), line: true}); err != nil {
		t.Fatal(err)
	}
	if len(p.top) != 1 {
		t.Fatalf("%d plotters above the bands, want the mean's line", len(p.top))
	}
	line, ok := p.top[0].(*plotter.Line)
	if !ok || !reflect.DeepEqual(line.XYs, d.line) {
		t.Errorf("drawn line %v, want the means %v", p.top[0], d.line)
	}
}

// TestNoBandWithoutSpread: a column equal in every seed (the ground truth)
// is drawn as a plain line; a column that varies gets its band.
func TestNoBandWithoutSpread(t *testing.T) {
	dir := filepath.Join(t.TempDir(), results.FunctionFit)
	seeds := multiSeedFixture(t, dir, results.FunctionFit, seedFactors)
	preds, err := folder{dir: dir, seeds: seeds}.table(results.FunctionFitPredictions)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := preds.where(results.ColModel, "deep")
	if err != nil {
		t.Fatal(err)
	}
	truth, err := spreadOf(rows, results.ColX, results.ColYTrue, linear, linear)
	if err != nil || truth.band != nil || truth.seeds != nil || len(truth.line) != 80 {
		t.Errorf("ground truth: %d band pieces, %d seeds, %d points, %v; want a plain line of 80 points", len(truth.band), len(truth.seeds), len(truth.line), err)
	}
	pred, err := spreadOf(rows, results.ColX, results.ColYPred, linear, linear)
	if err != nil || len(pred.band) == 0 {
		t.Errorf("prediction: %d band pieces, %v; want a band", len(pred.band), err)
	}
}

// TestBandRings: a row that the axis cannot show breaks the band, rows are
// taken in order of x, and no spread is no band.
func TestBandRings(t *testing.T) {
	xs := []float64{3, 1, 2, 4, 5}
	lo := []float64{3, 1, 0, 4, 5}
	hi := []float64{4, 2, 1, 6, 7}
	got := bandRings(xs, lo, hi, linear, logScale)
	want := []plotter.XYs{
		{{X: 1, Y: 1}, {X: 1, Y: 2}},
		{{X: 3, Y: 3}, {X: 4, Y: 4}, {X: 5, Y: 5}, {X: 5, Y: 7}, {X: 4, Y: 6}, {X: 3, Y: 4}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("log y: %v, want %v", got, want)
	}
	if got := bandRings(xs, lo, lo, linear, linear); got != nil {
		t.Errorf("no spread: %v, want no band", got)
	}
	if got := bandRings(xs, []float64{1, 1, math.NaN(), 1, 1}, hi, linear, linear); len(got) != 2 {
		t.Errorf("NaN row: %d pieces, want 2", len(got))
	}
}
