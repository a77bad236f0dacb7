package plots

import "fmt"

// minRatio draws the figure min-ratio: one point per run, the loss reached
// where the gradient is near zero against the minimal ratio there.
func minRatio(dir string) ([]*figure, error) {
	pts, err := readTable(dir, "points.csv", "run", "loss", "grad_norm", "min_ratio", "min_eigenvalue", "max_eigenvalue", "near_zero")
	if err != nil {
		return nil, err
	}
	c, err := pts.columns("min_ratio", "loss")
	if err != nil {
		return nil, err
	}
	p := newPanel("minimal ratio (share of positive Hessian eigenvalues)", "loss (MSE)", linear, linear)
	if err := p.add(xys(c[0], c[1], linear, linear), series{color: seriesColor(0), shape: glyphShape(0)}); err != nil {
		return nil, err
	}
	title := fmt.Sprintf("Loss against minimal ratio at near-zero gradient (%d runs)", len(pts.t.Rows))
	return []*figure{newFigure("min-ratio", title, p)}, nil
}
