// Package graphs builds and runs hw1's models as TensorFlow graphs through
// graft (github.com/wamuir/graft, the TensorFlow 2.18 C API).
//
// It knows nothing of experiments, files, plots or flags: the runner asks it
// for models, trains them and reads them back. Everything that touches graft
// stays inside this package.
//
// # Models
//
// A Spec is a plain value: input shape, layers (Dense, Conv2D, MaxPool,
// Flatten), loss (MSE or softmax cross-entropy), optimizer (Adam, SGD,
// momentum, with Keras's defaults and update rules), float32 or float64,
// and a seed. New builds one graph and one session for it; Close releases
// them. The initial parameters are drawn in Go from the seed (Keras's
// defaults: He uniform for ReLU, LeCun normal for SELU, Glorot uniform
// otherwise, zero biases; or PyTorch's with Spec.Init = InitTorch) and fed
// once, so a run repeats: with a fixed thread count the same spec, data
// and steps give bit-identical parameters on CPU (New also sets
// TF_DETERMINISTIC_OPS=1 unless it is set).
//
// # Data
//
// Model.Load copies examples into the graph once (a variable per kind);
// every step, evaluation and probe then feeds only an int32 index vector and
// gathers its batch inside TensorFlow. Several datasets (train, test) can
// be loaded into one model.
//
// # Training and probes
//
// TrainSteps takes one in-graph optimizer update per batch
// (ResourceApplyAdam, ResourceApplyGradientDescent,
// ResourceApplyKerasMomentum) and returns each batch's loss; for small
// dense models (StepsPerRun) several steps are unrolled into one
// Session.Run, where the fixed cost of a run dominates, with results
// bit-identical to a run per step. The training gradient of a ReLU is
// built from the ReLU's output, as TensorFlow's Python
// gradient does, not from its input as the C API's does, with the same
// values: the graph optimizer can then fuse each convolution's or dense
// layer's bias and ReLU into one kernel. TrainStepGradNorm takes one step and
// also returns the gradient norm from the same run. Evaluate, Predict,
// Params, LayerParams, SetParams, Gradient, GradNorm, Sensitivity (input
// Jacobian and loss-gradient norms) and Sharpness (Keskar et al. 2017, by
// projected gradient ascent) read the model; probes over many examples
// run in chunks.
//
// # Second order
//
// Hessian, HessianVector and TrainGradNormStep differentiate the loss twice.
// TensorFlow registers no gradient for ReluGrad, TanhGrad, BiasAddGrad and
// other first-order gradient ops, so these run on a second forward pass
// built from ops that differentiate twice (ReLU as Maximum(x, 0), tanh from
// Exp, bias by a broadcast AddV2, cross-entropy from LogSoftmax). The
// results are exact, not finite differences. They exist for fully
// connected models only: convolution and pooling have no such form, and
// asking for them returns an error.
//
// # Hessian spectrum
//
// On the exact Hessian-vector products of a model (Model.HessianOperator,
// dense models only, as the Hessian), as PyHessian (Yao et al. 2020) and
// Ghorbani et al. 2019: TopEigenvalues by Lanczos with full
// reorthogonalisation, HutchinsonTrace by Hutchinson's estimator with its
// standard error, and the spectral density by stochastic Lanczos
// quadrature (SpectralQuadrature for the nodes and weights,
// SpectralDensity for their Gaussian smoothing on a grid). They are
// functions of any symmetric operator given as an HVPFunc; they accumulate
// in float64, and the tridiagonal matrices are decomposed by gonum.
//
// # Loss surface
//
// Spec.RandomDirection draws a Gaussian direction normalised filter by
// filter to the parameters (Li et al. 2018, "Visualizing the Loss
// Landscape of Neural Nets"; Spec.FilterNormalize does the scaling), and
// Model.LossSurface evaluates the loss and accuracy on a grid of the plane
// θ + a·δ + b·η (or a line), a SetParams and an evaluation per point on
// the same graph and loaded data. Any model, convolutions included.
//
// # Concurrency
//
// A Model's methods may be called from several goroutines; they run one at
// a time. Separate models run independently.
package graphs
