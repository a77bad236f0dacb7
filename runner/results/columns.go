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
	// LossSurface and HessianSpectrum are issue #15's experiments beyond
	// the homework's nine.
	LossSurface     = "loss-surface"
	HessianSpectrum = "hessian-spectrum"
	// DoubleDescent is issue #28's, past the homework too.
	DoubleDescent = "double-descent"
)

// The columns of the result tables. A name means the same thing in every
// table that has it.
const (
	ColA             = "a"
	ColAcc           = "acc"
	ColAlpha         = "alpha"
	ColB             = "b"
	ColBatchSize     = "batch_size"
	ColConvLayers    = "conv_layers"
	ColDenseLayers   = "dense_layers"
	ColDensity       = "density"
	ColDraw          = "draw"
	ColEigenvalue    = "eigenvalue"
	ColEpoch         = "epoch"
	ColEpochs        = "epochs"
	ColFamily        = "family"
	ColFeatures      = "features"
	ColFunction      = "function"
	ColGradNorm      = "grad_norm"
	ColHessianError  = "hessian_error"
	ColHiddenLayers  = "hidden_layers"
	ColIndex         = "index"
	ColLabel         = "label"
	ColLabelNoise    = "label_noise"
	ColLambda        = "lambda"
	ColLoss          = "loss"
	ColLossGradNorm  = "loss_grad_norm"
	ColLR            = "lr"
	ColMaxEigenvalue = "max_eigenvalue"
	ColMethod        = "method"
	ColMinEigenvalue = "min_eigenvalue"
	ColMinRatio      = "min_ratio"
	ColMinRatioClear = "min_ratio_clear"
	ColModel         = "model"
	ColNearZero      = "near_zero"
	ColNegativeShare = "negative_share"
	ColPair          = "pair"
	ColParams        = "params"
	ColPC1           = "pc1"
	ColPC2           = "pc2"
	ColPC1Explained  = "pc1_explained"
	ColPC2Explained  = "pc2_explained"
	ColPlane         = "plane"
	ColReached       = "reached"
	ColRefineSteps   = "refine_steps"
	ColRun           = "run"
	ColScope         = "scope"
	ColSensitivity   = "sensitivity"
	ColSharpness     = "sharpness"
	ColStep          = "step"
	ColSteps         = "steps"
	ColTestAcc       = "test_acc"
	ColTestError     = "test_error"
	ColTestLoss      = "test_loss"
	ColTolerance     = "tolerance"
	ColTopEigenvalue = "top_eigenvalue"
	ColTrace         = "trace"
	ColTraceStderr   = "trace_stderr"
	ColTrainAcc      = "train_acc"
	ColTrainError    = "train_error"
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
	// PlaneRandom and PlanePCA are loss-surface's planes: two random
	// filter-normalised directions through the trained point, and the
	// first two principal components of its training trajectory.
	PlaneRandom = "random"
	PlanePCA    = "pca"
	// MethodLanczos and MethodExact are hessian-spectrum's methods: Lanczos
	// and Hutchinson on exact Hessian-vector products, and the eigenvalues
	// of the exact Hessian matrix.
	MethodLanczos = "lanczos"
	MethodExact   = "exact"
)
