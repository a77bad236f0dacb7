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
// TrainStep runs one in-graph optimizer update (ResourceApplyAdam,
// ResourceApplyGradientDescent, ResourceApplyKerasMomentum) and returns the
// batch loss; TrainStepGradNorm also returns the gradient norm from the same
// run. TrainSteps runs several batches' steps with bit-identical results,
// unrolled into one Session.Run for small dense models (StepsPerRun), where
// the fixed cost of a run dominates. Evaluate, Predict, Params, LayerParams, SetParams, Gradient,
// GradNorm, Sensitivity (input Jacobian and loss-gradient norms) and
// Sharpness (Keskar et al. 2017, by projected gradient ascent) read the
// model; probes over many examples run in chunks.
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
// # Concurrency
//
// A Model's methods may be called from several goroutines; they run one at
// a time. Separate models run independently.
package graphs
