package plots

import "hw1/runner/results"

// gradNorm draws the figure grad-norm: the loss (log y) above the gradient
// norm, both against the training step.
func gradNorm(dir string) ([]*figure, error) {
	hist, err := readTable(dir, results.GradNormHistory)
	if err != nil {
		return nil, err
	}
	c, err := hist.columns(results.ColStep, results.ColLoss, results.ColGradNorm)
	if err != nil {
		return nil, err
	}
	loss := newPanel("step", "loss", linear, logScale)
	if err := loss.add(xys(c[0], c[1], linear, logScale), series{color: seriesColor(0), line: true}); err != nil {
		return nil, err
	}
	grad := newPanel("step", "gradient norm (L2)", linear, linear)
	if err := grad.add(xys(c[0], c[2], linear, linear), series{color: seriesColor(1), line: true}); err != nil {
		return nil, err
	}
	return []*figure{newFigure("grad-norm", "Loss and gradient norm per training step", loss, grad)}, nil
}
