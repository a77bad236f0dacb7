// Package doubledescent is the double-descent experiment (past the
// homework): random-features networks of growing width fitted to
// interpolation on an MNIST subset with the squared loss, after Belkin,
// Hsu, Ma & Mandal (PNAS 2019). Test error rises towards the interpolation
// threshold, where the trained parameters (features × 10 outputs) reach
// examples × outputs, and falls again beyond it; label noise (Nakkiran et
// al. 2019) raises the peak.
package doubledescent

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/data"
	"hw1/runner/results"
)

// Config configures double-descent.
type Config struct {
	Dataset       string `json:"dataset" set:"mnist|fashion-mnist"`
	TrainExamples int    `json:"train_examples"` // n, the first of the training set
	TestExamples  int    `json:"test_examples"`  // the first of the test set
	// Ratios are the numbers of random features as multiples of n: the
	// interpolation threshold is at 1.
	Ratios []float64 `json:"ratios"`
	// LabelNoise is the share of training labels replaced at random by
	// another class in the noisy series; 0 runs the clean series alone.
	LabelNoise float64 `json:"label_noise"`
	// Draws is how many draws of the features (and of the noisy labels)
	// each size is fitted with.
	Draws int `json:"draws"`
	// Bandwidth is σ of the features' Gaussian kernel (pixels in [0, 1]);
	// Ridge the solve's tiny l2 term, which keeps it defined at the
	// threshold.
	Bandwidth float64 `json:"bandwidth"`
	Ridge     float64 `json:"ridge"`
}

// Classes is the number of outputs: the threshold is at n × Classes
// parameters.
const Classes = 10

// Experiment is the double-descent experiment.
func Experiment() runner.Experiment {
	// 21 sizes from n/10 to 10n, dense around the threshold n; σ = 5 as
	// for Belkin's MNIST features (pixels in [0, 1]); a ridge of 1e-8
	// leaves the fit the minimum-norm interpolant beyond the threshold.
	ratios := []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1, 1.05, 1.1, 1.2, 1.4, 1.7, 2, 3, 5, 10}
	base := Config{Dataset: runner.MNIST, Ratios: ratios, LabelNoise: 0.2, Draws: 3, Bandwidth: 5, Ridge: 1e-8}
	smoke, quick, full := base, base, base
	smoke.TrainExamples, smoke.TestExamples, smoke.Draws = 100, 500, 1
	smoke.Ratios = []float64{0.5, 0.9, 1, 1.1, 2, 5}
	quick.TrainExamples, quick.TestExamples = 500, 2000
	full.TrainExamples, full.TestExamples = 2000, 5000
	return runner.Define(runner.Definition[Config]{
		Name:     results.DoubleDescent,
		Cost:     catalog.Cost{Class: catalog.ClassMLP, Seconds: catalog.Times(2, 30, 300), SeedShare: 0.6}, // reference machine: smoke, quick, full
		Profiles: map[string]Config{"smoke": smoke, "quick": quick, "full": full},
		Run:      run,
		Check:    check,
		Datasets: func(c *Config) []string { return []string{c.Dataset} },
	})
}

func check(c *Config) error {
	errs := []error{config.AtLeast("train_examples", c.TrainExamples, 1), config.AtLeast("test_examples", c.TestExamples, 1),
		config.AtLeast("draws", c.Draws, 1), config.Positive("bandwidth", c.Bandwidth)}
	if len(c.Ratios) == 0 {
		errs = append(errs, errors.New("ratios is empty, want at least one multiple of train_examples"))
	}
	for _, r := range c.Ratios {
		if !(r > 0) || math.IsInf(r, 0) {
			errs = append(errs, fmt.Errorf("ratios holds %g, want finite numbers above 0", r))
		}
	}
	if !(c.Ridge >= 0) || math.IsInf(c.Ridge, 0) {
		errs = append(errs, fmt.Errorf("ridge = %g, want a finite number, 0 or more", c.Ridge))
	}
	if !(c.LabelNoise >= 0 && c.LabelNoise < 1) {
		errs = append(errs, fmt.Errorf("label_noise = %g, want a share from 0 up to (not including) 1", c.LabelNoise))
	}
	return errors.Join(errs...)
}

// fit is one run: a label noise, a draw and a number of features.
type fit struct {
	noise    float64
	draw     int
	features int
}

func (f fit) key() string {
	return fmt.Sprintf("noise%.2f-draw%d-features%06d", f.noise, f.draw, f.features)
}

// fits lists the runs in the order of the table: clean then noisy, each
// draw, sizes growing (each size once, however the ratios round).
func fits(c *Config, n int) []fit {
	noises := []float64{0}
	if c.LabelNoise > 0 {
		noises = append(noises, c.LabelNoise)
	}
	var sizes []int
	for _, r := range c.Ratios {
		if s := max(1, int(math.Round(r*float64(n)))); !slices.Contains(sizes, s) {
			sizes = append(sizes, s)
		}
	}
	slices.Sort(sizes)
	var out []fit
	for _, noise := range noises {
		for d := 1; d <= c.Draws; d++ {
			for _, s := range sizes {
				out = append(out, fit{noise, d, s})
			}
		}
	}
	return out
}

func run(env *runner.Env, cfg *Config) error {
	const name = results.DoubleDescent
	train, test, err := env.Images(cfg.Dataset, cfg.TrainExamples, cfg.TestExamples)
	if err != nil {
		return err
	}
	env.Note("random-features networks φ(x) = √(2/N)·cos(Wᵀx + b), W ~ N(0, 1/σ²) with σ = %g, b ~ U[0, 2π); the output layer (N × %d parameters) is the minimum-norm least-squares fit (ridge %g) of one-hot targets of the first %d training examples of %s, solved inside TensorFlow in float64: it interpolates them from N = %d on; tested on the first %d test examples",
		cfg.Bandwidth, Classes, cfg.Ridge, train.N, cfg.Dataset, train.N, test.N)
	env.Note("interpolation threshold: N = n = %d features, %d parameters; label noise %g in the noisy series (the test labels stay clean); %d draw(s) of features and noise per size",
		train.N, train.N*Classes, cfg.LabelNoise, cfg.Draws)
	runs := fits(cfg, train.N)
	keys := make([]string, len(runs))
	for i, f := range runs {
		keys[i] = f.key()
	}
	x, testX := matrixOf(train), matrixOf(test)
	return env.Sweep(results.DoubleDescentResults, keys, func(k int) (results.Row, error) {
		f := runs[k]
		labels := noisyLabels(train.Labels, f.noise, runner.SubSeed(env.Seed, name, "noise", fmt.Sprint(f.noise), fmt.Sprint(f.draw)))
		rf := graphs.RandomFeatures{Features: f.features, Bandwidth: cfg.Bandwidth, Ridge: cfg.Ridge, Session: env.Session,
			Seed: uint64(runner.SubSeed(env.Seed, name, "features", fmt.Sprint(f.noise), fmt.Sprint(f.draw), fmt.Sprint(f.features)))}
		onTrain, onTest, err := rf.Fit(x, oneHot(labels), testX)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", name, f.key(), err)
		}
		trainLoss, trainErr := lossAndError(onTrain, labels)
		testLoss, testErr := lossAndError(onTest[0], test.Labels)
		env.Point(fmt.Sprintf("%s/noise%.2f-draw%d", name, f.noise, f.draw), int64(f.features*Classes),
			[]string{results.ColTrainError, results.ColTestError, results.ColTestLoss}, trainErr, testErr, testLoss)
		env.Log.Info("fitted", "run", f.key(), "params", f.features*Classes, "train_error", trainErr, "test_error", testErr)
		return results.Row{results.ColRun: f.key(), results.ColLabelNoise: f.noise, results.ColDraw: f.draw, results.ColFeatures: f.features,
			results.ColParams: f.features * Classes, results.ColTrainLoss: trainLoss, results.ColTrainError: trainErr,
			results.ColTestLoss: testLoss, results.ColTestError: testErr}, nil
	})
}

// matrixOf is a set's pixels as a matrix, one row per example.
func matrixOf(s *data.Set) graphs.Matrix {
	m := graphs.Matrix{Rows: s.N, Cols: s.Dim(), Values: make([]float64, len(s.Pixels))}
	for i, p := range s.Pixels {
		m.Values[i] = float64(p)
	}
	return m
}

// noisyLabels replaces each label, with probability noise, by one of the
// other classes drawn uniformly, from seed.
func noisyLabels(labels []int32, noise float64, seed int64) []int32 {
	out := slices.Clone(labels)
	if noise == 0 {
		return out
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6e6f))
	for i, l := range out {
		if rng.Float64() < noise {
			out[i] = (l + 1 + int32(rng.IntN(Classes-1))) % Classes
		}
	}
	return out
}

// oneHot is the targets of labels: 1 at the label's output, 0 elsewhere.
func oneHot(labels []int32) graphs.Matrix {
	m := graphs.Matrix{Rows: len(labels), Cols: Classes, Values: make([]float64, len(labels)*Classes)}
	for i, l := range labels {
		m.Values[i*Classes+int(l)] = 1
	}
	return m
}

// lossAndError is the mean over examples of the squared error summed over
// the outputs against the one-hot labels, and the share of examples whose
// largest output is not their label.
func lossAndError(out graphs.Matrix, labels []int32) (loss, errRate float64) {
	wrong := 0
	for i, l := range labels {
		row := out.Values[i*Classes : (i+1)*Classes]
		best := 0
		for k, v := range row {
			t := 0.0
			if k == int(l) {
				t = 1
			}
			loss += (v - t) * (v - t)
			if v > row[best] {
				best = k
			}
		}
		if best != int(l) {
			wrong++
		}
	}
	n := float64(len(labels))
	return loss / n, float64(wrong) / n
}
