package results

// The homework's parts, as a Description names them, in the homework's
// order.
const (
	PartDeep           = "deep vs shallow"
	PartOptimization   = "optimization"
	PartGeneralization = "generalization"
)

// Parts are the homework's parts in its order.
func Parts() []string { return []string{PartDeep, PartOptimization, PartGeneralization} }

// Description is what hw1 says about one experiment, the one text that
// `hw1 list`, the report's section, the README's table of experiments and
// docs/TABLES.md all show. It states no number that a profile sets (how
// many runs, epochs or examples): those differ between smoke, quick and
// full, and `hw1 list --keys --profile P` shows them.
type Description struct {
	Part string // one of Parts
	// Beyond marks an experiment that hw1 adds to the homework's.
	Beyond bool
	// Title heads the report's section.
	Title string
	// Summary is one line: what the experiment measures.
	Summary string
	// Question is the question the report's section asks.
	Question string
}

// Line is the description in one line, as `hw1 list` and the README's
// table of experiments show it: its part, then its summary.
func (d Description) Line() string {
	part := d.Part
	if d.Beyond {
		part += ", past the homework"
	}
	return part + ": " + d.Summary
}

// Describe returns the description of the experiment name; ok is false
// for a name the schema does not hold.
func Describe(name string) (d Description, ok bool) {
	d, ok = descriptions()[name]
	return d, ok
}

// descriptions are the experiments' descriptions by name; a test checks
// that they are the schema's experiments.
func descriptions() map[string]Description {
	return map[string]Description{
		FunctionFit: {Part: PartDeep, Title: "Fitting 1-D functions",
			Summary:  "fit sin(5πx)/(5πx) and sign(sin(5πx)) with 1, 4 and 7 hidden layers at ~571 parameters",
			Question: "Does depth help when the parameter budget is fixed? Fully connected networks with about the same number of parameters but different numbers of hidden layers fit sin(5πx)/(5πx) and sign(sin(5πx)); which reaches the lower loss?"},
		MNISTDepth: {Part: PartDeep, Title: "Deep vs shallow CNNs on MNIST",
			Summary:  "two CNNs of ~114,000 parameters, with 1 and 2 convolutions, on MNIST",
			Question: "Does the advantage of depth carry over to a real task? CNNs of similar parameter count but different depth are trained on MNIST; does the deeper one reach a higher test accuracy?"},
		WeightPCA: {Part: PartOptimization, Title: "Weights during training, in principal components",
			Summary:  "the weights of several training runs, each from its own seed, projected on 2 principal components",
			Question: "Where does training go in weight space? The same small network is trained from several seeds, its weights are collected every few epochs and projected onto two principal components: do the runs end in the same place or in different minima?"},
		GradNorm: {Part: PartOptimization, Title: "Gradient norm during training",
			Summary:  "loss and gradient norm at every step",
			Question: "How does the size of the gradient behave while a network trains? The loss and the gradient norm are recorded at every step: does the norm simply fall, or does it rise and spike along the way?"},
		MinRatio: {Part: PartOptimization, Title: "Where the gradient is almost zero: minimal ratio",
			Summary:  "where the gradient vanishes, the share of positive Hessian eigenvalues (the minimal ratio), over many runs",
			Question: "What kind of point does training reach when the gradient vanishes? After driving the gradient norm to nearly zero, the share of positive eigenvalues of the exact Hessian (the minimal ratio) tells a minimum from a saddle: do lower losses go with more minimum-like points?"},
		RandomLabels: {Part: PartGeneralization, Title: "Fitting random labels",
			Summary:  "a network memorises MNIST with random labels",
			Question: "Can a network memorise MNIST when its training labels are random? If it reaches full training accuracy while test accuracy stays at chance, the capacity to fit data alone does not explain why networks generalise."},
		ParamCount: {Part: PartGeneralization, Title: "Number of parameters vs generalization",
			Summary:  "train and test loss of 10 widths of one network (CNN or MLP)",
			Question: "How do training and test loss change as the same architecture is made wider? Does the test loss keep improving with the parameter count, or does it level off?"},
		Interpolation: {Part: PartGeneralization, Title: "Flatness: interpolating between two solutions",
			Summary:  "the loss along the line between two trained models: a small and a large batch, a low and a high learning rate",
			Question: "Are the minima reached with a small and a large batch (or a small and a large learning rate) flat or sharp? The loss is evaluated, without training, along the line through the two trained models, from α = −1 to α = 2."},
		Sensitivity: {Part: PartGeneralization, Title: "Flatness: sensitivity and sharpness vs batch size",
			Summary:  "input sensitivity and sharpness against batch size",
			Question: "Does the batch size change how sensitive the trained network is to its input and how sharp its minimum is, and do these go with how well it generalises? Identical networks trained with batch sizes from 5 to 1000 are measured."},
		LossSurface: {Part: PartGeneralization, Beyond: true, Title: "Flatness: the loss surface around the trained point",
			Summary:  "the loss on a plane through the trained point (random filter-normalised directions, Li et al. 2018), and the training trajectory on its first two principal components",
			Question: "What does the loss look like around a trained network? On the plane of two random filter-normalised directions (Li et al. 2018), is the small-batch minimum wider than the large-batch one, and how much of the training trajectory lies on its first two principal components?"},
		HessianSpectrum: {Part: PartGeneralization, Beyond: true, Title: "Curvature: the Hessian's spectrum",
			Summary:  "top eigenvalues (Lanczos), trace (Hutchinson) and spectral density of the Hessian of the dense models, on exact Hessian-vector products",
			Question: "How curved are the trained networks? The Hessian's largest eigenvalues (Lanczos), trace (Hutchinson) and spectral density (stochastic Lanczos quadrature), all on exact Hessian-vector products: does λ_max grow with the batch size as the Keskar sharpness does, is the spectrum a bulk near zero with a few outliers, and how many eigenvalues are negative at a min-ratio-like point?"},
		DoubleDescent: {Part: PartGeneralization, Beyond: true, Title: "Double descent: test error past the interpolation threshold",
			Summary:  "double descent of random-features networks on an MNIST subset, trained to interpolation, with and without label noise (Belkin et al. 2019)",
			Question: "Does a bigger model always generalise better or worse? Random-features networks of growing width are fitted to interpolation on a subset of MNIST (Belkin et al. 2019): does the test error rise to a peak where the model first fits the training set exactly, then fall again as it grows, and does label noise raise that peak?"},
	}
}
