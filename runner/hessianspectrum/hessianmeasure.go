package hessianspectrum

import (
	"fmt"
	"math"
	"slices"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/minratio"
	"hw1/runner/results"
	"hw1/runner/table"
)

// spectrumTarget is one trained model whose Hessian hessian-spectrum
// measures: the Hessian of the mean loss over the examples idx of ds at
// the model's current parameters.
type spectrumTarget struct {
	name, family string
	batchSize    int
	model        *graphs.Model
	ds           *graphs.Dataset
	idx          []int32
	sharpIdx     []int32 // the sharpness's examples; nil: idx
	// relTol: eigenvalues below -relTol·max|λ| count as negative.
	relTol float64
	// exact adds the exact Hessian's eigenvalues (small models only).
	exact bool
}

// spectrumTables are hessian-spectrum's three tables, rewritten after
// every model so that an interrupted run keeps the models measured.
type spectrumTables struct {
	eigen, density, summary *table.Table
	points                  int // density grid points per side of 0
}

func newSpectrumTables(points int) *spectrumTables {
	return &spectrumTables{points: points,
		eigen:   results.HessianSpectrumEigenvalues.New(false),
		density: results.HessianSpectrumDensity.New(false),
		summary: results.HessianSpectrumSummary.New(false),
	}
}

// countingHVP wraps hvp so that every product advances bar.
func countingHVP(hvp graphs.HVPFunc, bar *runner.Progress, loss float64) graphs.HVPFunc {
	n := 0
	return func(v []float64) ([]float64, error) {
		n++
		bar.Update(n, loss)
		return hvp(v)
	}
}

// measure computes t's top eigenvalues, trace and density (and with
// t.exact the same from the exact Hessian), its Keskar sharpness, and
// appends and writes the rows.
func (o *spectrumTables) measure(env *runner.Env, cfg *hessianSpectrumConfig, t spectrumTarget) error {
	name := results.HessianSpectrum + "/" + t.name
	if err := env.Canceled(); err != nil {
		return err
	}
	n := t.model.NumParams()
	loss, err := t.model.Loss(t.ds, t.idx)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	sharpIdx := t.sharpIdx
	if sharpIdx == nil {
		sharpIdx = t.idx
	}
	sharp, err := t.model.Sharpness(t.ds, sharpIdx, cfg.SharpEps, cfg.SharpSteps)
	if err != nil {
		return fmt.Errorf("%s: sharpness: %w", name, err)
	}
	total := min(cfg.LanczosIters, n) + cfg.TraceSamples + cfg.SLQRuns*min(cfg.SLQSteps, n)
	bar := env.StartProgress(name+" HVPs", total)
	hvp := countingHVP(t.model.HessianOperator(t.ds, t.idx), bar, loss)
	seed := uint64(runner.SubSeed(env.Seed, results.HessianSpectrum, t.name))
	est, err := estimateSpectrum(hvp, n, cfg, seed)
	bar.Done()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var nodes, eigs []float64
	for _, r := range est.quadrature {
		nodes = append(nodes, r.Values...)
	}
	if t.exact {
		h, err := t.model.Hessian(t.ds, t.idx)
		if err != nil {
			return fmt.Errorf("%s: exact Hessian: %w", name, err)
		}
		if eigs, err = minratio.EigenvaluesSym(h, n); err != nil {
			return fmt.Errorf("%s: exact Hessian: %w", name, err)
		}
		nodes = append(nodes, eigs...)
	}
	grid, sigma := densityGrid(nodes, o.points)
	if err := o.add(t, n, est, grid, sigma, loss, sharp); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if t.exact {
		if err := o.addExact(t, n, eigs, grid, sigma, loss, sharp); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	writeCurves(env, t, est.top, eigs, sharp)
	env.Log.Info("hessian spectrum", results.ColModel, t.name, results.ColTopEigenvalue, est.top[0], results.ColSharpness, sharp)
	return o.write(env)
}

// spectrumEstimate is what Lanczos, Hutchinson and SLQ give for one model.
type spectrumEstimate struct {
	top           []float64 // largest first
	trace, stderr float64
	quadrature    []graphs.Ritz
}

// estimateSpectrum runs the three estimators on hvp, each from seed.
func estimateSpectrum(hvp graphs.HVPFunc, n int, cfg *hessianSpectrumConfig, seed uint64) (spectrumEstimate, error) {
	var e spectrumEstimate
	var err error
	if e.top, err = graphs.TopEigenvalues(hvp, n, min(cfg.TopK, n), max(cfg.LanczosIters, min(cfg.TopK, n)), seed); err != nil {
		return e, err
	}
	if e.trace, e.stderr, err = graphs.HutchinsonTrace(hvp, n, cfg.TraceSamples, seed); err != nil {
		return e, err
	}
	if e.quadrature, err = graphs.SpectralQuadrature(hvp, n, cfg.SLQRuns, cfg.SLQSteps, seed); err != nil {
		return e, err
	}
	return e, nil
}

// add appends the Lanczos rows of t.
func (o *spectrumTables) add(t spectrumTarget, n int, e spectrumEstimate, grid []float64, sigma, loss, sharp float64) error {
	for i, l := range e.top {
		if err := o.appendEigenvalue(t.name, results.MethodLanczos, i+1, l); err != nil {
			return err
		}
	}
	dens, err := graphs.SpectralDensity(e.quadrature, grid, sigma)
	if err != nil {
		return err
	}
	if err := o.appendDensity(t.name, results.MethodLanczos, grid, dens); err != nil {
		return err
	}
	return o.appendSummary(t, results.Row{results.ColMethod: results.MethodLanczos, results.ColParams: n, results.ColTopEigenvalue: e.top[0],
		results.ColTrace: e.trace, results.ColTraceStderr: e.stderr, results.ColTrainLoss: loss, results.ColSharpness: sharp,
		results.ColNegativeShare: negativeWeight(e.quadrature, t.relTol)})
}

// addExact appends the rows of t from the exact Hessian's eigenvalues eigs
// (ascending): all of them, largest first, and their density on the
// quadrature's grid with its smoothing.
func (o *spectrumTables) addExact(t spectrumTarget, n int, eigs, grid []float64, sigma, loss, sharp float64) error {
	desc := slices.Clone(eigs)
	slices.Reverse(desc)
	trace := 0.0
	for i, l := range desc {
		trace += l
		if err := o.appendEigenvalue(t.name, results.MethodExact, i+1, l); err != nil {
			return err
		}
	}
	w := make([]float64, len(eigs))
	for i := range w {
		w[i] = 1 / float64(len(eigs))
	}
	exact := []graphs.Ritz{{Values: eigs, Weights: w}}
	dens, err := graphs.SpectralDensity(exact, grid, sigma)
	if err != nil {
		return err
	}
	if err := o.appendDensity(t.name, results.MethodExact, grid, dens); err != nil {
		return err
	}
	return o.appendSummary(t, results.Row{results.ColMethod: results.MethodExact, results.ColParams: n, results.ColTopEigenvalue: desc[0],
		results.ColTrace: trace, results.ColTraceStderr: 0.0, results.ColTrainLoss: loss, results.ColSharpness: sharp,
		results.ColNegativeShare: negativeWeight(exact, t.relTol)})
}

func (o *spectrumTables) appendDensity(model, method string, grid, dens []float64) error {
	for i, l := range grid {
		if err := results.HessianSpectrumDensity.Append(o.density, results.Row{results.ColModel: model, results.ColLambda: l,
			results.ColDensity: dens[i], results.ColMethod: method}); err != nil {
			return err
		}
	}
	return nil
}

// appendEigenvalue appends the eigenvalue l of rank index (1: largest).
func (o *spectrumTables) appendEigenvalue(model, method string, index int, l float64) error {
	return results.HessianSpectrumEigenvalues.Append(o.eigen, results.Row{results.ColModel: model, results.ColIndex: index,
		results.ColEigenvalue: l, results.ColMethod: method})
}

// appendSummary appends t's summary row: row holds what a method
// measured, t adds the columns that say which model it is.
func (o *spectrumTables) appendSummary(t spectrumTarget, row results.Row) error {
	row[results.ColModel], row[results.ColFamily], row[results.ColBatchSize] = t.name, t.family, t.batchSize
	return results.HessianSpectrumSummary.Append(o.summary, row)
}

func (o *spectrumTables) write(env *runner.Env) error {
	return env.WriteTables(runner.TableOut{Spec: results.HessianSpectrumEigenvalues, Rows: o.eigen}, runner.TableOut{Spec: results.HessianSpectrumDensity, Rows: o.density},
		runner.TableOut{Spec: results.HessianSpectrumSummary, Rows: o.summary})
}

// densityGrid returns the grid a density of nodes is tabulated on and the
// Gaussian's σ: PyHessian's σ² = 1e-5·max(1, λmax - λmin). The grid is 0
// and, on each side of it, points geometric in |λ| from 1e-6·L to L =
// 1.5·max|node| (points per side, at least 2), so that a log-|λ| axis shows
// both signs; and, around every node where the geometric spacing is
// coarser than σ/2, the points node + kσ/2, k = -8..8, so that an isolated
// eigenvalue's peak, narrower than that spacing, is on the grid and the
// density integrates to 1 on it.
func densityGrid(nodes []float64, points int) (grid []float64, sigma float64) {
	points = max(points, 2)
	lo, hi, big := math.Inf(1), math.Inf(-1), 0.0
	for _, v := range nodes {
		lo, hi, big = min(lo, v), max(hi, v), max(big, math.Abs(v))
	}
	sigma = math.Sqrt(1e-5 * max(1, hi-lo))
	top := 1.5 * big
	if !(top > 0) {
		top = 1
	}
	bottom := 1e-6 * top
	grid = append(grid, 0)
	for i := range points {
		v := bottom * math.Pow(top/bottom, float64(i)/float64(points-1))
		grid = append(grid, v, -v)
	}
	// The geometric spacing at |λ| is |λ|·(ratio - 1): finer than σ/2
	// below dense, so only the nodes above it need points of their own.
	dense := sigma / 2 / (math.Pow(top/bottom, 1/float64(points-1)) - 1)
	for _, v := range nodes {
		if math.Abs(v) > dense {
			for k := -8; k <= 8; k++ {
				grid = append(grid, v+float64(k)*sigma/2)
			}
		}
	}
	slices.Sort(grid)
	return slices.Compact(grid), sigma
}

// negativeWeight is the share of the spectrum below -relTol·max|node|:
// the mean over the quadratures of the weight of such nodes (for the
// exact eigenvalues, with weights 1/n, their share).
func negativeWeight(q []graphs.Ritz, relTol float64) float64 {
	big := 0.0
	for _, r := range q {
		for _, v := range r.Values {
			big = max(big, math.Abs(v))
		}
	}
	s := 0.0
	for _, r := range q {
		for i, v := range r.Values {
			if v < -relTol*big {
				s += r.Weights[i]
			}
		}
	}
	return s / float64(len(q))
}
