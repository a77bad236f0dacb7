package plots

import (
	"fmt"

	"hw1/runner/results"
)

// minRatio draws the figure min-ratio: one point per run, the loss reached
// where the gradient is near zero against the minimal ratio there, by both
// definitions: over all eigenvalues (min_ratio; the near-zero ones count as
// not positive) and over the clearly nonzero ones (min_ratio_clear).
//
// Over seeds the seeds' points are drawn pooled, in one figure: points.csv
// is not aggregated, its runs being a sample of critical points to pool
// over seeds rather than one measurement repeated, so there is no mean to
// draw a band around.
func minRatio(f folder) ([]*figure, error) {
	pts, err := f.pooled(results.MinRatioPoints)
	if err != nil {
		return nil, err
	}
	c, err := pts.columns(results.ColMinRatio, results.ColLoss, results.ColMinRatioClear)
	if err != nil {
		return nil, err
	}
	p := newPanel("minimal ratio (share of positive Hessian eigenvalues)", "loss (MSE)", linear, linear)
	if err := p.add(xys(c[0], c[1], linear, linear), series{label: "over all eigenvalues (min_ratio)", color: seriesColor(0), shape: glyphShape(0)}); err != nil {
		return nil, err
	}
	if err := p.add(xys(c[2], c[1], linear, linear), series{label: "over those outside the tolerance (min_ratio_clear)", color: seriesColor(1), shape: glyphShape(2)}); err != nil {
		return nil, err
	}
	title := fmt.Sprintf("Loss against minimal ratio at near-zero gradient (%d runs)", len(pts.t.Rows))
	if f.multi() {
		title = fmt.Sprintf("Loss against minimal ratio at near-zero gradient (%d runs of %d seeds, pooled)", len(pts.t.Rows), len(f.seeds))
	}
	return []*figure{newFigure("min-ratio", title, p)}, nil
}
