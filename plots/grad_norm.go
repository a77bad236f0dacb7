package plots

import "hw1/runner/results"

// gradNorm draws the figure grad-norm: the loss (log y) above the gradient
// norm, both against the training step; over seeds the mean and the spread.
func gradNorm(f folder) ([]*figure, error) {
	hist, err := f.table(results.GradNormHistory)
	if err != nil {
		return nil, err
	}
	loss := newPanel("step", "loss", linear, logScale)
	if err := loss.curve(hist, results.ColStep, results.ColLoss, series{color: seriesColor(0), line: true}); err != nil {
		return nil, err
	}
	grad := newPanel("step", "gradient norm (L2)", linear, linear)
	if err := grad.curve(hist, results.ColStep, results.ColGradNorm, series{color: seriesColor(1), line: true}); err != nil {
		return nil, err
	}
	return []*figure{newFigure("grad-norm", "Loss and gradient norm per training step", loss, grad)}, nil
}
