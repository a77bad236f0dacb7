package results

// key, val and opt build columns: a key column, a measured value, and an
// optional measured value; a numeric column gets its name's range.
func key(name string, k Kind, doc string) Column {
	return Column{Name: name, Kind: k, Key: true, Doc: doc, Range: kindRange(name, k)}
}
func val(name string, k Kind, doc string) Column {
	return Column{Name: name, Kind: k, Doc: doc, Range: kindRange(name, k)}
}
func opt(name string, k Kind, doc string) Column {
	return Column{Name: name, Kind: k, Optional: true, Doc: doc, Range: kindRange(name, k)}
}

// The columns that several tables share.
var (
	trainLoss = val(ColTrainLoss, Float, "mean loss over the training set")
	trainAcc  = val(ColTrainAcc, Float, "accuracy over the training set, 0 to 1")
	testLoss  = val(ColTestLoss, Float, "mean loss over the test set")
	testAcc   = val(ColTestAcc, Float, "accuracy over the test set, 0 to 1")
	epochKey  = key(ColEpoch, Int, "epoch (0: before training, where recorded)")
)

// The tables. These values are the schema: read them, never change them.
var (
	FunctionFitModels = Table{File: "models.csv", Doc: "the compared networks",
		Columns: []Column{
			key(ColModel, Text, "network name (shallow, medium, deep)"),
			key(ColHiddenLayers, Int, "number of hidden layers"),
			key(ColParams, Int, "trainable parameters"),
		}}
	FunctionFitLoss = Table{File: "loss.csv", Doc: "training loss (MSE) every eval_every epochs",
		Columns: []Column{
			key(ColFunction, Text, "target function (sinc, square)"),
			key(ColModel, Text, "network name"),
			epochKey,
			val(ColLoss, Float, "mean squared error over the training points"),
		}}
	FunctionFitPredictions = Table{File: "predictions.csv", Doc: "the trained networks on a grid of (0, 1]",
		Columns: []Column{
			key(ColFunction, Text, "target function"),
			key(ColModel, Text, "network name"),
			key(ColX, Float, "input"),
			val(ColYTrue, Float, "target function at x"),
			val(ColYPred, Float, "network output at x"),
		}}

	MNISTDepthModels = Table{File: "models.csv", Doc: "the compared CNNs",
		Columns: []Column{
			key(ColModel, Text, "network name (shallow, deep)"),
			key(ColConvLayers, Int, "convolution layers"),
			key(ColDenseLayers, Int, "dense layers"),
			key(ColParams, Int, "trainable parameters"),
		}}
	MNISTDepthHistory = Table{File: "history.csv",
		Doc:     "loss and accuracy after every epoch: train_loss and train_acc over the first train_eval_examples training examples (10,000 in quick and full, all of them in smoke; the notes give the count), test_loss and test_acc over the test set",
		Columns: []Column{key(ColModel, Text, "network name"), epochKey, trainLoss, trainAcc, testLoss, testAcc}}

	WeightPCASnapshots = Table{File: "snapshots.csv",
		NoAggregate: "each seed's PCA has axes of its own, so coordinates of different seeds do not average",
		Doc:         "weight snapshots of every run projected on 2 principal components, one PCA per scope over all runs",
		Columns: []Column{
			key(ColRun, Int, "run (each from its own seed)"),
			key(ColEpoch, Int, "epoch of the snapshot (0: initial weights)"),
			val(ColLoss, Float, "training loss at the snapshot"),
			key(ColScope, Text, "'model' (all weights) or the layer's name"),
			val(ColPC1, Float, "coordinate on the first principal component"),
			val(ColPC2, Float, "coordinate on the second principal component"),
			opt(ColAcc, Float, "training accuracy at the snapshot (task=mnist only)"),
		}}

	GradNormHistory = Table{File: "history.csv", Doc: "loss and gradient norm at every training step",
		Columns: []Column{
			key(ColStep, Int, "training step, from 1"),
			key(ColEpoch, Int, "epoch of the step, from 1"),
			val(ColLoss, Float, "loss of the step's batch"),
			val(ColGradNorm, Float, "2-norm of the gradient of that loss over all parameters"),
		}}

	MinRatioPoints = Table{File: "points.csv", Sweep: true,
		NoAggregate: "its runs are a sample of critical points to pool over seeds, not one measurement repeated",
		Doc:         "one point per run where the gradient norm was driven towards zero, with the exact Hessian's eigenvalues there",
		Columns: []Column{
			key(ColRun, Int, "run (each from its own seed)"),
			val(ColLoss, Float, "training loss (MSE) at the point"),
			val(ColGradNorm, Float, "gradient norm at the point"),
			val(ColMinRatio, Float, "share of all the Hessian's eigenvalues above the tolerance (near-zero ones count as not positive)"),
			val(ColMinEigenvalue, Float, "smallest eigenvalue"),
			val(ColMaxEigenvalue, Float, "largest eigenvalue"),
			val(ColNearZero, Int, "eigenvalues within the tolerance of zero"),
			val(ColSteps, Int, "steps of minimising the squared gradient norm"),
			val(ColRefineSteps, Int, "Newton refinement steps after that"),
			val(ColReached, Bool, "whether the gradient norm reached grad_norm_target"),
			val(ColMinRatioClear, Float, "share of positive eigenvalues among those outside the tolerance: positive / (eigenvalues - near_zero); NaN when all are near zero"),
			val(ColTolerance, Float, "the tolerance: rel_tol·max|λ|"),
			val(ColHessianError, Float, "‖H - H_fd‖_F, H_fd by central differences of exact gradients: a bound (Weyl) on the eigenvalues' numerical error plus the differences' own"),
		}}

	RandomLabelsLabels = Table{File: "labels.csv", Doc: "the random training labels, drawn once from the seed",
		NoAggregate: "the labels are the seed's own random draw",
		Columns: []Column{
			key(ColIndex, Int, "index of the training example"),
			val(ColLabel, Int, "the random label it was trained on"),
			val(ColTrueLabel, Int, "its true label"),
		}}
	RandomLabelsHistory = Table{File: "history.csv",
		Doc:     "loss and accuracy after every eval_every-th epoch and the last (every epoch in smoke and quick, every 2nd in full; training stops once stop_train_acc is reached); training set: all of it, with its random labels; test set: true labels",
		Columns: []Column{epochKey, trainLoss, trainAcc, testLoss, testAcc}}

	ParamCountResults = Table{File: "results.csv", Sweep: true, Doc: "final loss and accuracy of every width",
		Columns: []Column{
			key(ColModel, Text, "model name (family and width)"),
			key(ColParams, Int, "trainable parameters"),
			trainLoss, trainAcc, testLoss, testAcc,
		}}

	DoubleDescentResults = Table{File: "results.csv", Sweep: true,
		Doc: "every fit of the random-features networks: training set size n, targets one-hot, squared loss; a run per label noise, draw and number of features",
		Columns: []Column{
			key(ColRun, Text, "run: label noise, draw and features, e.g. noise0.20-draw1-features000500"),
			key(ColLabelNoise, Float, "share of training labels replaced by another class at random (0: clean)"),
			key(ColDraw, Int, "draw of the random features and of the noisy labels, from 1"),
			key(ColFeatures, Int, "random features N (hidden units)"),
			key(ColParams, Int, "trained parameters: N × 10 outputs"),
			val(ColTrainLoss, Float, "mean squared error over the training set (its labels, noisy ones included), summed over the 10 outputs"),
			val(ColTrainError, Float, "share of training examples classified wrong (against their labels, noisy ones included)"),
			val(ColTestLoss, Float, "mean squared error over the test set, summed over the 10 outputs"),
			val(ColTestError, Float, "share of test examples classified wrong"),
		}}

	InterpolationModels = Table{File: "models.csv", Doc: "the trained end points, evaluated right after training",
		Columns: []Column{
			key(ColModel, Text, "training setting (batch size and learning rate)"),
			key(ColBatchSize, Int, "batch size"),
			key(ColLR, Float, "learning rate"),
			key(ColEpochs, Int, "epochs trained"),
			val(ColSteps, Int, "steps trained"),
			trainLoss, trainAcc, testLoss, testAcc,
		}}
	InterpolationCurve = Table{File: "curve.csv", Doc: "loss and accuracy of (1-alpha)·θ1 + alpha·θ2, evaluated only",
		Columns: []Column{
			key(ColPair, Text, "'batch' (small vs large batch) or 'lr' (low vs high learning rate)"),
			key(ColAlpha, Float, "interpolation coefficient (0: first model, 1: second)"),
			trainLoss, trainAcc, testLoss, testAcc,
		}}

	SensitivityResults = Table{File: "results.csv", Sweep: true, Doc: "one identical network per batch size, trained and measured",
		Columns: []Column{
			key(ColBatchSize, Int, "training batch size"),
			trainLoss, trainAcc, testLoss, testAcc,
			val(ColSensitivity, Float, "mean Frobenius norm of the Jacobian of the softmax output w.r.t. the input (Novak et al. 2018)"),
			val(ColLossGradNorm, Float, "mean Frobenius norm of the gradient of the loss w.r.t. the input (the slides' sensitivity)"),
			val(ColSharpness, Float, "Keskar et al. 2017 sharpness, eps-box projected gradient ascent"),
			val(ColEpochs, Float, "epochs trained (a fraction with budget=steps)"),
			val(ColSteps, Int, "steps trained"),
		}}
	LossSurfaceModels = Table{File: "models.csv", Doc: "the trained models whose surfaces are drawn, evaluated right after training",
		NoAggregate: "each seed's directions and principal components are its own, so surfaces of different seeds do not average",
		Columns: []Column{
			key(ColModel, Text, "model name (sinc; the MNIST MLP by batch size)"),
			key(ColParams, Int, "trainable parameters"),
			key(ColBatchSize, Int, "training batch size"),
			val(ColTrainLoss, Float, "mean loss over the examples the surface is evaluated on, at the trained point θ*"),
			val(ColPC1Explained, Float, "share of the trajectory's variance along its first principal component"),
			val(ColPC2Explained, Float, "share of the trajectory's variance along its second principal component"),
		}}
	LossSurfaceSurface = Table{File: "surface.csv",
		Doc:         "the loss on a grid of a plane through θ*: L(θ* + a·δ + b·η), evaluated only",
		NoAggregate: "each seed's directions are its own",
		Columns: []Column{
			key(ColModel, Text, "model name"),
			key(ColA, Float, "coordinate along δ (plane random) or along PC 1 (plane pca)"),
			key(ColB, Float, "coordinate along η (plane random) or along PC 2 (plane pca)"),
			val(ColTrainLoss, Float, "mean loss over the surface's examples at the grid point"),
			key(ColPlane, Text, "'random': δ, η random filter-normalised directions (Li et al. 2018), a, b in [-1, 1]; 'pca': δ, η the trajectory's first two principal components (unit vectors), a, b in parameter units"),
		}}
	LossSurfaceTrajectory = Table{File: "trajectory.csv",
		Doc:         "the training trajectory θ_t - θ* projected on its first two principal components",
		NoAggregate: "each seed's principal components are its own",
		Columns: []Column{
			key(ColModel, Text, "model name"),
			key(ColEpoch, Int, "epoch of the snapshot (0: initial weights)"),
			val(ColPC1, Float, "coordinate of θ_t - θ* on PC 1 (0 at the last epoch)"),
			val(ColPC2, Float, "coordinate of θ_t - θ* on PC 2"),
			val(ColLoss, Float, "training loss at the snapshot"),
		}}

	HessianSpectrumEigenvalues = Table{File: "eigenvalues.csv", Doc: "the Hessian's largest eigenvalues at each trained model",
		NoAggregate: "eigenvalue i of one seed's model is not eigenvalue i of another's",
		Columns: []Column{
			key(ColModel, Text, "model name"),
			key(ColIndex, Int, "rank, 1 = largest"),
			val(ColEigenvalue, Float, "eigenvalue of the Hessian of the training loss"),
			key(ColMethod, Text, "'lanczos' (top k Ritz values on exact Hessian-vector products) or 'exact' (every eigenvalue of the exact Hessian matrix)"),
		}}
	HessianSpectrumDensity = Table{File: "density.csv", Doc: "the Hessian's spectral density, Gaussian-smoothed, on a grid symmetric in log |λ|",
		NoAggregate: "each seed's λ grid is built from its own quadrature nodes, so rows of different seeds share no lambda",
		Columns: []Column{
			key(ColModel, Text, "model name"),
			key(ColLambda, Float, "eigenvalue axis"),
			val(ColDensity, Float, "spectral density at lambda (integrates to 1)"),
			key(ColMethod, Text, "'lanczos' (stochastic Lanczos quadrature) or 'exact' (the exact eigenvalues, same smoothing)"),
		}}
	HessianSpectrumSummary = Table{File: "summary.csv", Doc: "per model and method: curvature, trace and how it was trained",
		Columns: []Column{
			key(ColModel, Text, "model name"),
			key(ColParams, Int, "trainable parameters"),
			val(ColTopEigenvalue, Float, "largest eigenvalue"),
			val(ColTrace, Float, "trace (Hutchinson's estimate for lanczos, exact for exact)"),
			val(ColTraceStderr, Float, "standard error of the trace (0 for exact)"),
			key(ColMethod, Text, "'lanczos' or 'exact'"),
			key(ColFamily, Text, "the experiment whose model and training this is: min-ratio, interpolation or sensitivity"),
			key(ColBatchSize, Int, "training batch size (the training set's size for full batch)"),
			val(ColTrainLoss, Float, "mean loss over the examples the Hessian is taken over"),
			val(ColSharpness, Float, "Keskar et al. 2017 sharpness, eps-box projected gradient ascent"),
			val(ColNegativeShare, Float, "share of eigenvalues below -tolerance (exact: counted; lanczos: the quadrature's weight)"),
		}}
)

// Experiments returns the experiments with their tables, in the homework's
// order; descriptions.go says what each is.
func Experiments() []Schema {
	return []Schema{
		{Name: FunctionFit, Tables: []Table{FunctionFitModels, FunctionFitLoss, FunctionFitPredictions}, OneThread: true},
		{Name: MNISTDepth, Tables: []Table{MNISTDepthModels, MNISTDepthHistory}},
		{Name: WeightPCA, Tables: []Table{WeightPCASnapshots}},
		{Name: GradNorm, Tables: []Table{GradNormHistory}, OneThread: true},
		{Name: MinRatio, Tables: []Table{MinRatioPoints}, OneThread: true},
		{Name: RandomLabels, Tables: []Table{RandomLabelsLabels, RandomLabelsHistory}},
		{Name: ParamCount, Tables: []Table{ParamCountResults}},
		{Name: Interpolation, Tables: []Table{InterpolationModels, InterpolationCurve}},
		{Name: Sensitivity, Tables: []Table{SensitivityResults}},
		{Name: LossSurface, Tables: []Table{LossSurfaceModels, LossSurfaceSurface, LossSurfaceTrajectory}},
		{Name: HessianSpectrum, Tables: []Table{HessianSpectrumEigenvalues, HessianSpectrumDensity, HessianSpectrumSummary}},
		{Name: DoubleDescent, Tables: []Table{DoubleDescentResults}},
	}
}

// InterpolationLoss is the training loss of DoubleDescentResults below
// which a fit counts as interpolating its training set: the interpolation
// threshold is the fewest parameters of such a fit in the clean series.
// Below the threshold the fits' loss is 1e-3 or more, at and beyond it the
// solve leaves 1e-10 or less.
const InterpolationLoss = 1e-6
