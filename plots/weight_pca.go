package plots

import (
	"fmt"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"hw1/runner/results"
)

// maxPointLabels is the number of points above which a scatter's points are
// no longer labelled: the labels would cover each other.
const maxPointLabels = 200

// weightPCA draws one scatter per scope of snapshots.csv (pca-<scope>): the
// weight snapshots of all runs on the first two principal components,
// coloured by run, each run's snapshots joined in epoch order, and each
// point labelled with its loss (and accuracy, if the table has it).
//
// Over seeds nothing is drawn beyond each seed's own figures, in its
// folder: each seed's PCA has axes of its own, so neither a mean nor the
// pooled points would mean anything.
func weightPCA(f folder) ([]*figure, error) {
	if f.multi() {
		return nil, nil
	}
	snaps, err := f.table(results.WeightPCASnapshots)
	if err != nil {
		return nil, err
	}
	scopes, err := snaps.distinct(results.ColScope)
	if err != nil {
		return nil, err
	}
	var figs []*figure
	for _, scope := range scopes {
		rows, err := snaps.where(results.ColScope, scope)
		if err != nil {
			return nil, err
		}
		f, err := pcaScatter(rows, scope)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	return figs, nil
}

// pcaScatter is the figure of one scope.
func pcaScatter(rows *source, scope string) (*figure, error) {
	withAcc := rows.has(results.ColAcc)
	p := newPanel("PC 1", "PC 2", linear, linear)
	runs, err := rows.distinct(results.ColRun)
	if err != nil {
		return nil, err
	}
	label := len(rows.t.Rows) <= maxPointLabels
	for i, run := range runs {
		rr, err := rows.where(results.ColRun, run)
		if err != nil {
			return nil, err
		}
		names := []string{results.ColEpoch, results.ColPC1, results.ColPC2, results.ColLoss}
		if withAcc {
			names = append(names, results.ColAcc)
		}
		c, err := rr.columns(names...)
		if err != nil {
			return nil, err
		}
		var pts plotter.XYs
		var texts []string
		for _, j := range byValue(c[0]) {
			if !drawable(c[1][j], linear) || !drawable(c[2][j], linear) {
				continue
			}
			pts = append(pts, plotter.XY{X: c[1][j], Y: c[2][j]})
			t := short(c[3][j])
			if withAcc {
				t += ", " + short(c[4][j])
			}
			texts = append(texts, t)
		}
		path := series{color: fadedColor(i), width: vg.Points(0.6), line: true}
		if err := p.add(pts, path); err != nil {
			return nil, err
		}
		dots := series{label: "run " + run, color: seriesColor(i), shape: glyphShape(i)}
		if err := p.add(pts, dots); err != nil {
			return nil, err
		}
		if label {
			if err := p.labels(pts, texts); err != nil {
				return nil, err
			}
		}
	}
	what := "whole model"
	if scope != results.ScopeModel {
		what = "layer " + scope
	}
	title := fmt.Sprintf("Weights on 2 principal components (%s)", what)
	switch {
	case !label:
		title += fmt.Sprintf(", %d points, unlabelled", len(rows.t.Rows))
	case withAcc:
		title += ", labels: loss, accuracy"
	default:
		title += ", labels: loss"
	}
	return newFigureOf("pca", "scope", scope, title, p), nil
}

// byValue returns the indices of v in increasing order of value (stable).
func byValue(v []float64) []int {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	return idx
}
