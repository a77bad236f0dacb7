// Package minratio is the min-ratio experiment (optimization): many runs
// of a small network on sin(5πx)/(5πx) driven to a critical point (training,
// then minimising the gradient's norm, then a Newton refinement,
// refine.go), each with its loss and the share of positive eigenvalues of
// the Hessian there (spectrum.go), the Hessian checked against finite
// differences of exact gradients (hessiancheck.go). hessian-spectrum
// measures the critical point of its run 0 through CriticalSearch.
package minratio

import (
	"errors"
	"fmt"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/results"
	"math"
	"strconv"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/models"
)

// Config configures min-ratio. Each run trains a small network on
// sinc (phase 1, on the loss), then minimises the squared gradient norm
// (phase 2, Adam) until the norm is at most GradNormTarget or GradNormSteps
// steps are spent, then, if the norm is still above the target, refines
// with at most RefineSteps Levenberg–Marquardt steps (phase 3), and
// measures the exact Hessian of the loss where it stopped.
type Config struct {
	Runs   int   `json:"runs"`
	Hidden []int `json:"hidden"`
	// Activation must differentiate twice: the Hessian is exact.
	Activation string  `json:"activation" set:"tanh|softplus"`
	Points     int     `json:"points"`
	Epochs     int     `json:"epochs"`
	BatchSize  int     `json:"batch_size" zero:"the full batch"` // 0: full batch
	LR         float64 `json:"lr"`
	// GradNormLR is the learning rate of phase 2 (Adam on ‖∇L‖², full
	// batch).
	GradNormLR     float64 `json:"grad_norm_lr"`
	GradNormSteps  int     `json:"grad_norm_steps"`
	GradNormTarget float64 `json:"grad_norm_target"`
	// RefineSteps bounds phase 3: when phase 2 ends above the target,
	// Levenberg–Marquardt steps on ‖∇L‖² with the exact Hessian (see
	// refineCritical); 0 turns it off.
	RefineSteps int `json:"refine_steps"`
	// RelTol: eigenvalues with |λ| <= rel_tol·max|λ| count as zero.
	RelTol float64 `json:"rel_tol"`
}

// Experiment is the min-ratio experiment.
func Experiment() runner.Experiment {
	// 1-4-8-1 tanh: 57 parameters, as weight-pca's network. Phase 1 is
	// full-batch Adam: it gets much closer to a critical point than
	// mini-batches in the same time.
	base := Config{
		Runs: 100, Hidden: []int{4, 8}, Activation: "tanh", Points: 100,
		Epochs: 5000, BatchSize: 0, LR: 0.01,
		GradNormLR: 1e-3, GradNormSteps: 1000, GradNormTarget: 1e-4, RefineSteps: 100, RelTol: 1e-6,
	}
	smoke, quick, full := base, base, base
	smoke.Runs, smoke.Points, smoke.Epochs, smoke.GradNormSteps, smoke.RefineSteps = 3, 30, 100, 50, 5
	quick.Runs, quick.Epochs, quick.GradNormSteps, quick.RefineSteps = 20, 2000, 500, 50
	return runner.Define(runner.Definition[Config]{
		Name:     results.MinRatio,
		Cost:     catalog.Cost{Class: catalog.ClassSmall, Seconds: catalog.Times(2, 20, 77), SeedShare: 0.91}, // reference machine: smoke, quick, full
		Profiles: map[string]Config{"smoke": smoke, "quick": quick, "full": full},
		Run:      runMinRatio,
		Check:    checkMinRatio,
	})
}

func (c *Config) check() error {
	switch {
	case c.Runs < 1:
		return fmt.Errorf("min-ratio: runs = %d, want at least 1", c.Runs)
	case c.Points < 1 || c.Epochs < 0 || c.GradNormSteps < 0:
		return fmt.Errorf("min-ratio: points = %d, epochs = %d, grad_norm_steps = %d: want points >= 1 and no negative counts",
			c.Points, c.Epochs, c.GradNormSteps)
	case !(c.GradNormTarget > 0) || !(c.RelTol >= 0):
		return fmt.Errorf("min-ratio: grad_norm_target = %g must be positive and rel_tol = %g not negative", c.GradNormTarget, c.RelTol)
	}
	return nil
}

func runMinRatio(env *runner.Env, cfg *Config) error {
	nParams, err := minRatioSpec(cfg, 0, env.Session).NumParams()
	if err != nil {
		return fmt.Errorf("min-ratio: %w", err)
	}
	env.Note("eigenvalues with |λ| <= %g·max|λ| (tolerance) count as zero (near_zero) and neither positive nor negative; min_ratio = share of all eigenvalues above the tolerance, min_ratio_clear = share of positive ones among those outside it", cfg.RelTol)
	env.Note("the tolerance is checked against the Hessian's numerical error: hessian_error = ‖H - H_fd‖_F with H_fd central differences (step %g) of exact float64 gradients; by Weyl's inequality no eigenvalue moves by more than that, so an eigenvalue outside a tolerance above hessian_error has a reliable sign", hessianFDStep)
	env.Note("phase 1 trains the %d-parameter network on the loss for %d epochs; phase 2 minimises ‖∇L‖² over all %d points with Adam (lr %g, moments reset each run) until ‖∇L‖ <= %g or %d steps; "+
		"phase 3, if still above, takes up to %d Levenberg–Marquardt steps on ‖∇L‖² with the exact Hessian; reached says whether the final ‖∇L‖ is within the target; "+
		"the Hessian is exact (float64, second derivatives by TensorFlow) over all points, and a point with negative eigenvalues is a saddle, reported as it is",
		nParams, cfg.Epochs, cfg.Points, cfg.GradNormLR, cfg.GradNormTarget, cfg.GradNormSteps, cfg.RefineSteps)
	keys := make([]string, cfg.Runs)
	for run := range keys {
		keys[run] = strconv.Itoa(run)
	}
	// Each run's small model runs on one thread: runs go side by side.
	return env.SweepSideBySide(results.MinRatioPoints, keys, func() (runner.SweepWorker, error) {
		w, err := NewCriticalSearch(env, cfg)
		if err != nil {
			return nil, err
		}
		return &minRatioWorker{CriticalSearch: w, env: env, cfg: cfg}, nil
	})
}

// minRatioWorker runs min-ratio's runs one after the other on a model of
// its own.
type minRatioWorker struct {
	*CriticalSearch
	env *runner.Env
	cfg *Config
}

// Run finds the critical point of run number run and returns its row.
func (w *minRatioWorker) Run(run int) (results.Row, error) {
	if err := w.Search(w.env, w.cfg, run); err != nil {
		return nil, err
	}
	p, err := w.measure(w.cfg.RelTol)
	if err != nil {
		return nil, fmt.Errorf("min-ratio run %d: %w", run, err)
	}
	w.env.Log.Info("critical point", results.ColRun, run, results.ColLoss, p.loss, results.ColGradNorm, p.gradNorm,
		results.ColSteps, w.steps, results.ColRefineSteps, w.refineSteps, results.ColMinRatio, p.spec.MinRatio, results.ColNearZero, p.spec.NearZero)
	return results.Row{results.ColRun: run, results.ColLoss: p.loss, results.ColGradNorm: p.gradNorm, results.ColMinRatio: p.spec.MinRatio,
		results.ColMinEigenvalue: p.spec.Min, results.ColMaxEigenvalue: p.spec.Max, results.ColNearZero: p.spec.NearZero,
		results.ColSteps: w.steps, results.ColRefineSteps: w.refineSteps, results.ColReached: p.gradNorm <= w.cfg.GradNormTarget,
		results.ColMinRatioClear: p.spec.ClearRatio, results.ColTolerance: p.spec.Tol, results.ColHessianError: p.hessianError}, nil
}

// CriticalSearch finds critical points of the min-ratio network, one run
// after the other on one model: building the second-order graph and its
// first runs costs a tenth of a second or more, more than a small run's
// steps, so each run resets the parameters and the optimizer instead of
// building a model.
type CriticalSearch struct {
	Model *graphs.Model
	Train *graphs.Dataset
	All   []int32 // every training example
	steps int     // phase-2 steps of the last run
	// refineSteps are the phase-3 steps of the last run.
	refineSteps int
}

// minRatioSpec is the float64 network of min-ratio.
func minRatioSpec(cfg *Config, seed int64, s graphs.SessionConfig) graphs.Spec {
	spec := models.FitSpec(models.FitModel{Hidden: cfg.Hidden}, cfg.Activation, graphs.InitTorch, cfg.LR, seed, s)
	spec.Float64 = true
	return spec
}

// NewCriticalSearch builds the model and loads cfg.Points sinc points.
func NewCriticalSearch(env *runner.Env, cfg *Config) (*CriticalSearch, error) {
	model, err := graphs.New(minRatioSpec(cfg, 0, env.Session))
	if err != nil {
		return nil, fmt.Errorf("min-ratio: %w", err)
	}
	train := models.Curve(data.Sinc, cfg.Points)
	w := &CriticalSearch{Model: model, All: criticalAllExamples(train.N)}
	if w.Train, err = model.Load(train); err != nil {
		model.Close()
		return nil, fmt.Errorf("min-ratio: load data: %w", err)
	}
	return w, nil
}

func (w *CriticalSearch) Close() error { return w.Model.Close() }

// Search carries out both phases of run number run from its initial
// parameters, with fresh optimizer moments.
func (w *CriticalSearch) Search(env *runner.Env, cfg *Config, run int) error {
	name := results.MinRatio + "/run" + strconv.Itoa(run)
	w.steps, w.refineSteps = 0, 0
	p0, err := minRatioSpec(cfg, runner.SubSeed(env.Seed, results.MinRatio, "run", strconv.Itoa(run)), env.Session).InitialParams()
	if err != nil {
		return fmt.Errorf("%s: initial parameters: %w", name, err)
	}
	if err := w.Model.SetParams(p0); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := w.Model.ResetOptimizer(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := w.Model.SetLearningRate(cfg.LR); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if cfg.Epochs > 0 {
		if _, err := env.Fit(runner.Fit{Name: name, Model: w.Model, Train: w.Train, Epochs: cfg.Epochs, BatchSize: cfg.BatchSize,
			Seed: uint64(runner.SubSeed(env.Seed, results.MinRatio, "run", strconv.Itoa(run), "shuffle")), EvalEvery: cfg.Epochs}); err != nil {
			return err
		}
	}
	if err := w.Model.SetLearningRate(cfg.GradNormLR); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for w.steps < cfg.GradNormSteps {
		if w.steps%100 == 0 {
			if err := env.Canceled(); err != nil {
				return err
			}
		}
		sq, err := w.Model.TrainGradNormStep(w.Train, w.All)
		if err != nil {
			return fmt.Errorf("%s: gradient-norm step %d: %w", name, w.steps+1, err)
		}
		if math.IsNaN(sq) || math.IsInf(sq, 0) {
			return fmt.Errorf("%s: %w", name, &runner.DivergedError{Epoch: cfg.Epochs, Step: w.steps + 1, Loss: sq})
		}
		w.steps++
		// sq is the squared norm before the step; confirm after it.
		if math.Sqrt(sq) <= cfg.GradNormTarget {
			g, err := w.Model.GradNorm(w.Train, w.All)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if g <= cfg.GradNormTarget {
				return nil
			}
		}
	}
	if cfg.RefineSteps > 0 {
		return w.refine(name, cfg)
	}
	return nil
}

// refine is phase 3: Levenberg–Marquardt on ‖∇L‖² from where phase 2
// stopped, if that is above the target.
func (w *CriticalSearch) refine(name string, cfg *Config) error {
	theta, err := w.Model.Params()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	at := func(f func() ([]float64, error)) func([]float64) ([]float64, error) {
		return func(p []float64) ([]float64, error) {
			if err := w.Model.SetParams(p); err != nil {
				return nil, err
			}
			return f()
		}
	}
	grad := at(func() ([]float64, error) { return w.Model.Gradient(w.Train, w.All) })
	hess := at(func() ([]float64, error) { return w.Model.Hessian(w.Train, w.All) })
	res, err := refineCritical(theta, grad, hess, cfg.GradNormTarget, cfg.RefineSteps)
	if err != nil {
		return fmt.Errorf("%s: refine: %w", name, err)
	}
	w.refineSteps = res.Steps
	// The last trial may have been rejected: set the accepted point.
	if err := w.Model.SetParams(res.Theta); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// criticalMeasure is what min-ratio records at a critical point.
type criticalMeasure struct {
	loss, gradNorm float64
	spec           spectrum
	// hessianError is ‖H - H_fd‖_F (hessianFDError): what the tolerance
	// must exceed for the near-zero count to mean flat, not rounding.
	hessianError float64
}

// measure computes the loss, the gradient norm and the spectrum of the
// exact Hessian over all training examples.
func (w *CriticalSearch) measure(relTol float64) (criticalMeasure, error) {
	var m criticalMeasure
	var err error
	if m.loss, err = w.Model.Loss(w.Train, w.All); err != nil {
		return m, err
	}
	if m.gradNorm, err = w.Model.GradNorm(w.Train, w.All); err != nil {
		return m, err
	}
	h, err := w.Model.Hessian(w.Train, w.All)
	if err != nil {
		return m, err
	}
	eigs, err := EigenvaluesSym(h, w.Model.NumParams())
	if err != nil {
		return m, fmt.Errorf("exact Hessian: %w", err)
	}
	m.spec = classify(eigs, relTol)
	theta, err := w.Model.Params()
	if err != nil {
		return m, err
	}
	if m.hessianError, err = hessianFDError(w.Model, w.Train, w.All, theta, h); err != nil {
		return m, err
	}
	return m, nil
}

// criticalAllExamples is 0, 1, …, n-1: the indices of every example.
func criticalAllExamples(n int) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	return idx
}

func checkMinRatio(c *Config) error {
	return errors.Join(c.check(), config.Widths("hidden", c.Hidden), config.AtLeast("batch_size", c.BatchSize, 0),
		config.Positive("lr", c.LR), config.Positive("grad_norm_lr", c.GradNormLR), config.AtLeast("refine_steps", c.RefineSteps, 0))
}
