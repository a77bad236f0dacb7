// Package registry lists hw1's experiments, in the homework's order (the
// schema's, results.Experiments): the one place that joins the engine
// (package runner) and the experiments, so that the runner never imports an
// experiment. A new experiment is one line here.
package registry

import (
	"hw1/runner"
	"hw1/runner/doubledescent"
	"hw1/runner/functionfit"
	"hw1/runner/gradnorm"
	"hw1/runner/hessianspectrum"
	"hw1/runner/interpolation"
	"hw1/runner/losssurface"
	"hw1/runner/minratio"
	"hw1/runner/mnistdepth"
	"hw1/runner/paramcount"
	"hw1/runner/randomlabels"
	"hw1/runner/sensitivity"
	"hw1/runner/weightpca"
)

// New returns hw1's experiments, in the schema's order.
func New() *runner.Registry {
	return runner.NewRegistry(
		functionfit.Experiment(),
		mnistdepth.Experiment(),
		weightpca.Experiment(),
		gradnorm.Experiment(),
		minratio.Experiment(),
		randomlabels.Experiment(),
		paramcount.Experiment(),
		interpolation.Experiment(),
		sensitivity.Experiment(),
		losssurface.Experiment(),
		hessianspectrum.Experiment(),
		doubledescent.Experiment(),
	)
}
