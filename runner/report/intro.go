package report

import (
	"fmt"
	"strings"

	"hw1/runner/config"
	"hw1/runner/results"
)

// intro is the page's introduction: what HW1 is and asks, part by part,
// what the run's profile means, its scale beside the homework's, and the
// terms a reader meets.
type intro struct {
	Parts    []introPart
	Profiles []kv // each profile of the run, and what it means
	Scale    []scaleRow
	Terms    []kv
}

// introPart is one part of the homework: what it asks, and its
// experiments, linked to their sections.
type introPart struct {
	Heading, Asks string
	Experiments   []fileLink // Name: the experiment, Href: its section, Detail: its title
}

// scaleRow is one setting that sets an experiment's scale: its value in
// this run (from the experiment's manifest) and in the homework (the full
// profile).
type scaleRow struct {
	Experiment, Setting, Run, Homework string
	Differs                            bool // the run's value is not the homework's
	// Span is the number of rows of the experiment, on its first row; 0
	// on the others.
	Span int
	// Beyond marks an experiment that is not the homework's: its
	// homework value is the full profile's.
	Beyond bool
}

// partAsks says what each part of the homework asks, by the part headings
// of abouts.
func partAsks() map[string]string {
	return map[string]string{
		partHeading(results.PartDeep):           "Does depth help? Networks with about the same number of parameters but different depths fit two 1-D functions, sinc and square, and classify MNIST digits: which reaches the lower loss and the higher accuracy?",
		partHeading(results.PartOptimization):   "What happens while a network trains? Where its weights go (on two principal components), how the gradient's norm behaves step by step, and what kind of point (minimum or saddle) training reaches where the gradient vanishes.",
		partHeading(results.PartGeneralization): "Why do networks that can memorise their training data still generalise? Whether a network fits random labels, how train and test loss change with the number of parameters, and whether small and large batches (or learning rates) reach flat or sharp minima. The loss surface and the Hessian's spectrum are analyses beyond the homework: its bonus of visualising the error surface, and the curvature behind flatness.",
	}
}

// profileMeaning says what a profile's results are (config.Profiles).
func profileMeaning() map[string]string {
	return map[string]string{
		config.ProfileSmoke: "a test-sized run of seconds that checks that everything runs: tiny data subsets and one or a few epochs, so its numbers and verdicts say little about the homework's questions",
		config.ProfileQuick: "a real but small run of minutes: data subsets and few epochs, so that every phenomenon shows, but the numbers are not the homework's",
		config.ProfileFull:  "the homework's own settings: all 60,000 MNIST training images and as many epochs and runs as the homework's report",
	}
}

// scaleSetting is a configuration key that sets an experiment's scale,
// and its value in the full profile, which is the homework's (a test
// checks these against the runner's profiles). For a count of examples 0
// means all of them.
type scaleSetting struct {
	key, label string
	full       float64
}

// keyEpochs is the configurations' key of the number of epochs; the
// schema spells a column the same (and TestNoSchemaLiterals wants it
// spelt once).
const keyEpochs = results.ColEpochs

// scaleSettings are, per experiment, the settings shown beside the
// homework's.
func scaleSettings() map[string][]scaleSetting {
	return map[string][]scaleSetting{
		results.FunctionFit:     {{keyEpochs, "training epochs", 20000}, {"points", "training points", 1000}},
		results.MNISTDepth:      {{keyEpochs, "training epochs", 60}, {"train_examples", "training images", 0}},
		results.WeightPCA:       {{"runs", "runs (seeds)", 8}, {"sinc_epochs", "epochs (task sinc)", 30}},
		results.GradNorm:        {{keyEpochs, "training epochs (full batch: one step each)", 20000}},
		results.MinRatio:        {{"runs", "runs", 100}, {keyEpochs, "training epochs before the gradient is driven to zero", 5000}},
		results.RandomLabels:    {{"train_examples", "training images", 0}, {keyEpochs, "training epochs at most", 300}},
		results.ParamCount:      {{"train_examples", "training images", 0}, {keyEpochs, "training epochs", 20}},
		results.Interpolation:   {{"train_examples", "training images", 0}, {keyEpochs, "training epochs", 20}, {"alpha_points", "values of α", 31}},
		results.Sensitivity:     {{"train_examples", "training images", 0}, {keyEpochs, "training epochs", 20}},
		results.LossSurface:     {{"grid_points", "grid points per side of the plane", 51}, {"surface_examples", "examples the loss is taken over", 10000}},
		results.HessianSpectrum: {{"hessian_examples", "examples the Hessian is taken over", 5000}, {"top_k", "top eigenvalues", 20}},
		results.DoubleDescent:   {{"train_examples", "training images", 2000}, {"draws", "draws per size", 3}},
	}
}

// buildIntro builds the introduction from the experiments and the
// manifests' profiles and configurations, by experiment name (an
// experiment that did not run has none).
func buildIntro(profiles []string, configs map[string]any) intro {
	var in intro
	asks := partAsks()
	for _, e := range experiments() {
		if len(in.Parts) == 0 || in.Parts[len(in.Parts)-1].Heading != e.part {
			in.Parts = append(in.Parts, introPart{Heading: e.part, Asks: asks[e.part]})
		}
		p := &in.Parts[len(in.Parts)-1]
		p.Experiments = append(p.Experiments, fileLink{Name: e.Name, Href: "#" + e.Name, Detail: e.title})
	}
	meaning := profileMeaning()
	for _, p := range profiles {
		m, ok := meaning[p]
		if !ok {
			m = "a profile this report does not know"
		}
		in.Profiles = append(in.Profiles, kv{p, m})
	}
	settings := scaleSettings()
	for _, e := range experiments() {
		cfg, _ := configs[e.Name].(map[string]any)
		for i, s := range settings[e.Name] {
			row := scaleRow{Experiment: e.Name, Setting: s.label, Run: "—", Homework: scaleValue(s.key, s.full), Beyond: e.beyond}
			if i == 0 {
				row.Span = len(settings[e.Name])
			}
			if v, ok := cfg[s.key].(float64); ok {
				row.Run = scaleValue(s.key, v)
				row.Differs = v != s.full
			}
			in.Scale = append(in.Scale, row)
		}
	}
	in.Terms = terms()
	return in
}

// scaleValue renders a setting's value: a count of examples of 0 as
// "all", numbers with thousands separators.
func scaleValue(key string, v float64) string {
	if v == 0 && strings.HasSuffix(key, "examples") {
		return "all"
	}
	return count(v)
}

// terms defines what a reader meets on the page, in the order of the
// homework.
func terms() []kv {
	f := functionFormulas()
	return []kv{
		{"sinc", fmt.Sprintf("the function %s on x in (0, 1] (function-fit's first target; weight-pca, min-ratio and loss-surface fit it too)", f["sinc"])},
		{"square", fmt.Sprintf("the function %s on x in (0, 1]: a square wave of period 0.4 taking the values −1 and 1 (function-fit's second target)", f["square"])},
		{"MNIST", "a data set of handwritten digits, 28×28 grey images in 10 classes: 60,000 for training, 10,000 for testing"},
		{"dense, conv2d, maxpool, flatten", "the layers of the networks as the configurations list them: a fully connected layer of so many units; a convolution of so many filters of k×k; taking the maximum over k×k windows; and laying an image out as a vector. relu and tanh are activations; a network without conv2d layers is fully connected (an MLP), one with them a CNN"},
		{"shallow, medium, deep", "networks of about the same number of parameters with fewer or more layers: in function-fit 1, 4 and 7 hidden layers; in mnist-depth 1 and 2 convolutions"},
		{"parameters (params)", "the network's trainable weights and biases, counted"},
		{"epoch, step, batch size", "an epoch is one pass over the training examples; a step is one update of the parameters on one batch of batch-size examples (full batch: all of them)"},
		{"loss (train, test)", "mean squared error (MSE) for the 1-D functions, cross-entropy for MNIST; train loss over the training examples, test loss over held-out test examples"},
		{"Adam, learning rate (lr)", "the optimiser every experiment trains with, and the size of its steps"},
		{"gradient norm", "the 2-norm of the gradient of the loss with respect to all parameters"},
		{"Hessian, λ, λ_max", "the matrix of second derivatives of the loss with respect to the parameters, its eigenvalues λ and the largest of them, λ_max: the curvature of the loss"},
		{"minimal ratio", "at a point where the gradient is near zero, the share of the Hessian's eigenvalues that are positive: 1 at a minimum, below 1 at a saddle point; eigenvalues within a tolerance of zero are counted apart (min_ratio_clear leaves them out)"},
		{"principal components (PC 1, PC 2)", "the two directions along which a set of weight vectors varies most; projecting on them draws high-dimensional weights in a plane"},
		{"random labels", "MNIST training images whose labels are replaced by labels drawn at random; the test images keep their true labels, so test accuracy can be no better than chance (10%)"},
		{"interpolation, α", "the network with parameters (1−α)·θ1 + α·θ2 between two trained models θ1 (α = 0) and θ2 (α = 1), evaluated, never trained, for α from −1 to 2"},
		{"generalisation gap", "test loss minus training loss (or training minus test accuracy): how much worse the network does on data it has not seen"},
		{"θ, θ*", "the vector of all parameters of a network; θ* the trained one"},
		{"flat and sharp minima", "a minimum around which the loss rises slowly (flat) or fast (sharp); flat minima are thought to generalise better (Keskar et al. 2017)"},
		{"sensitivity (Novak et al. 2018)", "the Frobenius norm of the Jacobian of the network's output (softmax probabilities) with respect to its input, averaged over test examples; also shown, as the assignment defines it, the norm of the loss's gradient with respect to the input"},
		{"sharpness (Keskar et al. 2017)", "the largest rise of the training loss, relative to 1 + the loss, over perturbations δ of the parameters with |δ_i| ≤ ε·(|θ_i| + 1), found by projected gradient ascent"},
		{"filter-normalised directions", "random directions in parameter space scaled, filter by filter, to the norms of the trained parameters, so that planes through different networks compare (Li et al. 2018)"},
		{"Lanczos, Hutchinson, SLQ", "methods that estimate the Hessian's top eigenvalues (Lanczos), its trace (Hutchinson) and its spectral density (stochastic Lanczos quadrature) from Hessian-vector products alone"},
		{"bulk and outliers", "the shape of a Hessian spectrum that Sagun et al. (2017) report: most eigenvalues near zero (the bulk) and a few large ones standing out of it"},
		{"ρ", "Spearman's rank correlation, from −1 (one falls as the other rises) to 1 (they rise together): how consistently two measurements move together"},
		{"seed, profile", "the seed fixes every random choice, so the same seed and profile give the same tables; the profile (smoke, quick, full) sets the scale, see above"},
	}
}
