// Package functionfit is the function-fit experiment (deep vs shallow):
// networks of about 571 parameters with 1, 4 and 7 hidden layers fitted
// to sin(5πx)/(5πx) and sign(sin(5πx)), with their loss curves and
// predictions.
package functionfit

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/data"
	"hw1/runner/models"
	"hw1/runner/results"
	"hw1/runner/table"
)

// functionFitConfig configures function-fit.
type functionFitConfig struct {
	Functions     []string          `json:"functions" set:"-"`
	Models        []models.FitModel `json:"models" set:"-"`
	Activation    string            `json:"activation" set:"relu|tanh|selu|softplus"`
	Init          string            `json:"init" set:"torch|keras"`
	Points        int               `json:"points"`
	Epochs        int               `json:"epochs"`
	BatchSize     int               `json:"batch_size"`
	LR            float64           `json:"lr"`
	EvalEvery     int               `json:"eval_every"`
	PredictPoints int               `json:"predict_points"`
}

// Experiment is the function-fit experiment.
func Experiment() runner.Experiment {
	// The three depths of the homework report, at ~571 parameters.
	nets, activation, lr := models.DepthFits()
	base := functionFitConfig{
		Functions: []string{"sinc", "square"}, Models: nets, Activation: activation, Init: "torch",
		Points: 1000, BatchSize: 100, LR: lr, PredictPoints: 500,
	}
	smoke, quick, full := base, base, base
	smoke.Points, smoke.Epochs, smoke.EvalEvery, smoke.PredictPoints = 100, 5, 1, 50
	quick.Epochs, quick.EvalEvery = 1000, 5
	full.Epochs, full.EvalEvery = 20000, 20
	return runner.Define(runner.Definition[functionFitConfig]{
		Name:     results.FunctionFit,
		Cost:     catalog.Cost{Class: catalog.ClassSmall, Seconds: catalog.Times(2, 10, 163), SeedShare: 0.94}, // reference machine: smoke, quick, full
		Profiles: map[string]functionFitConfig{"smoke": smoke, "quick": quick, "full": full},
		Run:      runFunctionFit,
		Check:    checkFunctionFit,
	})
}

func runFunctionFit(env *runner.Env, cfg *functionFitConfig) error {
	nets := results.FunctionFitModels.New(false)
	for _, m := range cfg.Models {
		n, err := models.FitSpec(m, cfg.Activation, cfg.initScheme(), cfg.LR, 0, env.Session).NumParams()
		if err != nil {
			return fmt.Errorf("model %s: %w", m.Name, err)
		}
		if err := results.FunctionFitModels.Append(nets, results.Row{results.ColModel: m.Name, results.ColHiddenLayers: len(m.Hidden), results.ColParams: n}); err != nil {
			return err
		}
	}
	if err := env.WriteTable(results.FunctionFitModels, nets); err != nil {
		return err
	}
	// A 571-parameter model's ops are too small for two threads (it gets one
	// where sessions own their pools, graphs.Model), so the function-model
	// pairs train side by side, one per free core; the tables grow function
	// by function, in order, so that an interrupt keeps the finished
	// functions.
	var fits []*fitRun
	for _, fname := range cfg.Functions {
		fn, err := data.Target(fname)
		if err != nil {
			return err
		}
		train, grid := models.Curve(fn, cfg.Points), models.Curve(fn, cfg.PredictPoints)
		for _, m := range cfg.Models {
			fits = append(fits, &fitRun{function: fname, model: m, train: train, grid: grid})
		}
	}
	loss := results.FunctionFitLoss.New(false)
	pred := results.FunctionFitPredictions.New(false)
	var mu sync.Mutex
	written := 0 // fits whose rows are in the tables
	perFunction := len(cfg.Models)
	return env.SideBySide(len(fits), true, func(i int) error {
		f := fits[i]
		name := f.function + "/" + f.model.Name
		hist, yhat, err := fitOne(env, cfg, f.model, name, f.train, f.grid)
		if err != nil {
			return err
		}
		env.Log.Info("fitted", "run", name, "final_loss", strconv.FormatFloat(hist[len(hist)-1].Train.Loss, 'g', 4, 64))
		mu.Lock()
		defer mu.Unlock()
		f.hist, f.yhat = hist, yhat
		for written < len(fits) && !slices.ContainsFunc(fits[written:written+perFunction], (*fitRun).pending) {
			for _, f := range fits[written : written+perFunction] {
				if err := f.appendRows(loss, pred); err != nil {
					return err
				}
			}
			written += perFunction
			if err := env.WriteTable(results.FunctionFitLoss, loss); err != nil {
				return err
			}
			if err := env.WriteTable(results.FunctionFitPredictions, pred); err != nil {
				return err
			}
		}
		return nil
	})
}

// fitRun is one model fitted to one function: its data, and once
// trained its loss history and predictions on the grid.
type fitRun struct {
	function    string
	model       models.FitModel
	train, grid graphs.Data
	hist        []runner.Epoch // nil until trained
	yhat        []float32
}

// pending reports whether f is not trained yet.
func (f *fitRun) pending() bool { return f.hist == nil }

// appendRows appends f's loss history to loss and its predictions to pred.
func (f *fitRun) appendRows(loss, pred *table.Table) error {
	for _, h := range f.hist {
		if err := results.FunctionFitLoss.Append(loss, results.Row{results.ColFunction: f.function, results.ColModel: f.model.Name,
			results.ColEpoch: h.Epoch, results.ColLoss: h.Train.Loss}); err != nil {
			return err
		}
	}
	for i := range f.grid.N {
		if err := results.FunctionFitPredictions.Append(pred, results.Row{results.ColFunction: f.function, results.ColModel: f.model.Name,
			results.ColX: float64(f.grid.X[i]), results.ColYTrue: float64(f.grid.Y[i]), results.ColYPred: float64(f.yhat[i])}); err != nil {
			return err
		}
	}
	return nil
}

// fitOne trains one model on one function and predicts on grid.
func fitOne(env *runner.Env, cfg *functionFitConfig, m models.FitModel, name string, train, grid graphs.Data) ([]runner.Epoch, []float32, error) {
	model, err := graphs.New(models.FitSpec(m, cfg.Activation, cfg.initScheme(), cfg.LR, runner.SubSeed(env.Seed, results.FunctionFit, name), env.Session))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	defer model.Close()
	ds, err := model.Load(train)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	hist, err := env.Fit(runner.Fit{Name: name, Model: model, Train: ds, Epochs: cfg.Epochs, BatchSize: cfg.BatchSize,
		Seed: uint64(runner.SubSeed(env.Seed, results.FunctionFit, name, "shuffle")), EvalEvery: cfg.EvalEvery, EvalTrain: true})
	if err != nil {
		return nil, nil, err
	}
	yhat, err := model.Predict(grid.X, grid.N)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: predict: %w", name, err)
	}
	return hist, yhat, nil
}

// initScheme is the graphs.Init the init setting names.
func (c *functionFitConfig) initScheme() graphs.Init {
	if c.Init == "keras" {
		return graphs.InitKeras
	}
	return graphs.InitTorch
}

func checkFunctionFit(c *functionFitConfig) error {
	return errors.Join(config.AtLeast("points", c.Points, 1), config.AtLeast("epochs", c.Epochs, 1), config.AtLeast("batch_size", c.BatchSize, 0),
		config.Positive("lr", c.LR), config.AtLeast("eval_every", c.EvalEvery, 0), config.AtLeast("predict_points", c.PredictPoints, 1))
}
