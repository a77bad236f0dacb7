package graphs

import (
	"errors"
	"fmt"
)

// Activation is the non-linearity applied after a Dense or Conv2D layer.
type Activation string

// The activations a layer may use; "" means Linear.
const (
	Linear   Activation = "linear"
	ReLU     Activation = "relu"
	Tanh     Activation = "tanh"
	SELU     Activation = "selu"
	Softplus Activation = "softplus"
)

// LayerKind names a kind of layer.
type LayerKind string

// The layer kinds a Spec may use.
const (
	Dense   LayerKind = "dense"
	Conv2D  LayerKind = "conv2d"
	MaxPool LayerKind = "maxpool"
	Flatten LayerKind = "flatten"
)

// Layer is one layer of a model.
type Layer struct {
	Kind       LayerKind  `json:"kind"`
	Units      int        `json:"units,omitempty"`      // Dense
	Filters    int        `json:"filters,omitempty"`    // Conv2D
	Kernel     int        `json:"kernel,omitempty"`     // Conv2D: square kernel, stride 1, SAME padding
	Pool       int        `json:"pool,omitempty"`       // MaxPool: window = stride, VALID padding
	Activation Activation `json:"activation,omitempty"` // Dense, Conv2D ("" = linear)
}

// Loss names the training objective.
type Loss string

// The losses a Spec may use.
const (
	// MSE is the mean over examples and outputs of the squared error.
	MSE Loss = "mse"
	// SoftmaxCrossEntropy is the mean over examples of the cross-entropy
	// between softmax(logits) and the one-hot label.
	SoftmaxCrossEntropy Loss = "softmax_xent"
)

// OptimizerKind names an optimizer.
type OptimizerKind string

// The optimizers a Spec may use; "" means Adam.
const (
	Adam     OptimizerKind = "adam"
	SGD      OptimizerKind = "sgd"
	Momentum OptimizerKind = "momentum"
)

// Keras's defaults, used where an Optimizer field is zero.
const (
	DefaultLR       = 0.001
	DefaultBeta1    = 0.9
	DefaultBeta2    = 0.999
	DefaultEpsilon  = 1e-7
	DefaultMomentum = 0.9
)

// Optimizer configures the optimizer. Zero fields take Keras's defaults
// (LR 0.001, Beta1 0.9, Beta2 0.999, Epsilon 1e-7, Momentum 0.9); an empty
// Kind means Adam.
type Optimizer struct {
	Kind     OptimizerKind
	LR       float64
	Momentum float64 // Momentum only
	Beta1    float64 // Adam only
	Beta2    float64 // Adam only
	Epsilon  float64 // Adam only
}

// Resolved returns the optimizer with its defaults filled in.
func (o Optimizer) Resolved() Optimizer {
	if o.Kind == "" {
		o.Kind = Adam
	}
	if o.LR == 0 {
		o.LR = DefaultLR
	}
	if o.Beta1 == 0 {
		o.Beta1 = DefaultBeta1
	}
	if o.Beta2 == 0 {
		o.Beta2 = DefaultBeta2
	}
	if o.Epsilon == 0 {
		o.Epsilon = DefaultEpsilon
	}
	if o.Momentum == 0 {
		o.Momentum = DefaultMomentum
	}
	return o
}

// Spec describes a model: its input, layers, loss and optimizer. It is a
// plain value, so a configuration can be printed, saved and rebuilt.
type Spec struct {
	// Input is the shape of one example: {1} for 1-D functions, {784} for
	// flat images, {28, 28, 1} for images (height, width, channels).
	Input []int
	// Layers are applied in order. The last one is Dense; its Units is the
	// number of outputs (classes for SoftmaxCrossEntropy).
	Layers    []Layer
	Loss      Loss
	Optimizer Optimizer
	// Float64 builds the model in float64 (for exact second derivatives);
	// the default is float32.
	Float64 bool
	// Seed draws the initial parameters, so that runs repeat.
	Seed int64
	// Init chooses how initial parameters are drawn: Keras's defaults (the
	// zero value) or PyTorch's.
	Init    Init
	Session SessionConfig
}

// Init names a scheme of initial parameters.
type Init string

const (
	// InitKeras is Keras's default: Glorot uniform weights (He uniform for
	// ReLU, LeCun normal for SELU) and zero biases.
	InitKeras Init = ""
	// InitTorch is PyTorch's default for Linear and Conv2d: weights and
	// biases uniform in ±1/√fan_in. Non-zero biases spread the kinks of
	// ReLU units over a 1-D input instead of putting them all at x = 0.
	InitTorch Init = "torch"
)

// LayerParams is the parameter count of one layer with parameters.
type LayerParams struct {
	Name                   string // "dense1", "conv2", … numbered from 1 per kind
	Weights, Biases, Total int
}

// ParamCounts returns the parameter count of each layer that has
// parameters, in layer order.
func (s Spec) ParamCounts() ([]LayerParams, error) {
	p, err := s.plan()
	if err != nil {
		return nil, err
	}
	out := make([]LayerParams, 0, len(p.layers))
	for _, l := range p.layers {
		if l.weightShape == nil {
			continue
		}
		w, b := prod(l.weightShape), prod(l.biasShape)
		out = append(out, LayerParams{Name: l.name, Weights: w, Biases: b, Total: w + b})
	}
	return out, nil
}

// InitialParams returns the parameters New starts a model of this spec
// from (drawn from Seed with Init), in Model.Params order, without building
// the model.
func (s Spec) InitialParams() ([]float64, error) {
	p, err := s.plan()
	if err != nil {
		return nil, err
	}
	return initialParams(p, s.Seed, s.Init), nil
}

// NumParams returns the total number of parameters.
func (s Spec) NumParams() (int, error) {
	counts, err := s.ParamCounts()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range counts {
		n += c.Total
	}
	return n, nil
}

// short is the kind's name in layer names: "conv" for Conv2D, else the
// kind itself.
func (k LayerKind) short() string {
	if k == Conv2D {
		return "conv"
	}
	return string(k)
}

// plannedLayer is one layer with its shapes worked out.
type plannedLayer struct {
	Layer
	name        string // "dense1", "conv1", "maxpool1", "flatten1": numbered from 1 per kind
	in, out     []int  // shape of one example before and after the layer
	weightShape []int  // nil for layers without parameters
	biasShape   []int
	fanIn       int
	fanOut      int
}

// plan is a validated spec with every layer's shapes.
type plan struct {
	layers  []plannedLayer
	outputs int
}

// plan validates the spec and works out the shape after every layer.
func (s Spec) plan() (plan, error) {
	if s.Init != InitKeras && s.Init != InitTorch {
		return plan{}, fmt.Errorf("spec: unknown Init %q: use %q (Keras's defaults) or %q (PyTorch's)", s.Init, InitKeras, InitTorch)
	}
	if len(s.Input) == 0 {
		return plan{}, errors.New("spec: Input is empty: give the shape of one example, e.g. {784} or {28, 28, 1}")
	}
	for _, d := range s.Input {
		if d <= 0 {
			return plan{}, fmt.Errorf("spec: Input %v has a non-positive dimension", s.Input)
		}
	}
	if len(s.Input) != 1 && len(s.Input) != 3 {
		return plan{}, fmt.Errorf("spec: Input %v must be flat {n} or an image {height, width, channels}", s.Input)
	}
	if len(s.Layers) == 0 {
		return plan{}, errors.New("spec: no layers: the last layer must be Dense with Units = outputs")
	}
	if last := s.Layers[len(s.Layers)-1]; last.Kind != Dense {
		return plan{}, fmt.Errorf("spec: the last layer is %q, but it must be %q (its Units are the outputs)", last.Kind, Dense)
	}
	switch s.Loss {
	case MSE, SoftmaxCrossEntropy:
	case "":
		return plan{}, fmt.Errorf("spec: Loss is empty: use %q or %q", MSE, SoftmaxCrossEntropy)
	default:
		return plan{}, fmt.Errorf("spec: unknown Loss %q: use %q or %q", s.Loss, MSE, SoftmaxCrossEntropy)
	}
	if err := s.Optimizer.validate(); err != nil {
		return plan{}, err
	}

	var p plan
	count := map[LayerKind]int{}
	shape := append([]int(nil), s.Input...)
	for i, l := range s.Layers {
		count[l.Kind]++
		pl := plannedLayer{Layer: l, name: fmt.Sprintf("%s%d", l.Kind.short(), count[l.Kind]), in: shape}
		where := fmt.Sprintf("spec: layer %d (%s)", i+1, pl.name)
		if err := checkActivation(l); err != nil {
			return plan{}, fmt.Errorf("%s: %w", where, err)
		}
		switch l.Kind {
		case Dense:
			if len(shape) != 1 {
				return plan{}, fmt.Errorf("%s: needs a flat input but gets shape %v: add a %q layer before it", where, shape, Flatten)
			}
			if l.Units <= 0 {
				return plan{}, fmt.Errorf("%s: Units must be positive, got %d", where, l.Units)
			}
			pl.weightShape = []int{shape[0], l.Units}
			pl.biasShape = []int{l.Units}
			pl.fanIn, pl.fanOut = shape[0], l.Units
			pl.out = []int{l.Units}
		case Conv2D:
			if len(shape) != 3 {
				return plan{}, fmt.Errorf("%s: needs an image input {height, width, channels} but gets shape %v", where, shape)
			}
			if l.Filters <= 0 || l.Kernel <= 0 {
				return plan{}, fmt.Errorf("%s: Filters and Kernel must be positive, got %d and %d", where, l.Filters, l.Kernel)
			}
			pl.weightShape = []int{l.Kernel, l.Kernel, shape[2], l.Filters}
			pl.biasShape = []int{l.Filters}
			pl.fanIn, pl.fanOut = l.Kernel*l.Kernel*shape[2], l.Kernel*l.Kernel*l.Filters
			pl.out = []int{shape[0], shape[1], l.Filters}
		case MaxPool:
			if len(shape) != 3 {
				return plan{}, fmt.Errorf("%s: needs an image input {height, width, channels} but gets shape %v", where, shape)
			}
			if l.Pool <= 0 || l.Pool > shape[0] || l.Pool > shape[1] {
				return plan{}, fmt.Errorf("%s: Pool must be between 1 and the image size %dx%d, got %d", where, shape[0], shape[1], l.Pool)
			}
			pl.out = []int{shape[0] / l.Pool, shape[1] / l.Pool, shape[2]}
		case Flatten:
			pl.out = []int{prod(shape)}
		default:
			return plan{}, fmt.Errorf("%s: unknown kind %q: use %q, %q, %q or %q", where, l.Kind, Dense, Conv2D, MaxPool, Flatten)
		}
		p.layers = append(p.layers, pl)
		shape = pl.out
	}
	p.outputs = shape[0]
	if s.Loss == SoftmaxCrossEntropy && p.outputs < 2 {
		return plan{}, fmt.Errorf("spec: %s needs at least 2 classes, but the last layer has %d units", s.Loss, p.outputs)
	}
	return p, nil
}

func checkActivation(l Layer) error {
	switch l.Activation {
	case "", Linear, ReLU, Tanh, SELU, Softplus:
	default:
		return fmt.Errorf("unknown activation %q: use %q, %q, %q, %q or %q", l.Activation, Linear, ReLU, Tanh, SELU, Softplus)
	}
	if l.Activation != "" && l.Activation != Linear && l.Kind != Dense && l.Kind != Conv2D {
		return fmt.Errorf("a %s layer takes no activation, got %q", l.Kind, l.Activation)
	}
	return nil
}

func (o Optimizer) validate() error {
	switch o.Kind {
	case "", Adam, SGD, Momentum:
	default:
		return fmt.Errorf("spec: unknown optimizer %q: use %q, %q or %q", o.Kind, Adam, SGD, Momentum)
	}
	if o.LR < 0 || o.Momentum < 0 || o.Beta1 < 0 || o.Beta2 < 0 || o.Epsilon < 0 {
		return fmt.Errorf("spec: optimizer settings must not be negative: %+v", o)
	}
	if o.Beta1 >= 1 || o.Beta2 >= 1 || o.Momentum >= 1 {
		return fmt.Errorf("spec: Beta1, Beta2 and Momentum must be below 1: %+v", o)
	}
	return nil
}

// prod is the product of the dimensions (1 for an empty shape).
func prod(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}
