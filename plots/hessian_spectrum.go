package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"

	"hw1/runner/results"
)

// hessianSpectrum draws the top eigenvalues of every model
// (top-eigenvalues), the spectral density of each model on two panels
// sharing a log-|λ| axis, positive eigenvalues above and negative ones
// below (density-<model>), and, for the models of sensitivity's batch
// sizes, the largest eigenvalue beside the Keskar sharpness against batch
// size (curvature-vs-batch).
//
// Over seeds only curvature-vs-batch is drawn, from the aggregated summary,
// with the mean and the spread: top-eigenvalues and density-<model> stay
// per seed, in the seeds' folders, as eigenvalue i of one seed's model is
// not eigenvalue i of another's and each seed's density has a λ grid of its
// own (their tables are not aggregated).
func hessianSpectrum(f folder) ([]*figure, error) {
	if f.multi() {
		sum, err := f.optionalTable(results.HessianSpectrumSummary)
		if err != nil {
			return nil, err
		}
		return curvatureFigures(sum)
	}
	eig, err := f.table(results.HessianSpectrumEigenvalues)
	if err != nil {
		return nil, err
	}
	dens, err := f.table(results.HessianSpectrumDensity)
	if err != nil {
		return nil, err
	}
	sum, err := f.optionalTable(results.HessianSpectrumSummary)
	if err != nil {
		return nil, err
	}
	top, err := topEigenvaluesPanel(eig)
	if err != nil {
		return nil, err
	}
	figs := []*figure{newFigure("top-eigenvalues", "Largest Hessian eigenvalues (Lanczos on exact Hessian-vector products)", top)}
	models, err := dens.distinct(results.ColModel)
	if err != nil {
		return nil, err
	}
	for _, m := range models {
		rows, err := dens.where(results.ColModel, m)
		if err != nil {
			return nil, err
		}
		pos, neg, err := densityPanels(rows)
		if err != nil {
			return nil, err
		}
		figs = append(figs, newFigureOf("density", "model", m,
			fmt.Sprintf("Hessian spectral density of %s, λ > 0 above, λ < 0 below", m), pos, neg))
	}
	curv, err := curvatureFigures(sum)
	if err != nil {
		return nil, err
	}
	return append(figs, curv...), nil
}

// curvatureFigures returns curvature-vs-batch (curvatureFigure), or none
// without the summary table or without sensitivity's models in it.
func curvatureFigures(sum *source) ([]*figure, error) {
	if sum == nil {
		return nil, nil
	}
	f, err := curvatureFigure(sum)
	if err != nil || f == nil {
		return nil, err
	}
	return []*figure{f}, nil
}

// topEigenvaluesPanel draws eigenvalue against rank, one series per model
// and method (the exact ones only as far as the Lanczos ones go), log y.
func topEigenvaluesPanel(eig *source) (*panel, error) {
	p := newPanel("rank (1 = largest)", "Hessian eigenvalue", linear, logScale)
	models, err := eig.distinct(results.ColModel)
	if err != nil {
		return nil, err
	}
	for i, m := range models {
		rows, err := eig.where(results.ColModel, m)
		if err != nil {
			return nil, err
		}
		lz, err := rows.where(results.ColMethod, results.MethodLanczos)
		if err != nil {
			return nil, err
		}
		c, err := lz.columns(results.ColIndex, results.ColEigenvalue)
		if err != nil {
			return nil, err
		}
		if err := p.add(sortedByX(xys(c[0], c[1], linear, logScale)), series{label: m, color: seriesColor(i), line: true, shape: glyphShape(i)}); err != nil {
			return nil, err
		}
		ex, err := rows.where(results.ColMethod, results.MethodExact)
		if err != nil {
			return nil, err
		}
		if len(ex.t.Rows) == 0 {
			continue
		}
		e, err := ex.columns(results.ColIndex, results.ColEigenvalue)
		if err != nil {
			return nil, err
		}
		var xs, ys []float64
		for k := range e[0] {
			if e[0][k] <= float64(len(c[0])) {
				xs, ys = append(xs, e[0][k]), append(ys, e[1][k])
			}
		}
		s := series{label: m + " (exact Hessian)", color: seriesColor(i), line: true, dashes: dashed(), shape: glyphShape(i + 3)}
		if err := p.add(sortedByX(xys(xs, ys, linear, logScale)), s); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// densityFloor is the smallest density drawn, relative to the largest:
// below it the Gaussian tails only widen the log axis.
const densityFloor = 1e-8

// densityPanels draws the density at λ > 0 against λ and at λ < 0 against
// |λ|, both log-log, one series per method.
func densityPanels(rows *source) (pos, neg *panel, err error) {
	pos = newPanel("|λ|", "density, λ > 0", logScale, logScale)
	neg = newPanel("|λ| (eigenvalue −|λ|)", "density, λ < 0", logScale, logScale)
	methods, err := rows.distinct(results.ColMethod)
	if err != nil {
		return nil, nil, err
	}
	for i, method := range methods {
		r, err := rows.where(results.ColMethod, method)
		if err != nil {
			return nil, nil, err
		}
		c, err := r.columns(results.ColLambda, results.ColDensity)
		if err != nil {
			return nil, nil, err
		}
		top := 0.0
		for _, d := range c[1] {
			if !math.IsNaN(d) {
				top = math.Max(top, d)
			}
		}
		var up, down plotter.XYs
		for k, l := range c[0] {
			d := c[1][k]
			if !(d > densityFloor*top) || !drawable(d, logScale) {
				continue
			}
			switch {
			case l > 0:
				up = append(up, plotter.XY{X: l, Y: d})
			case l < 0:
				down = append(down, plotter.XY{X: -l, Y: d})
			}
		}
		label := "SLQ (Lanczos)"
		if method == results.MethodExact {
			label = "exact eigenvalues"
		}
		s := series{label: label, color: seriesColor(i), line: true}
		if i > 0 {
			s.dashes = dashed()
		}
		if err := pos.add(sortedByX(up), s); err != nil {
			return nil, nil, err
		}
		if err := neg.add(sortedByX(down), s); err != nil {
			return nil, nil, err
		}
	}
	return pos, neg, nil
}

// curvatureFigure draws λ_max (Lanczos) and the Keskar sharpness against
// batch size for the models of family sensitivity; nil without them.
func curvatureFigure(sum *source) (*figure, error) {
	rows, err := sum.where(results.ColFamily, results.Sensitivity)
	if err != nil {
		return nil, err
	}
	if rows, err = rows.where(results.ColMethod, results.MethodLanczos); err != nil {
		return nil, err
	}
	if len(rows.t.Rows) == 0 {
		return nil, nil
	}
	top := newPanel("batch size", "λ_max", logScale, logScale)
	if err := top.curve(rows, results.ColBatchSize, results.ColTopEigenvalue, series{color: seriesColor(0), line: true, shape: glyphShape(0)}); err != nil {
		return nil, err
	}
	sharp := newPanel("batch size", "Keskar sharpness", logScale, linear)
	if err := sharp.curve(rows, results.ColBatchSize, results.ColSharpness, series{color: seriesColor(4), line: true, shape: glyphShape(1)}); err != nil {
		return nil, err
	}
	return newFigure("curvature-vs-batch", "λ_max of the Hessian and Keskar sharpness against batch size", top, sharp), nil
}
