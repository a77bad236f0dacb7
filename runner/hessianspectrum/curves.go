package hessianspectrum

import (
	"hw1/runner"
	"hw1/runner/results"
)

// writeCurves writes to TensorBoard the curves the figures draw from t's
// measurement: its largest eigenvalues against their rank (Lanczos, and
// the exact Hessian's over the same ranks), under t's run; and, for a
// model of the sensitivity sweep, λ_max and the sharpness at its batch
// size, under the run by-batch-size.
func writeCurves(env *runner.Env, t spectrumTarget, top, exactAscending []float64, sharp float64) {
	run := results.HessianSpectrum + "/" + t.name
	for i, l := range top {
		values := []float64{l}
		if k := len(exactAscending) - 1 - i; k >= 0 {
			values = append(values, exactAscending[k])
		}
		env.Point(run, int64(i+1), []string{results.ColEigenvalue, results.TagEigenvalueExact}[:len(values)], values...)
	}
	if t.family == results.Sensitivity {
		env.Point(results.HessianSpectrum+"/"+results.RunByBatchSize, int64(t.batchSize),
			[]string{results.ColTopEigenvalue, results.ColSharpness}, top[0], sharp)
	}
}
