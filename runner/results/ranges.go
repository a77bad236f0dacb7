package results

import (
	"fmt"
	"math"
	"strconv"
)

// Range is what a numeric column's cells mean in checkable form: values
// from Min to Max, both included (±Inf: no bound that side), and NaN only
// when NaN is set (a value the run leaves undefined, as the column's doc
// says). Check rejects a cell outside its column's range, so that a value
// written into another column of its kind (a loss of 2.3 in an accuracy
// column) fails. The zero Range checks nothing; every numeric column of
// the schema has one that is not zero (the schema's test says so).
type Range struct {
	Min, Max float64
	NaN      bool
}

// The ranges of the schema's columns.
var (
	anyNumber   = Range{Min: math.Inf(-1), Max: math.Inf(1)}
	anyOrNaN    = Range{Min: math.Inf(-1), Max: math.Inf(1), NaN: true}
	nonNegative = Range{Min: 0, Max: math.Inf(1)}
	lossOrNaN   = Range{Min: 0, Max: math.Inf(1), NaN: true}
	positive    = Range{Min: 1, Max: math.Inf(1)} // counts and sizes from 1
	unit        = Range{Min: 0, Max: 1}           // accuracies, error rates, shares
	unitOrNaN   = Range{Min: 0, Max: 1, NaN: true}
	classLabel  = Range{Min: 0, Max: 9} // MNIST's and Fashion-MNIST's 10 classes
)

// rangeOf returns the range of the numeric column name: a name means the
// same thing in every table that has it, so its range does too. A column
// whose values may have either sign (coordinates, eigenvalues, the
// interpolation coefficient, the regression's inputs and targets) is any
// number but NaN. A name not listed has the zero Range, which the schema's
// test rejects for a numeric column: a new column says what it holds. NaN is allowed where a run may write it: min_ratio_clear
// when every eigenvalue is near zero, and the losses, gradient norms and
// outputs of a network whose training diverged (the aggregate over seeds
// leaves such values out); an accuracy is a share of examples, never NaN.
func rangeOf(name string) Range {
	switch name {
	case ColAcc, ColTrainAcc, ColTestAcc, ColTrainError, ColTestError,
		ColMinRatio, ColNegativeShare, ColLabelNoise, ColPC1Explained, ColPC2Explained:
		return unit
	case ColMinRatioClear:
		return unitOrNaN
	case ColLoss, ColTrainLoss, ColTestLoss, ColGradNorm, ColLossGradNorm:
		return lossOrNaN
	case ColYPred:
		return anyOrNaN
	case ColSensitivity, ColSharpness, ColHessianError, ColTolerance, ColTraceStderr, ColDensity, ColLR,
		ColEpoch, ColEpochs, ColSteps, ColRefineSteps, ColNearZero, ColIndex, ColRun,
		ColHiddenLayers, ColConvLayers, ColDenseLayers:
		return nonNegative
	case ColStep, ColParams, ColBatchSize, ColFeatures, ColDraw:
		return positive
	case ColLabel, ColTrueLabel:
		return classLabel
	case ColA, ColB, ColAlpha, ColLambda, ColX, ColYTrue, ColPC1, ColPC2,
		ColEigenvalue, ColMinEigenvalue, ColMaxEigenvalue, ColTopEigenvalue, ColTrace:
		return anyNumber
	}
	return Range{}
}

// numeric reports whether k's cells are numbers, which a Range bounds.
func (k Kind) numeric() bool { return k == Int || k == Float }

// check reports whether x lies in r.
func (r Range) check(x float64) error {
	if r == (Range{}) {
		return nil
	}
	if math.IsNaN(x) && !r.NaN || x < r.Min || x > r.Max {
		return fmt.Errorf("%v is outside %s", x, r)
	}
	return nil
}

// String renders r for the table docs and error messages: "0 to 1", "≥ 0",
// "any number", with " or NaN" when NaN is allowed (and NaN is outside it
// otherwise).
func (r Range) String() string {
	var s string
	switch {
	case r == (Range{}):
		return "unchecked"
	case math.IsInf(r.Min, -1) && math.IsInf(r.Max, 1):
		s = "any number"
	case math.IsInf(r.Max, 1):
		s = "≥ " + bound(r.Min)
	case math.IsInf(r.Min, -1):
		s = "≤ " + bound(r.Max)
	default:
		s = bound(r.Min) + " to " + bound(r.Max)
	}
	if r.NaN {
		return s + " or NaN"
	}
	return s
}

func bound(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// kindRange is the range of a column named name of kind k: its name's
// range when k is numeric, none otherwise (double-descent's run is text).
func kindRange(name string, k Kind) Range {
	if !k.numeric() {
		return Range{}
	}
	return rangeOf(name)
}
