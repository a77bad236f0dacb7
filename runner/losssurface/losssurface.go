// Package losssurface is the loss-surface experiment (visualisation): the
// loss around trained models on a filter-normalised random plane (Li et
// al. 2018) and on the plane of their training trajectory's principal
// components (surfacegrid.go). Its models are weight-pca's sinc run and
// interpolation's pair batch, trained with the settings it imports from
// them.
package losssurface

import (
	"errors"
	"fmt"
	"strconv"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/data"
	"hw1/runner/interpolation"
	"hw1/runner/models"
	"hw1/runner/results"
	"hw1/runner/weightpca"
)

// lossSurfaceConfig configures loss-surface: the loss around a trained
// point on the plane of two random filter-normalised directions (Li et
// al. 2018) and on the plane of the training trajectory's first two
// principal components (their section 7), for weight-pca's 57-parameter
// sinc network (its run 0) and interpolation's MNIST network trained with
// a small and a large batch, each trained as those experiments train it.
type lossSurfaceConfig struct {
	// weight-pca's task sinc.
	SincHidden     []int   `json:"sinc_hidden"`
	SincActivation string  `json:"sinc_activation" set:"relu|tanh|selu|softplus"`
	SincPoints     int     `json:"sinc_points"`
	SincEpochs     int     `json:"sinc_epochs"`
	SincBatchSize  int     `json:"sinc_batch_size"`
	SincLR         float64 `json:"sinc_lr"`
	// interpolation's pair batch.
	Dataset        string  `json:"dataset" set:"mnist|fashion-mnist"`
	Hidden         []int   `json:"hidden"`
	TrainExamples  int     `json:"train_examples"`
	Epochs         int     `json:"epochs"`
	BatchSize      int     `json:"batch_size"`
	LargeBatchSize int     `json:"large_batch_size"`
	LR             float64 `json:"lr"`
	// SurfaceExamples: the MNIST surfaces and trajectory losses are the
	// mean loss over the first n training examples (0: all); the sinc
	// network's over all its points.
	SurfaceExamples int `json:"surface_examples" zero:"all training examples"`
	// GridPoints per side of the random plane, a, b in [-1, 1]; odd, so
	// that 0 is on the grid.
	GridPoints int `json:"grid_points"`
	// PlanePoints per side of the principal-component plane, which spans
	// the trajectory's range widened by PlaneMargin of it on each side.
	PlanePoints int     `json:"plane_points"`
	PlaneMargin float64 `json:"plane_margin"`
}

// Experiment is the loss-surface experiment.
func Experiment() runner.Experiment {
	profiles := map[string]lossSurfaceConfig{}
	for _, p := range []string{"smoke", "quick", "full"} {
		wp := runner.ProfileOf[weightpca.Config](weightpca.Experiment(), p)
		ip := runner.ProfileOf[interpolation.Config](interpolation.Experiment(), p)
		c := lossSurfaceConfig{
			SincHidden: wp.SincHidden, SincActivation: wp.SincActivation, SincPoints: wp.SincPoints, SincEpochs: wp.SincEpochs,
			SincBatchSize: wp.SincBatchSize, SincLR: wp.LR,
			Dataset: ip.Dataset, Hidden: ip.Hidden, TrainExamples: ip.TrainExamples, Epochs: ip.Epochs,
			BatchSize: ip.BatchSize, LargeBatchSize: ip.LargeBatchSize, LR: ip.LR,
			SurfaceExamples: 1000, GridPoints: 25, PlanePoints: 15, PlaneMargin: 0.25,
		}
		switch p {
		case "smoke":
			c.SurfaceExamples, c.GridPoints, c.PlanePoints = 200, 7, 5
		case "full":
			c.SurfaceExamples, c.GridPoints, c.PlanePoints = 10000, 51, 31
		}
		profiles[p] = c
	}
	return runner.Define(runner.Definition[lossSurfaceConfig]{
		Name:     results.LossSurface,
		Cost:     catalog.Cost{Class: catalog.ClassMLP, Seconds: catalog.Times(1, 15, 354), SeedShare: 0.57}, // reference machine: smoke, quick, full
		Profiles: profiles,
		Run:      runLossSurface,
		Check:    checkLossSurface,
		Datasets: func(c *lossSurfaceConfig) []string { return []string{c.Dataset} },
	})
}

func checkLossSurface(c *lossSurfaceConfig) error {
	var odd error
	if c.GridPoints%2 == 0 {
		odd = fmt.Errorf("grid_points = %d, want an odd number (so that a = b = 0 is on the grid)", c.GridPoints)
	}
	return errors.Join(odd, config.Widths("sinc_hidden", c.SincHidden), config.Widths("hidden", c.Hidden),
		config.AtLeast("sinc_points", c.SincPoints, 1), config.AtLeast("sinc_epochs", c.SincEpochs, 1), config.AtLeast("sinc_batch_size", c.SincBatchSize, 0),
		config.Positive("sinc_lr", c.SincLR), config.AtLeast("train_examples", c.TrainExamples, 0), config.AtLeast("epochs", c.Epochs, 1),
		config.AtLeast("batch_size", c.BatchSize, 1), config.AtLeast("large_batch_size", c.LargeBatchSize, 1), config.Positive("lr", c.LR),
		config.AtLeast("surface_examples", c.SurfaceExamples, 0), config.AtLeast("grid_points", c.GridPoints, 3), config.AtLeast("plane_points", c.PlanePoints, 2),
		config.Positive("plane_margin", c.PlaneMargin))
}

// surfaceModel is one model of loss-surface: how to build and train it.
type surfaceModel struct {
	name      string
	spec      graphs.Spec
	train     graphs.Data // trained on
	surface   graphs.Data // the surface's examples; N = 0: train
	epochs    int
	batchSize int
	shuffle   uint64
}

func runLossSurface(env *runner.Env, cfg *lossSurfaceConfig) error {
	sincSeed := weightpca.RunSeed(env.Seed, 0)
	nets := []surfaceModel{{
		name:  surfaceSincModel,
		spec:  models.FitSpec(models.FitModel{Hidden: cfg.SincHidden}, cfg.SincActivation, graphs.InitTorch, cfg.SincLR, sincSeed, env.Session),
		train: models.Curve(data.Sinc, cfg.SincPoints), epochs: cfg.SincEpochs, batchSize: cfg.SincBatchSize,
		shuffle: weightpca.ShuffleSeed(env.Seed, 0),
	}}
	train, _, err := env.Images(cfg.Dataset, cfg.TrainExamples, 0)
	if err != nil {
		return err
	}
	surf := models.Head(train, cfg.SurfaceExamples)
	initSeed := interpolation.InitSeed(env.Seed)
	for _, bs := range []int{cfg.BatchSize, cfg.LargeBatchSize} {
		nets = append(nets, surfaceModel{
			name: "mnist-bs" + strconv.Itoa(bs), spec: models.MLPSpec(cfg.Hidden, cfg.LR, initSeed, env.Session),
			train: models.ImageData(train), surface: models.ImageData(surf), epochs: cfg.Epochs, batchSize: bs,
			shuffle: interpolation.ShuffleSeed(env.Seed),
		})
	}
	env.Note("model %s: weight-pca's task sinc, run 0 (same seed: %v hidden, %s, %d epochs, batch %d); surface over all %d points",
		surfaceSincModel, cfg.SincHidden, cfg.SincActivation, cfg.SincEpochs, cfg.SincBatchSize, cfg.SincPoints)
	env.Note("models mnist-bs*: interpolation's pair batch (same seeds: hidden %v, Adam lr %g, %d epochs on the first %d training examples of %s); surfaces and trajectory losses over the first %d of them",
		cfg.Hidden, cfg.LR, cfg.Epochs, train.N, cfg.Dataset, surf.N)
	env.Note("plane random: θ* + a·δ + b·η, δ and η Gaussian directions from the same two seeds for every model, filter-normalised to θ* (Li et al. 2018), biases 0; a, b on %d evenly spaced values of [-1, 1]", cfg.GridPoints)
	env.Note("plane pca: θ* + a·u1 + b·u2 with u1, u2 the unit first two principal components of the snapshots θ_t (epochs 0 to the last, centred); the trajectory is (θ_t - θ*)·u; %d by %d points over its range widened by %g of it on each side",
		cfg.PlanePoints, cfg.PlanePoints, cfg.PlaneMargin)

	out := newSurfaceTables()
	for _, m := range nets {
		if err := env.Canceled(); err != nil {
			return err
		}
		if err := surfaceOf(env, cfg, m, out); err != nil {
			return err
		}
		if err := out.write(env); err != nil {
			return err
		}
	}
	return nil
}

// surfaceSincModel is the sinc network's name in the tables.
const surfaceSincModel = "sinc"
