package results

// The experiments' names: the CLI names and the folders under OUT.
const (
	FunctionFit   = "function-fit"
	MNISTDepth    = "mnist-depth"
	WeightPCA     = "weight-pca"
	GradNorm      = "grad-norm"
	MinRatio      = "min-ratio"
	RandomLabels  = "random-labels"
	ParamCount    = "param-count"
	Interpolation = "interpolation"
	Sensitivity   = "sensitivity"
)

// The columns of the result tables. A name means the same thing in every
// table that has it.
const (
	ColAcc           = "acc"
	ColAlpha         = "alpha"
	ColBatchSize     = "batch_size"
	ColConvLayers    = "conv_layers"
	ColDenseLayers   = "dense_layers"
	ColEpoch         = "epoch"
	ColEpochs        = "epochs"
	ColFunction      = "function"
	ColGradNorm      = "grad_norm"
	ColHiddenLayers  = "hidden_layers"
	ColIndex         = "index"
	ColLabel         = "label"
	ColLoss          = "loss"
	ColLossGradNorm  = "loss_grad_norm"
	ColLR            = "lr"
	ColMaxEigenvalue = "max_eigenvalue"
	ColMinEigenvalue = "min_eigenvalue"
	ColMinRatio      = "min_ratio"
	ColModel         = "model"
	ColNearZero      = "near_zero"
	ColPair          = "pair"
	ColParams        = "params"
	ColPC1           = "pc1"
	ColPC2           = "pc2"
	ColReached       = "reached"
	ColRefineSteps   = "refine_steps"
	ColRun           = "run"
	ColScope         = "scope"
	ColSensitivity   = "sensitivity"
	ColSharpness     = "sharpness"
	ColStep          = "step"
	ColSteps         = "steps"
	ColTestAcc       = "test_acc"
	ColTestLoss      = "test_loss"
	ColTrainAcc      = "train_acc"
	ColTrainLoss     = "train_loss"
	ColTrueLabel     = "true_label"
	ColX             = "x"
	ColYPred         = "y_pred"
	ColYTrue         = "y_true"
)

// Cell values that readers of the tables rely on.
const (
	// ScopeModel is weight-pca's scope of the whole model's weights; the
	// other scope is a layer's name.
	ScopeModel = "model"
	// PairBatch and PairLR are interpolation's pairs: small vs large batch,
	// and low vs high learning rate.
	PairBatch = "batch"
	PairLR    = "lr"
)
