package report

// experiment describes one of the nine experiments for the report.
type experiment struct {
	name     string
	title    string
	part     string
	question string
	findings func(expDir string) ([]Finding, error)
}

// experiments returns the nine experiments in report order.
func experiments() []experiment {
	return []experiment{
		{"function-fit", "Fitting 1-D functions", "Part 1 — deep vs shallow",
			"Does depth help when the parameter budget is fixed? Fully connected networks with about the same number of parameters but different numbers of hidden layers fit sin(5πx)/(5πx) and sign(sin(5πx)); which reaches the lower loss?",
			functionFitFindings},
		{"mnist-depth", "Deep vs shallow CNNs on MNIST", "Part 1 — deep vs shallow",
			"Does the advantage of depth carry over to a real task? CNNs of similar parameter count but different depth are trained on MNIST; does the deeper one reach a higher test accuracy?",
			mnistDepthFindings},
		{"weight-pca", "Weights during training, in principal components", "Part 2 — optimization",
			"Where does training go in weight space? The same small network is trained from several seeds, its weights are collected every few epochs and projected onto two principal components: do the runs end in the same place or in different minima?",
			weightPCAFindings},
		{"grad-norm", "Gradient norm during training", "Part 2 — optimization",
			"How does the size of the gradient behave while a network trains? The loss and the gradient norm are recorded at every step: does the norm simply fall, or does it rise and spike along the way?",
			gradNormFindings},
		{"min-ratio", "Where the gradient is almost zero: minimal ratio", "Part 2 — optimization",
			"What kind of point does training reach when the gradient vanishes? After driving the gradient norm to nearly zero, the share of positive eigenvalues of the exact Hessian (the minimal ratio) tells a minimum from a saddle: do lower losses go with more minimum-like points?",
			minRatioFindings},
		{"random-labels", "Fitting random labels", "Part 3 — generalization",
			"Can a network memorise MNIST when its training labels are random? If it reaches full training accuracy while test accuracy stays at chance, the capacity to fit data alone does not explain why networks generalise.",
			randomLabelsFindings},
		{"param-count", "Number of parameters vs generalization", "Part 3 — generalization",
			"How do training and test loss change as the same architecture is made wider? Does the test loss keep improving with the parameter count, or does it level off?",
			paramCountFindings},
		{"interpolation", "Flatness: interpolating between two solutions", "Part 3 — generalization",
			"Are the minima reached with a small and a large batch (or a small and a large learning rate) flat or sharp? The loss is evaluated, without training, along the line through the two trained models, from α = −1 to α = 2.",
			interpolationFindings},
		{"sensitivity", "Flatness: sensitivity and sharpness vs batch size", "Part 3 — generalization",
			"Does the batch size change how sensitive the trained network is to its input and how sharp its minimum is, and do these go with how well it generalises? Identical networks trained with batch sizes from 5 to 1000 are measured.",
			sensitivityFindings},
	}
}

func lookup(name string) (experiment, bool) {
	for _, e := range experiments() {
		if e.name == name {
			return e, true
		}
	}
	return experiment{}, false
}

func experimentNames() []string {
	var out []string
	for _, e := range experiments() {
		out = append(out, e.name)
	}
	return out
}
