// Package hessianspectrum is the hessian-spectrum experiment (curvature):
// the Hessian's top eigenvalues, trace and spectral density at the trained
// dense models of three other experiments, trained as they train them:
// min-ratio's network at a critical point, interpolation's pair batch and
// sensitivity's batch sizes. It imports their settings and training rather
// than copying them (hessianmeasure.go holds the measurements).
package hessianspectrum

import (
	"errors"
	"fmt"
	"strconv"

	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/interpolation"
	"hw1/runner/minratio"
	"hw1/runner/models"
	"hw1/runner/results"
	"hw1/runner/sensitivity"
)

// hessianSpectrumConfig configures hessian-spectrum: the Hessian's top
// eigenvalues, trace and spectral density at the trained dense models of
// three other experiments, trained as they train them (same specs, seeds
// and settings, at the same profile's scale): min-ratio's 57-parameter
// network at a critical point (its run 0), interpolation's pair batch, and
// sensitivity's batch sizes.
type hessianSpectrumConfig struct {
	// min-ratio's network and search (phases 1-3 of its run 0).
	SincHidden         []int   `json:"sinc_hidden"`
	SincActivation     string  `json:"sinc_activation" set:"tanh|softplus"`
	SincPoints         int     `json:"sinc_points"`
	SincEpochs         int     `json:"sinc_epochs"`
	SincLR             float64 `json:"sinc_lr"`
	SincGradNormLR     float64 `json:"sinc_grad_norm_lr"`
	SincGradNormSteps  int     `json:"sinc_grad_norm_steps"`
	SincGradNormTarget float64 `json:"sinc_grad_norm_target"`
	SincRefineSteps    int     `json:"sinc_refine_steps"`
	// RelTol: at the float64 sinc network, eigenvalues below
	// -rel_tol·max|λ| count as negative (min-ratio's rule);
	// RelTolFloat32 is the same for the float32 MNIST models, whose
	// Hessian-vector products carry float32 rounding.
	RelTol        float64 `json:"rel_tol"`
	RelTolFloat32 float64 `json:"rel_tol_float32"`

	Dataset string `json:"dataset" set:"mnist|fashion-mnist"`
	// interpolation's pair batch.
	PairHidden         []int   `json:"pair_hidden"`
	PairTrainExamples  int     `json:"pair_train_examples"`
	PairEpochs         int     `json:"pair_epochs"`
	PairBatchSize      int     `json:"pair_batch_size"`
	PairLargeBatchSize int     `json:"pair_large_batch_size"`
	PairLR             float64 `json:"pair_lr"`
	// sensitivity's sweep (budget epochs).
	SensHidden        []int   `json:"sens_hidden"`
	BatchSizes        []int   `json:"batch_sizes"`
	SensTrainExamples int     `json:"sens_train_examples"`
	SensEpochs        int     `json:"sens_epochs"`
	SensLR            float64 `json:"sens_lr"`
	SharpEps          float64 `json:"sharp_eps"`
	SharpSteps        int     `json:"sharp_steps"`
	SharpExamples     int     `json:"sharp_examples"`

	// HessianExamples: the MNIST models' Hessian is that of the mean loss
	// over their first n training examples (0: all); the sinc network's
	// is over all its points.
	HessianExamples int `json:"hessian_examples" zero:"all training examples"`
	TopK            int `json:"top_k"`
	LanczosIters    int `json:"lanczos_iters"`
	TraceSamples    int `json:"trace_samples"`
	SLQRuns         int `json:"slq_runs"`
	SLQSteps        int `json:"slq_steps"`
	// DensityPoints is the number of grid points of the density on each
	// side of zero (the grid is geometric in |λ|).
	DensityPoints int `json:"density_points"`
}

// Experiment is the hessian-spectrum experiment.
func Experiment() runner.Experiment {
	profiles := map[string]hessianSpectrumConfig{}
	for _, p := range []string{"smoke", "quick", "full"} {
		mr := runner.ProfileOf[minratio.Config](minratio.Experiment(), p)
		ip := runner.ProfileOf[interpolation.Config](interpolation.Experiment(), p)
		se := runner.ProfileOf[sensitivity.Config](sensitivity.Experiment(), p)
		c := hessianSpectrumConfig{
			SincHidden: mr.Hidden, SincActivation: mr.Activation, SincPoints: mr.Points, SincEpochs: mr.Epochs, SincLR: mr.LR,
			SincGradNormLR: mr.GradNormLR, SincGradNormSteps: mr.GradNormSteps, SincGradNormTarget: mr.GradNormTarget,
			SincRefineSteps: mr.RefineSteps, RelTol: mr.RelTol, RelTolFloat32: 1e-4,
			Dataset:    ip.Dataset,
			PairHidden: ip.Hidden, PairTrainExamples: ip.TrainExamples, PairEpochs: ip.Epochs, PairBatchSize: ip.BatchSize,
			PairLargeBatchSize: ip.LargeBatchSize, PairLR: ip.LR,
			SensHidden: se.Hidden, BatchSizes: se.BatchSizes, SensTrainExamples: se.TrainExamples, SensEpochs: se.Epochs, SensLR: se.LR,
			SharpEps: se.SharpEps, SharpSteps: se.SharpSteps, SharpExamples: se.SharpExamples,
			HessianExamples: 1000, TopK: 12, LanczosIters: 40, TraceSamples: 20, SLQRuns: 3, SLQSteps: 30, DensityPoints: 120,
		}
		switch p {
		case "smoke":
			c.HessianExamples, c.TopK, c.LanczosIters, c.TraceSamples, c.SLQRuns, c.SLQSteps, c.DensityPoints = 200, 5, 30, 4, 2, 10, 40
		case "full":
			// 5,000 examples and 5 SLQ runs: with 10,000 and 10 the two
			// 269,322-parameter models of the interpolation pair took some
			// 8 minutes each; 5 runs of 80 steps are still more than
			// PyHessian's one run of 100, and the top eigenvalues of 5,000
			// examples' loss are those of a sample of the same distribution.
			c.HessianExamples, c.TopK, c.LanczosIters, c.TraceSamples, c.SLQRuns, c.SLQSteps = 5000, 20, 80, 100, 5, 80
		}
		profiles[p] = c
	}
	return runner.Define(runner.Definition[hessianSpectrumConfig]{
		Name:     results.HessianSpectrum,
		Cost:     catalog.Cost{Class: catalog.ClassMLP, Seconds: catalog.Times(6, 36, 418), SeedShare: 0.53}, // reference machine: smoke, quick, full
		Profiles: profiles,
		Run:      runHessianSpectrum,
		Check:    checkHessianSpectrum,
		Datasets: func(c *hessianSpectrumConfig) []string { return []string{c.Dataset} },
	})
}

func checkHessianSpectrum(c *hessianSpectrumConfig) error {
	var errs []error
	for _, bs := range c.BatchSizes {
		errs = append(errs, config.AtLeast("batch_sizes", bs, 1))
	}
	return errors.Join(append(errs,
		config.Widths("sinc_hidden", c.SincHidden), config.Widths("pair_hidden", c.PairHidden), config.Widths("sens_hidden", c.SensHidden),
		config.AtLeast("sinc_points", c.SincPoints, 1), config.AtLeast("sinc_epochs", c.SincEpochs, 0), config.AtLeast("sinc_grad_norm_steps", c.SincGradNormSteps, 0),
		config.AtLeast("sinc_refine_steps", c.SincRefineSteps, 0), config.Positive("sinc_lr", c.SincLR), config.Positive("sinc_grad_norm_lr", c.SincGradNormLR),
		config.Positive("sinc_grad_norm_target", c.SincGradNormTarget), config.Positive("rel_tol", c.RelTol), config.Positive("rel_tol_float32", c.RelTolFloat32),
		config.AtLeast("pair_train_examples", c.PairTrainExamples, 0), config.AtLeast("pair_epochs", c.PairEpochs, 1),
		config.AtLeast("pair_batch_size", c.PairBatchSize, 1), config.AtLeast("pair_large_batch_size", c.PairLargeBatchSize, 1), config.Positive("pair_lr", c.PairLR),
		config.AtLeast("sens_train_examples", c.SensTrainExamples, 0), config.AtLeast("sens_epochs", c.SensEpochs, 1), config.Positive("sens_lr", c.SensLR),
		config.Positive("sharp_eps", c.SharpEps), config.AtLeast("sharp_steps", c.SharpSteps, 1), config.AtLeast("sharp_examples", c.SharpExamples, 0),
		config.AtLeast("hessian_examples", c.HessianExamples, 0), config.AtLeast("top_k", c.TopK, 1), config.AtLeast("lanczos_iters", c.LanczosIters, c.TopK),
		config.AtLeast("trace_samples", c.TraceSamples, 2), config.AtLeast("slq_runs", c.SLQRuns, 1), config.AtLeast("slq_steps", c.SLQSteps, 1),
		config.AtLeast("density_points", c.DensityPoints, 2))...)
}

func runHessianSpectrum(env *runner.Env, cfg *hessianSpectrumConfig) error {
	out := newSpectrumTables(cfg.DensityPoints)
	env.Note("Lanczos (full reorthogonalisation, %d steps) for the top %d eigenvalues, Hutchinson (%d Rademacher samples) for the trace, stochastic Lanczos quadrature (%d runs of %d steps) for the density, all on exact Hessian-vector products; the density is smoothed by a Gaussian of σ² = 1e-5·max(1, λmax - λmin) (PyHessian) and tabulated on a grid geometric in |λ| on both sides of 0",
		cfg.LanczosIters, cfg.TopK, cfg.TraceSamples, cfg.SLQRuns, cfg.SLQSteps)
	if err := spectrumSinc(env, cfg, out); err != nil {
		return err
	}
	if err := spectrumPair(env, cfg, out); err != nil {
		return err
	}
	return spectrumSensitivity(env, cfg, out)
}

// spectrumSinc measures min-ratio's network at the critical point of its
// run 0, by Lanczos and from the exact Hessian.
func spectrumSinc(env *runner.Env, cfg *hessianSpectrumConfig, out *spectrumTables) error {
	mr := &minratio.Config{Runs: 1, Hidden: cfg.SincHidden, Activation: cfg.SincActivation, Points: cfg.SincPoints,
		Epochs: cfg.SincEpochs, LR: cfg.SincLR, GradNormLR: cfg.SincGradNormLR, GradNormSteps: cfg.SincGradNormSteps,
		GradNormTarget: cfg.SincGradNormTarget, RefineSteps: cfg.SincRefineSteps, RelTol: cfg.RelTol}
	w, err := minratio.NewCriticalSearch(env, mr)
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Search(env, mr, 0); err != nil {
		return err
	}
	t := spectrumTarget{name: spectrumSincModel, family: results.MinRatio, batchSize: cfg.SincPoints,
		model: w.Model, ds: w.Train, idx: w.All, relTol: cfg.RelTol, exact: true}
	env.Note("model %s: min-ratio's %d-parameter network at the critical point of its run 0 (same seed and phases), Hessian over all %d points; also the exact Hessian's eigenvalues (method exact)",
		t.name, w.Model.NumParams(), cfg.SincPoints)
	return out.measure(env, cfg, t)
}

// spectrumSincModel is the sinc network's name in the tables.
const spectrumSincModel = "sinc"

// spectrumPair measures interpolation's pair batch: the same two models
// interpolation trains (its TrainEndpoint, seeds and settings).
func spectrumPair(env *runner.Env, cfg *hessianSpectrumConfig, out *spectrumTables) error {
	train, _, err := env.Images(cfg.Dataset, cfg.PairTrainExamples, 0)
	if err != nil {
		return err
	}
	ic := &interpolation.Config{Dataset: cfg.Dataset, Hidden: cfg.PairHidden, TrainExamples: cfg.PairTrainExamples,
		Epochs: cfg.PairEpochs, BatchSize: cfg.PairBatchSize, LargeBatchSize: cfg.PairLargeBatchSize, LR: cfg.PairLR}
	seed := interpolation.InitSeed(env.Seed)
	hess := models.Head(train, cfg.HessianExamples)
	eval, err := models.NewClassifier(results.HessianSpectrum+"/pair", models.MLPSpec(cfg.PairHidden, cfg.PairLR, seed, env.Session), hess, nil)
	if err != nil {
		return err
	}
	defer eval.Close()
	for _, bs := range []int{cfg.PairBatchSize, cfg.PairLargeBatchSize} {
		s := interpolation.TrainSetting{BatchSize: bs, LR: cfg.PairLR}
		theta, _, err := interpolation.TrainEndpoint(env, ic, s, seed, train, nil)
		if err != nil {
			return err
		}
		if err := eval.Model.SetParams(theta); err != nil {
			return fmt.Errorf("%s: %s: %w", results.HessianSpectrum, s, err)
		}
		t := spectrumTarget{name: "pair-" + s.String(), family: results.Interpolation, batchSize: bs,
			model: eval.Model, ds: eval.Train, idx: models.FirstN(0, hess.N), relTol: cfg.RelTolFloat32,
			sharpIdx: models.FirstN(cfg.SharpExamples, hess.N)}
		if err := out.measure(env, cfg, t); err != nil {
			return err
		}
	}
	env.Note("models pair-*: interpolation's pair batch (hidden %v, %d epochs on the first %d training examples, same seeds); Hessian and sharpness over the first %d of them",
		cfg.PairHidden, cfg.PairEpochs, train.N, hess.N)
	return nil
}

// spectrumSensitivity measures sensitivity's models, one per batch size,
// trained as sensitivity trains them (sensitivity.Train).
func spectrumSensitivity(env *runner.Env, cfg *hessianSpectrumConfig, out *spectrumTables) error {
	train, _, err := env.Images(cfg.Dataset, cfg.SensTrainExamples, 0)
	if err != nil {
		return err
	}
	sc := &sensitivity.Config{Dataset: cfg.Dataset, Hidden: cfg.SensHidden, BatchSizes: cfg.BatchSizes, TrainExamples: cfg.SensTrainExamples,
		LR: cfg.SensLR, Budget: sensitivity.BudgetEpochs, Epochs: cfg.SensEpochs}
	seed := sensitivity.InitSeed(env.Seed)
	hess := min(cfg.HessianExamples, train.N)
	if hess <= 0 {
		hess = train.N
	}
	for _, bs := range cfg.BatchSizes {
		if err := env.Canceled(); err != nil {
			return err
		}
		c, _, err := sensitivity.Train(env, sc, bs, seed, train, nil)
		if err != nil {
			return err
		}
		t := spectrumTarget{name: "sens-bs" + strconv.Itoa(bs), family: results.Sensitivity, batchSize: bs,
			model: c.Model, ds: c.Train, idx: models.FirstN(hess, train.N), relTol: cfg.RelTolFloat32,
			sharpIdx: models.FirstN(cfg.SharpExamples, train.N)}
		err = out.measure(env, cfg, t)
		c.Close()
		if err != nil {
			return err
		}
	}
	env.Note("models sens-bs*: sensitivity's sweep (hidden %v, %d epochs on the first %d training examples, same seeds); Hessian over the first %d of them, sharpness as sensitivity measures it (eps %g, %d steps, first %d examples)",
		cfg.SensHidden, cfg.SensEpochs, train.N, hess, cfg.SharpEps, cfg.SharpSteps, min(cfg.SharpExamples, train.N))
	return nil
}
