package results

// key, val and opt build columns: a key column, a measured value, and an
// optional measured value.
func key(name string, k Kind, doc string) Column {
	return Column{Name: name, Kind: k, Key: true, Doc: doc}
}
func val(name string, k Kind, doc string) Column { return Column{Name: name, Kind: k, Doc: doc} }
func opt(name string, k Kind, doc string) Column {
	return Column{Name: name, Kind: k, Optional: true, Doc: doc}
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
	MNISTDepthHistory = Table{File: "history.csv", Doc: "loss and accuracy after every epoch",
		Columns: []Column{key(ColModel, Text, "network name"), epochKey, trainLoss, trainAcc, testLoss, testAcc}}

	WeightPCASnapshots = Table{File: "snapshots.csv",
		Doc: "weight snapshots of every run projected on 2 principal components, one PCA per scope over all runs",
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
		Doc: "one point per run where the gradient norm was driven towards zero, with the exact Hessian's eigenvalues there",
		Columns: []Column{
			key(ColRun, Int, "run (each from its own seed)"),
			val(ColLoss, Float, "training loss (MSE) at the point"),
			val(ColGradNorm, Float, "gradient norm at the point"),
			val(ColMinRatio, Float, "share of the Hessian's eigenvalues above the tolerance"),
			val(ColMinEigenvalue, Float, "smallest eigenvalue"),
			val(ColMaxEigenvalue, Float, "largest eigenvalue"),
			val(ColNearZero, Int, "eigenvalues within the tolerance of zero"),
			val(ColSteps, Int, "steps of minimising the squared gradient norm"),
			val(ColRefineSteps, Int, "Newton refinement steps after that"),
			val(ColReached, Bool, "whether the gradient norm reached grad_norm_target"),
		}}

	RandomLabelsLabels = Table{File: "labels.csv", Doc: "the random training labels, drawn once from the seed",
		Columns: []Column{
			key(ColIndex, Int, "index of the training example"),
			val(ColLabel, Int, "the random label it was trained on"),
			val(ColTrueLabel, Int, "its true label"),
		}}
	RandomLabelsHistory = Table{File: "history.csv", Doc: "loss and accuracy after every epoch (training set: random labels; test set: true labels)",
		Columns: []Column{epochKey, trainLoss, trainAcc, testLoss, testAcc}}

	ParamCountResults = Table{File: "results.csv", Sweep: true, Doc: "final loss and accuracy of every width",
		Columns: []Column{
			key(ColModel, Text, "model name (family and width)"),
			key(ColParams, Int, "trainable parameters"),
			trainLoss, trainAcc, testLoss, testAcc,
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
)

// Experiments returns the experiments with their tables, in the homework's
// order.
func Experiments() []Experiment {
	return []Experiment{
		{Name: FunctionFit, Doc: "deep vs shallow: fit two 1-D functions with ~571-parameter networks of 1, 4 and 7 hidden layers",
			Tables: []Table{FunctionFitModels, FunctionFitLoss, FunctionFitPredictions}},
		{Name: MNISTDepth, Doc: "deep vs shallow: two CNNs of similar size and different depth on MNIST",
			Tables: []Table{MNISTDepthModels, MNISTDepthHistory}},
		{Name: WeightPCA, Doc: "optimization: the weights of several runs on two principal components",
			Tables: []Table{WeightPCASnapshots}},
		{Name: GradNorm, Doc: "optimization: loss and gradient norm at every step",
			Tables: []Table{GradNormHistory}},
		{Name: MinRatio, Doc: "optimization: the minimal ratio of the Hessian where the gradient vanishes",
			Tables: []Table{MinRatioPoints}},
		{Name: RandomLabels, Doc: "generalization: a network memorises random labels",
			Tables: []Table{RandomLabelsLabels, RandomLabelsHistory}},
		{Name: ParamCount, Doc: "generalization: train and test loss against the number of parameters",
			Tables: []Table{ParamCountResults}},
		{Name: Interpolation, Doc: "generalization: the loss between two solutions (batch size, learning rate)",
			Tables: []Table{InterpolationModels, InterpolationCurve}},
		{Name: Sensitivity, Doc: "generalization: sensitivity and sharpness against batch size",
			Tables: []Table{SensitivityResults}},
	}
}
