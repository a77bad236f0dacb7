package results

import (
	"math"
	"slices"
	"strings"
	"testing"

	"hw1/runner/table"
)

// Two columns of the same kind swapped fail the check when their meanings
// differ: written by position, mnist-depth's history with train_loss and
// train_acc swapped puts a loss of 2.3 in the accuracy column, and
// random-labels' labels with index and label swapped put an example's
// index in the class column.
func TestSwappedColumnsFailTheCheck(t *testing.T) {
	spec := MNISTDepthHistory
	tb := spec.New(false)
	if err := tb.Append("deep", 1, 0.11, 2.3, 2.29, 0.12); err != nil { // train_loss, train_acc swapped
		t.Fatal(err)
	}
	err := spec.Check(tb)
	if err == nil || !strings.Contains(err.Error(), "history.csv: row 1, column train_acc: 2.3 is outside 0 to 1") {
		t.Errorf("Check of swapped train_loss and train_acc: %v, want an error about train_acc", err)
	}
	labels := RandomLabelsLabels.New(false)
	if err := labels.Append(3, 12, 7); err != nil { // index, label swapped
		t.Fatal(err)
	}
	if err := RandomLabelsLabels.Check(labels); err == nil || !strings.Contains(err.Error(), "column label: 12 is outside 0 to 9") {
		t.Errorf("Check of swapped index and label: %v", err)
	}
}

// Every numeric cell is checked against its column's range, NaN included.
func TestCheckRanges(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		spec   Table
		column string
		value  any
		ok     bool
	}{
		{MNISTDepthHistory, ColTrainAcc, 1.0, true},
		{MNISTDepthHistory, ColTrainAcc, 1.5, false},
		{MNISTDepthHistory, ColTestAcc, nan, false},
		{MNISTDepthHistory, ColTrainLoss, 0.0, true},
		{MNISTDepthHistory, ColTrainLoss, -0.1, false},
		{MNISTDepthHistory, ColTrainLoss, nan, true}, // diverged
		{MNISTDepthHistory, ColTrainLoss, -inf, false},
		{MNISTDepthHistory, ColEpoch, 0, true},
		{MNISTDepthHistory, ColEpoch, -1, false},
		{MNISTDepthModels, ColParams, 0, false},
		{GradNormHistory, ColStep, 0, false},
		{GradNormHistory, ColGradNorm, -1e-9, false},
		{MinRatioPoints, ColMinRatioClear, nan, true},
		{MinRatioPoints, ColTolerance, nan, false},
		{SensitivityResults, ColSharpness, nan, false},
		{FunctionFitPredictions, ColYPred, nan, true},
		{FunctionFitPredictions, ColYTrue, nan, false},
		{MinRatioPoints, ColMinRatio, nan, false},
		{MinRatioPoints, ColMinEigenvalue, -0.06, true},
		{MinRatioPoints, ColMaxEigenvalue, nan, false},
		{RandomLabelsLabels, ColLabel, 9, true},
		{RandomLabelsLabels, ColLabel, 10, false},
		{WeightPCASnapshots, ColPC1, -4.4, true},
		{LossSurfaceSurface, ColA, -18.25, true},
		{LossSurfaceSurface, ColTrainLoss, inf, true},
		{HessianSpectrumSummary, ColSharpness, -0.01, false},
		{HessianSpectrumSummary, ColNegativeShare, 1.01, false},
		{HessianSpectrumDensity, ColLambda, -44.4, true},
		{InterpolationCurve, ColAlpha, -1.0, true},
		{SensitivityResults, ColEpochs, 0.5, true},
		{DoubleDescentResults, ColLabelNoise, 1.2, false},
	} {
		tb := c.spec.New(false)
		row := slices.Repeat([]string{""}, len(tb.Columns))
		for i, col := range c.spec.Columns[:len(tb.Columns)] {
			row[i] = sample(col)
			if col.Name == c.column {
				row[i] = table.Format(c.value)
			}
		}
		tb.Rows = [][]string{row}
		if err := c.spec.Check(tb); (err == nil) != c.ok {
			t.Errorf("%s: %s = %v: Check says %v, want ok %v", c.spec.File, c.column, c.value, err, c.ok)
		}
	}
}

// sample returns a cell that c accepts.
func sample(c Column) string {
	switch c.Kind {
	case Text:
		return "x"
	case Bool:
		return "true"
	}
	if c.Range.Min > 0 || math.IsInf(c.Range.Min, -1) {
		return "1"
	}
	return table.Format(c.Range.Min)
}

// Every numeric column of the schema says what its values are; no other
// column has a range.
func TestEveryNumericColumnHasARange(t *testing.T) {
	for _, e := range Experiments() {
		for _, tb := range e.Tables {
			for _, c := range tb.Columns {
				if c.Kind.numeric() == (c.Range == Range{}) {
					t.Errorf("%s/%s: column %s of kind %s has range %+v", e.Name, tb.File, c.Name, c.Kind, c.Range)
				}
				if c.Kind.numeric() && (!(c.Range.Min <= c.Range.Max) || c.Range.check(c.Range.Min) != nil || c.Range.check(c.Range.Max) != nil) {
					t.Errorf("%s/%s: column %s: range %+v is empty or leaves its bounds out", e.Name, tb.File, c.Name, c.Range)
				}
			}
		}
	}
}
