package report

import (
	"fmt"

	"hw1/runner/results"
)

// experiment is one experiment of the schema with what the report says about
// it.
type experiment struct {
	results.Experiment // name and tables, from the schema
	about
}

// about is what the report says about one experiment; its name and tables
// come from the schema.
type about struct {
	title    string
	part     string
	question string
	findings func(f *folder) ([]Finding, error)
	// models is the table shown as the section's list of models, nil for
	// none.
	models *modelView
}

// modelView is the table of models a section shows: the whole file, or
// only some of its columns.
type modelView struct {
	table   results.Table
	columns []string // nil: all columns, as in the file
}

// The parts of the homework, as the page heads them.
const (
	partDeep           = "Part 1 — deep vs shallow"
	partOptimization   = "Part 2 — optimization"
	partGeneralization = "Part 3 — generalization"
)

// abouts returns, per experiment of the schema, its title, part, question and
// findings. A test checks that its keys and results.Experiments() agree.
func abouts() map[string]about {
	return map[string]about{
		results.FunctionFit: {"Fitting 1-D functions", partDeep,
			"Does depth help when the parameter budget is fixed? Fully connected networks with about the same number of parameters but different numbers of hidden layers fit sin(5πx)/(5πx) and sign(sin(5πx)); which reaches the lower loss?",
			functionFitFindings, &modelView{table: results.FunctionFitModels}},
		results.MNISTDepth: {"Deep vs shallow CNNs on MNIST", partDeep,
			"Does the advantage of depth carry over to a real task? CNNs of similar parameter count but different depth are trained on MNIST; does the deeper one reach a higher test accuracy?",
			mnistDepthFindings, &modelView{table: results.MNISTDepthModels}},
		results.WeightPCA: {"Weights during training, in principal components", partOptimization,
			"Where does training go in weight space? The same small network is trained from several seeds, its weights are collected every few epochs and projected onto two principal components: do the runs end in the same place or in different minima?",
			weightPCAFindings, nil},
		results.GradNorm: {"Gradient norm during training", partOptimization,
			"How does the size of the gradient behave while a network trains? The loss and the gradient norm are recorded at every step: does the norm simply fall, or does it rise and spike along the way?",
			gradNormFindings, nil},
		results.MinRatio: {"Where the gradient is almost zero: minimal ratio", partOptimization,
			"What kind of point does training reach when the gradient vanishes? After driving the gradient norm to nearly zero, the share of positive eigenvalues of the exact Hessian (the minimal ratio) tells a minimum from a saddle: do lower losses go with more minimum-like points?",
			minRatioFindings, nil},
		results.RandomLabels: {"Fitting random labels", partGeneralization,
			"Can a network memorise MNIST when its training labels are random? If it reaches full training accuracy while test accuracy stays at chance, the capacity to fit data alone does not explain why networks generalise.",
			randomLabelsFindings, nil},
		results.ParamCount: {"Number of parameters vs generalization", partGeneralization,
			"How do training and test loss change as the same architecture is made wider? Does the test loss keep improving with the parameter count, or does it level off?",
			paramCountFindings, &modelView{table: results.ParamCountResults, columns: []string{results.ColModel, results.ColParams}}},
		results.Interpolation: {"Flatness: interpolating between two solutions", partGeneralization,
			"Are the minima reached with a small and a large batch (or a small and a large learning rate) flat or sharp? The loss is evaluated, without training, along the line through the two trained models, from α = −1 to α = 2.",
			interpolationFindings, &modelView{table: results.InterpolationModels}},
		results.Sensitivity: {"Flatness: sensitivity and sharpness vs batch size", partGeneralization,
			"Does the batch size change how sensitive the trained network is to its input and how sharp its minimum is, and do these go with how well it generalises? Identical networks trained with batch sizes from 5 to 1000 are measured.",
			sensitivityFindings, nil},
		results.LossSurface: {"Flatness: the loss surface around the trained point", partGeneralization,
			"What does the loss look like around a trained network? On the plane of two random filter-normalised directions (Li et al. 2018), is the small-batch minimum wider than the large-batch one, and how much of the training trajectory lies on its first two principal components?",
			lossSurfaceFindings, &modelView{table: results.LossSurfaceModels}},
		results.HessianSpectrum: {"Curvature: the Hessian's spectrum", partGeneralization,
			"How curved are the trained networks? The Hessian's largest eigenvalues (Lanczos), trace (Hutchinson) and spectral density (stochastic Lanczos quadrature), all on exact Hessian-vector products: does λ_max grow with the batch size as the Keskar sharpness does, is the spectrum a bulk near zero with a few outliers, and how many eigenvalues are negative at a min-ratio-like point?",
			hessianSpectrumFindings, nil},
	}
}

// experiments returns the schema's experiments in its order
// (results.Experiments), each with what the report says about it. An
// experiment the report does not describe still gets a section, titled by
// its name, and no findings.
func experiments() []experiment {
	var out []experiment
	described := abouts()
	for _, s := range results.Experiments() {
		a, ok := described[s.Name]
		if !ok {
			a = about{title: s.Name, part: "Experiments the report does not describe", question: s.Doc}
		}
		out = append(out, experiment{s, a})
	}
	return out
}

func lookup(name string) (experiment, bool) {
	for _, e := range experiments() {
		if e.Name == name {
			return e, true
		}
	}
	return experiment{}, false
}

// findingsOf computes the findings of the experiment name from the folder's
// tables.
func findingsOf(f *folder, name string) ([]Finding, error) {
	exp, ok := lookup(name)
	if !ok {
		return nil, fmt.Errorf("findings of %s: unknown experiment %q (known: %v)", f.dir, name, results.ExperimentNames())
	}
	if exp.findings == nil {
		return nil, fmt.Errorf("findings of %s: the report computes no findings for this experiment", name)
	}
	fs, err := exp.findings(f)
	if err != nil {
		return nil, fmt.Errorf("findings of %s: %w", name, err)
	}
	for i := range fs {
		fs[i].Experiment = name
	}
	return fs, nil
}
