// Package weightpca is the weight-pca experiment (optimization): the
// weights of several training runs, snapshot every few epochs, projected
// on their first two principal components. loss-surface trains its sinc
// run 0 again through Config, RunSeed and ShuffleSeed.
package weightpca

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/data"
	"hw1/runner/models"
	"hw1/runner/pca"
	"hw1/runner/results"
)

// Config configures weight-pca. The task picks the network and its
// data: the homework report's 1-4-8-1 network fitting sinc, or the original
// assignment's fully connected network on MNIST; each has its own size,
// epochs, batch size and snapshot interval, so `--set task=mnist` alone
// switches to a sensible run.
type Config struct {
	Task string  `json:"task" set:"sinc|mnist"`
	Runs int     `json:"runs"`
	LR   float64 `json:"lr"`
	// Layer is the layer (counted from 1 over the layers with parameters)
	// whose weights get their own projection; 2 is the report's choice.
	Layer int `json:"layer"`

	SincHidden     []int  `json:"sinc_hidden"`
	SincActivation string `json:"sinc_activation" set:"relu|tanh|selu|softplus"`
	SincPoints     int    `json:"sinc_points"`
	SincEpochs     int    `json:"sinc_epochs"`
	SincBatchSize  int    `json:"sinc_batch_size"`
	SincEvery      int    `json:"sinc_every"` // snapshot every k epochs

	MNISTHidden        []int `json:"mnist_hidden"`
	MNISTTrainExamples int   `json:"mnist_train_examples" zero:"all 60,000"` // 0: all 60,000
	MNISTEpochs        int   `json:"mnist_epochs"`
	MNISTBatchSize     int   `json:"mnist_batch_size"`
	MNISTEvery         int   `json:"mnist_every"` // snapshot every k epochs
}

// Experiment is the weight-pca experiment.
func Experiment() runner.Experiment {
	base := Config{
		Task: "sinc", Runs: 8, LR: 0.001, Layer: 2,
		// 1-4-8-1: 1·4+4 + 4·8+8 + 8·1+1 = 57 parameters, as in the report.
		SincHidden: []int{4, 8}, SincActivation: "relu", SincPoints: 1000,
		SincEpochs: 30, SincBatchSize: 10, SincEvery: 3,
		// 784-64-32-10: 52,650 parameters; the second layer has 2,080.
		MNISTHidden: []int{64, 32}, MNISTEpochs: 24, MNISTBatchSize: 100, MNISTEvery: 3,
	}
	smoke, quick, full := base, base, base
	smoke.Runs, smoke.SincPoints, smoke.SincEpochs, smoke.SincEvery = 3, 100, 4, 2
	smoke.MNISTHidden, smoke.MNISTTrainExamples, smoke.MNISTEpochs, smoke.MNISTEvery = []int{16, 8}, 500, 2, 1
	quick.MNISTTrainExamples, quick.MNISTEpochs = 6000, 12
	return runner.Define(runner.Definition[Config]{
		Name:     results.WeightPCA,
		Cost:     catalog.Cost{Class: catalog.ClassSmall, Seconds: catalog.Times(1, 3, 5), SeedShare: 0.91}, // reference machine: smoke, quick, full
		Profiles: map[string]Config{"smoke": smoke, "quick": quick, "full": full},
		Run:      runWeightPCA,
		Check:    checkWeightPCA,
		Datasets: func(c *Config) []string {
			if c.Task == "mnist" {
				return []string{runner.MNIST}
			}
			return nil
		},
	})
}

// pcaTask is the network and data of one weight-pca task.
type pcaTask struct {
	spec          func(seed int64) graphs.Spec
	train         graphs.Data
	epochs, batch int
	every         int
	classifier    bool // has accuracy
	// small: the network runs on one thread (graphs.Model), so that runs
	// go side by side.
	small bool
}

// newPCATask resolves cfg's task.
func newPCATask(env *runner.Env, cfg *Config) (pcaTask, error) {
	switch cfg.Task {
	case "sinc":
		m := models.FitModel{Name: "sinc", Hidden: cfg.SincHidden}
		return pcaTask{
			spec: func(seed int64) graphs.Spec {
				return models.FitSpec(m, cfg.SincActivation, graphs.InitTorch, cfg.LR, seed, env.Session)
			},
			train: models.Curve(data.Sinc, cfg.SincPoints), epochs: cfg.SincEpochs, batch: cfg.SincBatchSize, every: cfg.SincEvery,
			small: true,
		}, nil
	case "mnist":
		train, _, err := env.Images(runner.MNIST, cfg.MNISTTrainExamples, 0)
		if err != nil {
			return pcaTask{}, err
		}
		env.Note("trained on the first %d MNIST training examples; loss and accuracy of each snapshot are over them", train.N)
		return pcaTask{
			spec: func(seed int64) graphs.Spec {
				return models.MLPSpec(cfg.MNISTHidden, cfg.LR, seed, env.Session)
			},
			train: models.ImageData(train), epochs: cfg.MNISTEpochs, batch: cfg.MNISTBatchSize, every: cfg.MNISTEvery,
			classifier: true,
		}, nil
	}
	return pcaTask{}, fmt.Errorf("weight-pca: unknown task %q (valid: sinc, mnist)", cfg.Task)
}

// weightSnapshot is the model's weights at the end of one epoch (0: the
// initial weights) of one run.
type weightSnapshot struct {
	run, epoch int
	loss, acc  float64
	model      []float64 // all parameters
	layer      []float64 // the chosen layer's parameters
}

func runWeightPCA(env *runner.Env, cfg *Config) error {
	task, err := newPCATask(env, cfg)
	if err != nil {
		return err
	}
	counts, err := task.spec(0).ParamCounts()
	if err != nil {
		return fmt.Errorf("weight-pca: %w", err)
	}
	if cfg.Layer < 1 || cfg.Layer > len(counts) {
		return fmt.Errorf("weight-pca: layer = %d, but the %s network has %d layers with parameters: set layer between 1 and %d",
			cfg.Layer, cfg.Task, len(counts), len(counts))
	}
	layerName := counts[cfg.Layer-1].Name

	perRun := make([][]weightSnapshot, cfg.Runs)
	err = env.SideBySide(cfg.Runs, task.small, func(run int) error {
		var err error
		perRun[run], err = weightPCARun(env, task, run, cfg.Layer-1)
		return err
	})
	if err != nil {
		return err
	}
	snaps := slices.Concat(perRun...)

	t := results.WeightPCASnapshots.New(task.classifier)
	for _, scope := range []string{results.ScopeModel, layerName} {
		rows := make([][]float64, len(snaps))
		for i, s := range snaps {
			rows[i] = s.model
			if scope != results.ScopeModel {
				rows[i] = s.layer
			}
		}
		p, err := pca.Project(rows)
		if err != nil {
			return fmt.Errorf("weight-pca: scope %s: %w", scope, err)
		}
		env.Note("scope %s: %d snapshots of %d weights each; PC 1 and PC 2 explain %.1f%% and %.1f%% of their variance",
			scope, len(rows), len(rows[0]), 100*p.Explained[0], 100*p.Explained[1])
		for i, s := range snaps {
			row := results.Row{results.ColRun: s.run, results.ColEpoch: s.epoch, results.ColLoss: s.loss, results.ColScope: scope,
				results.ColPC1: p.Points[i][0], results.ColPC2: p.Points[i][1]}
			if task.classifier {
				row[results.ColAcc] = s.acc
			}
			if err := results.WeightPCASnapshots.Append(t, row); err != nil {
				return err
			}
		}
	}
	env.Note("all runs' snapshots are projected together (one PCA per scope), so the runs share the axes; epoch 0 is the initial weights")
	return env.WriteTable(results.WeightPCASnapshots, t)
}

// weightPCARun trains one run and returns its snapshots: the initial
// weights and those after every task.every-th epoch and the last.
func weightPCARun(env *runner.Env, task pcaTask, run, layer int) ([]weightSnapshot, error) {
	name := results.WeightPCA + "/run" + strconv.Itoa(run)
	model, err := graphs.New(task.spec(RunSeed(env.Seed, run)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer model.Close()
	ds, err := model.Load(task.train)
	if err != nil {
		return nil, fmt.Errorf("%s: load data: %w", name, err)
	}
	var snaps []weightSnapshot
	take := func(epoch int, m graphs.Metrics) error {
		// One read of the parameters: the whole model is its layers in order.
		layers, err := model.LayerParams()
		if err != nil {
			return fmt.Errorf("%s: epoch %d: %w", name, epoch, err)
		}
		var all []float64
		for _, l := range layers {
			all = append(all, l.Values...)
		}
		snaps = append(snaps, weightSnapshot{run: run, epoch: epoch, loss: m.Loss, acc: m.Accuracy, model: all, layer: layers[layer].Values})
		return nil
	}
	m0, err := model.Evaluate(ds, runner.EvalBatch)
	if err != nil {
		return nil, fmt.Errorf("%s: evaluate the initial weights: %w", name, err)
	}
	if err := take(0, m0); err != nil {
		return nil, err
	}
	_, err = env.Fit(runner.Fit{Name: name, Model: model, Train: ds, Epochs: task.epochs, BatchSize: task.batch,
		Seed:      ShuffleSeed(env.Seed, run),
		EvalEvery: task.every, EvalTrain: true,
		Hooks: []runner.Hook{runner.OnEpoch("snapshots", func(e runner.Epoch) error { return take(e.Epoch, e.Train) })}})
	if err != nil {
		return nil, err
	}
	return snaps, nil
}

// RunSeed is the seed of run's initial parameters under the run's seed;
// loss-surface trains the sinc task's run 0 again from it.
func RunSeed(seed int64, run int) int64 {
	return runner.SubSeed(seed, results.WeightPCA, "run", strconv.Itoa(run))
}

// ShuffleSeed is the seed of run's shuffling order under the run's seed.
func ShuffleSeed(seed int64, run int) uint64 {
	return uint64(runner.SubSeed(seed, results.WeightPCA, "run", strconv.Itoa(run), "shuffle"))
}

func checkWeightPCA(c *Config) error {
	errs := []error{config.AtLeast("runs", c.Runs, 1), config.Positive("lr", c.LR), config.AtLeast("layer", c.Layer, 1)}
	if c.Task == "mnist" {
		errs = append(errs, config.Widths("mnist_hidden", c.MNISTHidden), config.AtLeast("mnist_train_examples", c.MNISTTrainExamples, 0),
			config.AtLeast("mnist_epochs", c.MNISTEpochs, 1), config.AtLeast("mnist_batch_size", c.MNISTBatchSize, 0), config.AtLeast("mnist_every (the snapshot interval)", c.MNISTEvery, 1))
	} else {
		errs = append(errs, config.Widths("sinc_hidden", c.SincHidden), config.AtLeast("sinc_points", c.SincPoints, 1),
			config.AtLeast("sinc_epochs", c.SincEpochs, 1), config.AtLeast("sinc_batch_size", c.SincBatchSize, 0), config.AtLeast("sinc_every (the snapshot interval)", c.SincEvery, 1))
	}
	return errors.Join(errs...)
}
