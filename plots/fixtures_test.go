package plots

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// experiments lists every experiment with the figure names Draw must return
// for its fixture tables, in order.
var experiments = []struct {
	name    string
	figures []string
}{
	{results.FunctionFit, []string{"loss-sinc", "loss-square", "fit-sinc", "fit-square"}},
	{results.MNISTDepth, []string{"loss", "accuracy"}},
	{results.WeightPCA, []string{"pca-model", "pca-layer2"}},
	{results.GradNorm, []string{"grad-norm"}},
	{results.MinRatio, []string{"min-ratio"}},
	{results.RandomLabels, []string{"random-labels"}},
	{results.ParamCount, []string{"loss-vs-params", "accuracy-vs-params"}},
	{results.Interpolation, []string{"interpolation-batch", "interpolation-lr"}},
	{results.Sensitivity, []string{"sensitivity", "sharpness"}},
	{results.LossSurface, []string{"contour-small", "heatmap-small", "trajectory-small", "contour-large", "heatmap-large", "trajectory-large", "slices"}},
	{results.HessianSpectrum, []string{"top-eigenvalues", "density-sinc", "density-sens-bs16", "density-sens-bs500", "curvature-vs-batch"}},
	{results.DoubleDescent, []string{"double-descent"}},
}

// cells is one row of a fixture table, by column name.
type cells map[string]any

// appendRow appends row to tb in tb's column order; row must give every
// column of tb and no other, so a fixture follows the schema's columns
// whatever their order.
func appendRow(t *testing.T, tb *table.Table, row cells) {
	t.Helper()
	if len(row) != len(tb.Columns) {
		t.Fatalf("fixture row has %d cells for columns %v: %v", len(row), tb.Columns, row)
	}
	values := make([]any, len(tb.Columns))
	for i, c := range tb.Columns {
		v, ok := row[c]
		if !ok {
			t.Fatalf("fixture row has no column %q: %v", c, row)
		}
		values[i] = v
	}
	if err := tb.Append(values...); err != nil {
		t.Fatal(err)
	}
}

// writeTable checks a fixture table against its schema and writes it into
// dir under the schema's file name.
func writeTable(t *testing.T, dir string, schema results.Table, tb *table.Table) {
	t.Helper()
	if err := schema.Check(tb); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	if err := tb.Write(filepath.Join(dir, schema.File)); err != nil {
		t.Fatal(err)
	}
}

// fixture writes small, fixed tables of experiment into dir (made if
// needed) with a manifest naming the experiment, shaped like the runner's:
// the tables that plots reads, built from the schema.
func fixture(t *testing.T, dir, experiment string) {
	t.Helper()
	switch experiment {
	case results.FunctionFit:
		models := results.FunctionFitModels.New(false)
		appendRow(t, models, cells{results.ColModel: "shallow", results.ColHiddenLayers: 1, results.ColParams: 571})
		appendRow(t, models, cells{results.ColModel: "middle", results.ColHiddenLayers: 4, results.ColParams: 572})
		appendRow(t, models, cells{results.ColModel: "deep", results.ColHiddenLayers: 7, results.ColParams: 572})
		loss := results.FunctionFitLoss.New(false)
		preds := results.FunctionFitPredictions.New(false)
		for _, fn := range []string{"sinc", "square"} {
			for m, model := range []string{"shallow", "middle", "deep"} {
				for e := 1; e <= 40; e++ {
					appendRow(t, loss, cells{results.ColFunction: fn, results.ColModel: model, results.ColEpoch: e,
						results.ColLoss: 0.2*math.Exp(-float64(e*(m+1))/12) + 1e-3/float64(m+1)})
				}
				for i := 1; i <= 40; i++ {
					x := float64(i) / 40
					y := math.Sin(5*math.Pi*x) / (5 * math.Pi * x)
					if fn == "square" {
						y = math.Copysign(1, math.Sin(5*math.Pi*x))
					}
					appendRow(t, preds, cells{results.ColFunction: fn, results.ColModel: model, results.ColX: x,
						results.ColYTrue: y, results.ColYPred: y + 0.08*math.Sin(float64(3+m)*x)/float64(m+1)})
				}
			}
		}
		writeTable(t, dir, results.FunctionFitModels, models)
		writeTable(t, dir, results.FunctionFitLoss, loss)
		writeTable(t, dir, results.FunctionFitPredictions, preds)
	case results.MNISTDepth:
		models := results.MNISTDepthModels.New(false)
		appendRow(t, models, cells{results.ColModel: "shallow", results.ColConvLayers: 1, results.ColDenseLayers: 1, results.ColParams: 25010})
		appendRow(t, models, cells{results.ColModel: "deep", results.ColConvLayers: 4, results.ColDenseLayers: 2, results.ColParams: 24890})
		hist := results.MNISTDepthHistory.New(false)
		for m, model := range []string{"shallow", "deep"} {
			for e := 1; e <= 12; e++ {
				tl := 0.5 * math.Exp(-float64(e)*(0.3+0.1*float64(m)))
				appendRow(t, hist, cells{results.ColModel: model, results.ColEpoch: e,
					results.ColTrainLoss: tl, results.ColTrainAcc: 1 - tl/2,
					results.ColTestLoss: tl + 0.05 + 0.004*float64(e), results.ColTestAcc: 0.97 - 0.01*float64(m) - tl/3})
			}
		}
		writeTable(t, dir, results.MNISTDepthModels, models)
		writeTable(t, dir, results.MNISTDepthHistory, hist)
	case results.WeightPCA:
		snaps := results.WeightPCASnapshots.New(false)
		for _, scope := range []string{results.ScopeModel, "layer2"} {
			for r := 0; r < 3; r++ {
				for e := 0; e <= 15; e += 3 {
					a := float64(r)*2.1 + float64(e)/10
					rad := 1 + float64(e)/5
					appendRow(t, snaps, cells{results.ColRun: r, results.ColEpoch: e,
						results.ColLoss: 0.3*math.Exp(-float64(e)/6) + 0.01*float64(r), results.ColScope: scope,
						results.ColPC1: rad * math.Cos(a), results.ColPC2: rad * math.Sin(a)})
				}
			}
		}
		writeTable(t, dir, results.WeightPCASnapshots, snaps)
	case results.GradNorm:
		hist := results.GradNormHistory.New(false)
		for s := 1; s < 200; s++ { // steps count from 1
			appendRow(t, hist, cells{results.ColStep: s, results.ColEpoch: s / 50,
				results.ColLoss:     2*math.Exp(-float64(s)/40) + 0.01,
				results.ColGradNorm: 1.5 * math.Exp(-float64(s)/60) * (1 + 0.3*math.Sin(float64(s)/3))})
		}
		writeTable(t, dir, results.GradNormHistory, hist)
	case results.MinRatio:
		pts := results.MinRatioPoints.New(false)
		for r := 0; r < 20; r++ {
			ratio := 0.5 + 0.5*float64((r*7)%20)/20
			appendRow(t, pts, cells{results.ColRun: r, results.ColLoss: 0.02 + 0.1*(1-ratio) + 0.001*float64(r%3),
				results.ColGradNorm: 1e-5, results.ColMinRatio: ratio, results.ColMinEigenvalue: -0.1 * (1 - ratio),
				results.ColMaxEigenvalue: 3.5, results.ColNearZero: r % 4, results.ColSteps: 500 + 10*r,
				results.ColRefineSteps: r % 3, results.ColReached: r%5 != 0,
				results.ColMinRatioClear: ratio * 57 / float64(57-r%4), results.ColTolerance: 3.5e-6, results.ColHessianError: 1e-9})
		}
		writeTable(t, dir, results.MinRatioPoints, pts)
	case results.RandomLabels:
		hist := results.RandomLabelsHistory.New(false)
		for e := 1; e <= 30; e++ {
			tl := 2.3 / (1 + math.Exp(float64(e-15)/3))
			appendRow(t, hist, cells{results.ColEpoch: e, results.ColTrainLoss: tl + 1e-3, results.ColTrainAcc: 1 - tl/2.6,
				results.ColTestLoss: 2.3 + 0.15*float64(e), results.ColTestAcc: 0.1 + 0.002*math.Sin(float64(e))})
		}
		writeTable(t, dir, results.RandomLabelsHistory, hist)
	case results.ParamCount:
		res := results.ParamCountResults.New(false)
		for i := 0; i < 10; i++ {
			appendRow(t, res, cells{results.ColModel: "cnn-" + strconv.Itoa(i),
				results.ColParams:    int(math.Round(1000 * math.Pow(10, float64(i)/3))),
				results.ColTrainLoss: 0.6 / (1 + float64(i)), results.ColTrainAcc: 0.82 + 0.017*float64(i),
				results.ColTestLoss: 0.65/(1+float64(i)) + 0.01*float64(i), results.ColTestAcc: 0.8 + 0.012*float64(i)})
		}
		writeTable(t, dir, results.ParamCountResults, res)
	case results.Interpolation:
		// The end points in the runner's training order: the base model,
		// the large-batch model, the high-learning-rate model.
		models := results.InterpolationModels.New(false)
		for i, m := range []struct {
			name  string
			batch int
			lr    float64
		}{{"bs64-lr0.001", 64, 0.001}, {"bs1024-lr0.001", 1024, 0.001}, {"bs64-lr0.01", 64, 0.01}} {
			appendRow(t, models, cells{results.ColModel: m.name, results.ColBatchSize: m.batch, results.ColLR: m.lr,
				results.ColEpochs: 5, results.ColSteps: 5 * 10000 / m.batch,
				results.ColTrainLoss: 0.05 + 0.1*float64(i), results.ColTrainAcc: 0.98 - 0.02*float64(i),
				results.ColTestLoss: 0.08 + 0.1*float64(i), results.ColTestAcc: 0.96 - 0.02*float64(i)})
		}
		curve := results.InterpolationCurve.New(false)
		for p, pair := range []string{results.PairBatch, results.PairLR} {
			for i := 0; i <= 24; i++ {
				a := -1 + 3*float64(i)/24
				l := 0.05 + (1+float64(p))*a*(a-1)*a*(a-1) + 0.02*a
				appendRow(t, curve, cells{results.ColPair: pair, results.ColAlpha: a,
					results.ColTrainLoss: l, results.ColTrainAcc: math.Max(0.1, 1-l/3),
					results.ColTestLoss: l*1.1 + 0.02, results.ColTestAcc: math.Max(0.1, 0.98-l/3)})
			}
		}
		writeTable(t, dir, results.InterpolationModels, models)
		writeTable(t, dir, results.InterpolationCurve, curve)
	case results.Sensitivity:
		res := results.SensitivityResults.New(false)
		for i, b := range []int{5, 15, 50, 150, 500, 1000} {
			f := float64(i)
			appendRow(t, res, cells{results.ColBatchSize: b,
				results.ColTrainLoss: 0.05 + 0.03*f, results.ColTrainAcc: 0.99 - 0.01*f,
				results.ColTestLoss: 0.1 + 0.02*f, results.ColTestAcc: 0.97 - 0.008*f,
				results.ColSensitivity: 3.5 - 0.5*f, results.ColLossGradNorm: 0.02 * math.Pow(0.6, f),
				results.ColSharpness: 0.1 + 0.25*f, results.ColEpochs: 3, results.ColSteps: 3 * ((1000 + b - 1) / b)})
		}
		writeTable(t, dir, results.SensitivityResults, res)
	case results.LossSurface:
		fixtureLossSurface(t, dir)
	case results.HessianSpectrum:
		fixtureHessianSpectrum(t, dir)
	case results.DoubleDescent:
		// n = 100 (threshold 1,000 parameters), two draws per noise: the
		// test error rises to a peak at the threshold and falls beyond it,
		// higher with label noise; fits interpolate from the threshold on.
		res := results.DoubleDescentResults.New(false)
		for _, noise := range []float64{0, 0.2} {
			for d := 1; d <= 2; d++ {
				for _, f := range []int{20, 50, 80, 95, 100, 105, 120, 200, 500, 1000} {
					r := math.Log(float64(f) / 100)
					peak := 0.85 + noise/2
					testErr := 0.2 + noise + (peak-0.2-noise)*math.Exp(-12*r*r) - 0.02*float64(d)
					trainLoss, trainErr := 1e-12, 0.0
					if f < 100 {
						trainLoss, trainErr = 0.3*(1-float64(f)/100), 0.3*(1-float64(f)/100)+noise/2
					}
					appendRow(t, res, cells{results.ColRun: fmt.Sprintf("noise%.2f-draw%d-features%06d", noise, d, f),
						results.ColLabelNoise: noise, results.ColDraw: d, results.ColFeatures: f, results.ColParams: 10 * f,
						results.ColTrainLoss: trainLoss, results.ColTrainError: trainErr,
						results.ColTestLoss: 0.5 / (0.02 + math.Abs(r)), results.ColTestError: testErr})
				}
			}
		}
		writeTable(t, dir, results.DoubleDescentResults, res)
	default:
		t.Fatalf("no fixture for experiment %q", experiment)
	}
	m := &results.Manifest{Experiment: experiment, Status: results.StatusDone}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
}

// TestEveryExperimentHasABuilder: Draw draws every experiment of the schema
// and no other, and the tests cover every one of them, in the schema's
// order.
func TestEveryExperimentHasABuilder(t *testing.T) {
	b := builders()
	for _, name := range results.ExperimentNames() {
		if b[name] == nil {
			t.Errorf("experiment %q of the schema has no figure builder", name)
		}
	}
	for name := range b {
		if _, ok := results.Lookup(name); !ok {
			t.Errorf("figure builder for %q, an experiment the schema does not know", name)
		}
	}
	var tested []string
	for _, e := range experiments {
		tested = append(tested, e.name)
	}
	if want := results.ExperimentNames(); !slices.Equal(tested, want) {
		t.Errorf("the tests' experiments are %v, the schema's %v", tested, want)
	}
}
