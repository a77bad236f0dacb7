package report

import (
	"fmt"
	"strings"

	"hw1/runner/results"
)

// figureKind is one kind of figure that plots draws for an experiment:
// a file named exactly name, or, when name ends in "-", a family of files
// name+ARG (the function, model, pair or scope drawn). caption says what
// such a figure shows, given ARG ("" for an exact name).
type figureKind struct {
	name    string
	caption func(arg string) string
}

// trainTest says how the train and test curves are told apart.
const trainTest = "training set solid, test set dashed"

// figureKinds returns, per experiment, the kinds of figure plots draws
// (see plots/*.go: each figure's name, title, axes and series). A test
// checks it against the figure names in the plots package's code. Names
// that are also an experiment's or a column's (grad-norm, loss, ...) are
// spelt by the schema's constant, as the rest of the package must.
func figureKinds() map[string][]figureKind {
	fixed := func(s string) func(string) string { return func(string) string { return s } }
	return map[string][]figureKind{
		results.FunctionFit: {
			{"loss-", func(fn string) string {
				return fmt.Sprintf("Training loss (mean squared error, log scale) per epoch of each model fitting %s; one line per model, its legend giving its hidden layers and parameters.", functionTerm(fn))
			}},
			{"fit-", func(fn string) string {
				return fmt.Sprintf("The trained models' predictions on x in (0, 1] over the ground truth %s (thick grey line).", functionTerm(fn))
			}},
		},
		results.MNISTDepth: {
			{results.ColLoss, fixed("Cross-entropy loss (log scale) per epoch of each CNN on MNIST, " + trainTest + "; the legend gives each model's convolutional and dense layers and parameters.")},
			{"accuracy", fixed("Accuracy per epoch of each CNN on MNIST, " + trainTest + ".")},
		},
		results.WeightPCA: {
			{"pca-", func(scope string) string {
				what := "of the whole model"
				if scope != results.ScopeModel {
					what = "of layer " + scope + " only"
				}
				return fmt.Sprintf("The weights %s, collected every few epochs of every run, projected onto their first two principal components (one PCA over all runs, so the runs share the axes): one colour per run, its points joined in epoch order, each labelled with its loss (and accuracy, on MNIST) when there are few enough points to read.", what)
			}},
		},
		results.GradNorm: {
			{results.GradNorm, fixed("The loss (top, log scale) and the gradient norm (bottom: the 2-norm of the gradient over all parameters) at every training step.")},
		},
		results.MinRatio: {
			{results.MinRatio, fixed("One point per run: the loss where training drove the gradient norm near zero, against the minimal ratio there (the share of positive eigenvalues of the exact Hessian): counted over all eigenvalues (min_ratio), and over those outside the near-zero tolerance (min_ratio_clear). A ratio of 1 is a minimum, below 1 a saddle.")},
		},
		results.RandomLabels: {
			{results.RandomLabels, fixed("MNIST with random training labels: loss (top, log scale) and accuracy (bottom) per epoch, on the training set with its random labels (solid) and on the test set with its true labels (dashed).")},
		},
		results.ParamCount: {
			{"loss-vs-params", fixed("Final cross-entropy loss of each model against its number of parameters (log scale), " + trainTest + ".")},
			{"accuracy-vs-params", fixed("Final accuracy of each model against its number of parameters (log scale), " + trainTest + ".")},
		},
		results.Interpolation: {
			{"interpolation-", func(pair string) string {
				between := "the pair " + pair
				switch pair {
				case results.PairBatch:
					between = "the models trained with the small batch (α = 0) and the large batch (α = 1)"
				case results.PairLR:
					between = "the models trained with the small learning rate (α = 0) and the large one (α = 1)"
				}
				return fmt.Sprintf("Loss (top, log scale) and accuracy (bottom) of the network with parameters (1−α)·θ1 + α·θ2, on the line through %s, for α from −1 to 2: evaluated only, never trained; %s.", between, trainTest)
			}},
		},
		results.Sensitivity: {
			{results.ColSensitivity, fixed("Against the batch size each identical network was trained with (log scale): final loss (top) and accuracy (middle), " + trainTest + "; and the sensitivity (bottom): the Frobenius norm of the Jacobian of the softmax output with respect to the input, and that of the loss's gradient with respect to the input, averaged over test examples.")},
			{results.ColSharpness, fixed("The sharpness of each trained network (Keskar et al. 2017: the largest relative rise of the training loss within a small box around the parameters, found by projected gradient ascent) against its batch size (log scale).")},
		},
		results.LossSurface: {
			{"contour-", func(m string) string {
				return fmt.Sprintf("Training loss of %s on the plane θ* + a·δ + b·η through its trained parameters θ*, with δ and η random filter-normalised directions (Li et al. 2018), as filled contours on log-spaced levels.", surfaceModelTerm(m))
			}},
			{"heatmap-", func(m string) string {
				return fmt.Sprintf("Training loss of %s on the same random plane θ* + a·δ + b·η as a heatmap.", surfaceModelTerm(m))
			}},
			{"slices", fixed("1-D slices of the training loss through the trained parameters θ*: along δ (b = 0) and along η (a = 0) of the random plane, one panel per model.")},
			{"trajectory-", func(m string) string {
				return fmt.Sprintf("The training trajectory of %s (points labelled with the epoch) on the first two principal components of its parameter snapshots, over the contours of the loss on that plane.", surfaceModelTerm(m))
			}},
		},
		results.HessianSpectrum: {
			{"top-eigenvalues", fixed("The largest Hessian eigenvalues of each model (log scale) against their rank, by Lanczos on exact Hessian-vector products; dashed, where it was computed, the exact Hessian's.")},
			{"density-", func(m string) string {
				return fmt.Sprintf("Spectral density of the Hessian of %s, by stochastic Lanczos quadrature (and from the exact eigenvalues where computed), log–log: positive eigenvalues (top) against λ, negative ones (bottom) against |λ|.", spectrumModelTerm(m))
			}},
			{"curvature-vs-batch", fixed("For sensitivity's networks: the Hessian's largest eigenvalue λ_max (top) and the Keskar sharpness (bottom) against the batch size each was trained with (log scales).")},
		},
	}
}

// figureCaption says what the figure file stem (its name without ".png")
// of the experiment shows; ok is false when the report does not know the
// figure's kind, and the caption is then the name with its dashes as
// spaces.
func figureCaption(experiment, stem string) (caption string, ok bool) {
	kinds := figureKinds()[experiment]
	for _, k := range kinds { // an exact name first: "loss" before "loss-"
		if k.name == stem {
			return k.caption(""), true
		}
	}
	for _, k := range kinds {
		if strings.HasSuffix(k.name, "-") && strings.HasPrefix(stem, k.name) && len(stem) > len(k.name) {
			return k.caption(strings.TrimPrefix(stem, k.name)), true
		}
	}
	return strings.NewReplacer("-", " ", "_", " ").Replace(stem), false
}

// functionTerm names a target function of function-fit with its formula.
func functionTerm(fn string) string {
	if f, ok := functionFormulas()[fn]; ok {
		return fmt.Sprintf("%s = %s", fn, f)
	}
	return fn
}

// functionFormulas are the target functions by the names the tables use
// (runner/data: Target).
func functionFormulas() map[string]string {
	return map[string]string{
		"sinc":   "sin(5πx)/(5πx)",
		"square": "sign(sin(5πx))",
	}
}

// surfaceModelTerm says which network a model of loss-surface is: "sinc",
// the 57-parameter network fitting sinc, or "mnist-bsN", interpolation's
// MNIST network trained with batch size N.
func surfaceModelTerm(m string) string {
	if m == "sinc" {
		return "the 57-parameter network fitting sinc (model sinc)"
	}
	if bs, ok := strings.CutPrefix(m, "mnist-bs"); ok {
		return fmt.Sprintf("the MNIST network trained with batch size %s (model %s)", bs, m)
	}
	return "model " + m
}

// spectrumModelTerm says which network a model of hessian-spectrum is:
// "sinc", min-ratio's network at a near-zero gradient; "pair-bsN-lrR",
// interpolation's network trained with batch size N and learning rate R;
// "sens-bsN", sensitivity's network trained with batch size N.
func spectrumModelTerm(m string) string {
	switch {
	case m == "sinc":
		return "min-ratio's network fitting sinc, at a point of near-zero gradient (model sinc)"
	case strings.HasPrefix(m, "pair-bs"):
		bs, lr, ok := strings.Cut(strings.TrimPrefix(m, "pair-bs"), "-lr")
		if ok {
			return fmt.Sprintf("interpolation's network trained with batch size %s and learning rate %s (model %s)", bs, lr, m)
		}
	case strings.HasPrefix(m, "sens-bs"):
		return fmt.Sprintf("sensitivity's network trained with batch size %s (model %s)", strings.TrimPrefix(m, "sens-bs"), m)
	}
	return "model " + m
}
