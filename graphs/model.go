package graphs

import (
	"errors"
	"fmt"
	"os"
	"sync"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// Model is one model: its TensorFlow graph, the session that runs it, its
// parameters and optimizer state, and the datasets loaded into it. Close
// it when done. A Model's methods may be called from several goroutines;
// they run one at a time.
type Model struct {
	mu     sync.Mutex
	spec   Spec
	plan   plan
	b      *builder
	graph  *tf.Graph
	sess   *tf.Session
	closed bool

	nParams int
	params  []paramVar
	reads   []tf.Output // one ReadVariableOp per parameter tensor

	paramsFlat tf.Output     // all parameters as one vector
	setFeed    tf.Output     // placeholder [nParams] for SetParams
	setParams  *tf.Operation // assigns setFeed to the parameters
	lrVar      tf.Output     // the learning-rate variable
	lrFeed     tf.Output
	setLR      *tf.Operation

	data dataOps
	idx  tf.Output // placeholder [batch] int32: rows of the loaded data
	x    tf.Output // the batch's inputs; fed directly by Predict
	y    tf.Output // the batch's targets (MSE)
	lab  tf.Output // the batch's labels (SoftmaxCrossEntropy)

	outputs  tf.Output // logits for classifiers
	loss     lossOps
	grads    []tf.Output
	gradFlat tf.Output
	gradNorm tf.Output
	opt      optimizerOps

	chunk int // if > 0, overrides chunkSize (tests)

	// Built on first use.
	sens   *sensitivityOps
	second *secondOrderOps
	multi  multiSteps // TrainSteps' unrolled steps
}

// paramVar is one parameter tensor (a layer's weights or biases).
type paramVar struct {
	layer  string
	shape  []int64
	size   int
	offset int // index of its first value in the flat parameter vector
	handle tf.Output
}

// New builds the model the spec describes, opens its session and sets the
// initial parameters drawn from spec.Seed.
//
// For repeatable results on CPU, New sets TF_DETERMINISTIC_OPS=1 in the
// process environment unless it is already set (TensorFlow reads it once,
// so set it yourself before the first model if you want otherwise); with a
// fixed Session.IntraOpThreads the same spec and data give bit-identical
// parameters after the same steps. TF_ENABLE_ONEDNN_OPTS, which makes
// convolutions on CPU several times faster, is read when the library loads:
// it has to be in the environment before the process starts (the hw1
// command and the Makefile see to it).
func New(spec Spec) (*Model, error) {
	p, err := spec.plan()
	if err != nil {
		return nil, err
	}
	if err := setDefaultEnv(); err != nil {
		return nil, err
	}
	spec = spec.clone()
	spec.Optimizer = spec.Optimizer.Resolved()
	dt := tf.Float
	if spec.Float64 {
		dt = tf.Double
	}
	g := tf.NewGraph()
	m := &Model{spec: spec, plan: p, graph: g, b: &builder{root: op.NewScopeWithGraph(g), dt: dt}}
	init, err := m.build()
	if err != nil {
		return nil, fmt.Errorf("build model graph: %w", err)
	}
	opts, err := m.sessionConfig().Options()
	if err != nil {
		return nil, err
	}
	m.sess, err = tf.NewSession(g, opts)
	if err != nil {
		return nil, fmt.Errorf("open TensorFlow session: %w", err)
	}
	if _, err := m.sess.Run(nil, nil, init); err != nil {
		m.sess.Close()
		return nil, fmt.Errorf("initialise model state: %w", err)
	}
	if err := m.setParamsLocked(initialParams(p, spec.Seed, spec.Init)); err != nil {
		m.sess.Close()
		return nil, fmt.Errorf("set initial parameters: %w", err)
	}
	return m, nil
}

// sessionConfig is the spec's session configuration, with one intra-op
// thread for a small dense model (smallDense) when sessions have thread
// pools of their own (OwnThreadPools): its ops are so small that a second
// thread only adds hand-offs. On 2 cores function-fit's 571-parameter
// models train about 1.5 times as fast on one thread; their results are
// bit-identical to two threads' (an op this small is never split between
// threads). Without pools of their own, sessions share the pool of the
// first session of the process, and one thread there would hold every
// later session, convolutions included, to one thread.
func (m *Model) sessionConfig() SessionConfig {
	c := m.spec.Session
	if m.smallDense() && OwnThreadPools() {
		c.IntraOpThreads = 1
	}
	return c
}

// build adds the model's graph: parameters, data, forward pass, loss,
// gradients and optimizer. It returns the ops that initialise the state.
func (m *Model) build() ([]*tf.Operation, error) {
	s := m.b.root
	dt := m.b.dt

	ps := s.SubScope("params")
	for _, l := range m.plan.layers {
		if l.weightShape == nil {
			continue
		}
		for _, part := range []struct {
			name  string
			shape []int
		}{{"weights", l.weightShape}, {"biases", l.biasShape}} {
			shape := int64s(part.shape)
			pv := paramVar{layer: l.name, shape: shape, size: prod(part.shape), offset: m.nParams}
			pv.handle = m.b.variable(ps, l.name+"_"+part.name, dt, shape)
			m.nParams += pv.size
			m.params = append(m.params, pv)
			m.reads = append(m.reads, op.ReadVariableOp(ps.SubScope("read"), pv.handle, dt))
		}
	}
	m.paramsFlat = flatConcat(ps.SubScope("all"), m.reads)
	m.setFeed = op.Placeholder(ps.SubScope("set_values"), dt, op.PlaceholderShape(tf.MakeShape(int64(m.nParams))))
	var assigns []*tf.Operation
	for _, pv := range m.params {
		as := ps.SubScope("set")
		part := op.Slice(as.SubScope("slice"), m.setFeed, op.Const(as.SubScope("begin"), []int32{int32(pv.offset)}),
			op.Const(as.SubScope("size"), []int32{int32(pv.size)}))
		shaped := op.Reshape(as.SubScope("reshape"), part, op.Const(as.SubScope("shape"), int32sOf(pv.shape)))
		assigns = append(assigns, op.AssignVariableOp(as.SubScope("assign"), pv.handle, shaped))
	}
	m.setParams = group(ps.SubScope("set_all"), assigns...)

	optScope := s.SubScope("optimizer")
	m.lrVar = m.b.variable(optScope, "learning_rate", dt, nil)
	lr := op.ReadVariableOp(optScope.SubScope("read_lr"), m.lrVar, dt)
	m.lrFeed = op.Placeholder(optScope.SubScope("lr_value"), dt, op.PlaceholderShape(tf.ScalarShape()))
	m.setLR = op.AssignVariableOp(optScope.SubScope("set_lr"), m.lrVar, m.lrFeed)
	initLR := op.AssignVariableOp(optScope.SubScope("init_lr"), m.lrVar, constant(optScope.SubScope("lr0"), dt, m.spec.Optimizer.LR))

	initData := m.buildData(s.SubScope("data"))

	fs := s.SubScope("model")
	var err error
	var cuts []reluCut
	m.outputs, cuts, err = forwardCuts(fs, m.plan, dt, m.x, m.reads, firstOrder)
	if err != nil {
		return nil, err
	}
	m.loss = buildLoss(s.SubScope("loss"), m.spec.Loss, dt, m.outputs, m.y, m.lab, m.plan.outputs)
	m.grads, err = reluGradients(s, "gradients", dt, m.loss.mean, m.reads, cuts)
	if err != nil {
		return nil, err
	}
	m.gradFlat = flatConcat(s.SubScope("grad_flat"), m.grads)
	m.gradNorm = op.Sqrt(s.SubScope("grad_norm"), sumSquares(s.SubScope("grad_sq"), m.grads))
	m.opt = m.b.buildOptimizer(optScope.SubScope("train"), m.spec.Optimizer, m.params, m.grads, lr)
	if err := s.Err(); err != nil {
		return nil, err
	}
	return []*tf.Operation{initLR, initData, m.opt.reset}, nil
}

// Close releases the session. The model cannot be used afterwards.
func (m *Model) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil
	}
	m.closed = true
	if err := m.sess.Close(); err != nil {
		return fmt.Errorf("close TensorFlow session: %w", err)
	}
	return nil
}

// Spec returns the model's spec, with the optimizer's defaults filled in
// and the learning rate last set by SetLearningRate.
func (m *Model) Spec() Spec { return m.spec.clone() }

// NumParams returns the number of parameters.
func (m *Model) NumParams() int { return m.nParams }

// Threads is the number of intra-op threads the model's session runs on:
// the spec's (0: the machine's cores), or one for a small dense model
// (sessionConfig).
func (m *Model) Threads() int { return m.sessionConfig().Resolved().IntraOpThreads }

// SetLearningRate changes the learning rate of the following steps.
func (m *Model) SetLearningRate(lr float64) error {
	if !(lr >= 0) {
		return fmt.Errorf("set learning rate: %v is not a non-negative number", lr)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return err
	}
	t, err := scalarTensor(m.b.dt, lr)
	if err != nil {
		return err
	}
	if _, err := m.sess.Run(map[tf.Output]*tf.Tensor{m.lrFeed: t}, nil, []*tf.Operation{m.setLR}); err != nil {
		return fmt.Errorf("set learning rate: %w", err)
	}
	m.spec.Optimizer.LR = lr
	return nil
}

// ResetOptimizer zeroes the optimizer's moments (and restarts Adam's bias
// correction), as a freshly built model has them.
func (m *Model) ResetOptimizer() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return err
	}
	ops := []*tf.Operation{m.opt.reset}
	if m.second != nil {
		ops = append(ops, m.second.gnOpt.reset)
	}
	if _, err := m.sess.Run(nil, nil, ops); err != nil {
		return fmt.Errorf("reset optimizer: %w", err)
	}
	return nil
}

// Params returns all parameters as one vector: layer by layer, each
// layer's weights then its biases, each tensor in row-major order (Dense
// weights [in, units], Conv2D weights [k, k, in_channels, filters]).
func (m *Model) Params() ([]float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return nil, err
	}
	return m.paramsLocked()
}

func (m *Model) paramsLocked() ([]float64, error) {
	out, err := m.sess.Run(nil, []tf.Output{m.paramsFlat}, nil)
	if err != nil {
		return nil, fmt.Errorf("read parameters: %w", err)
	}
	return floats(out[0])
}

// NamedParams are the parameters of one layer.
type NamedParams struct {
	Name   string    // as in Spec.ParamCounts
	Values []float64 // weights then biases, as in Params
}

// LayerParams returns the parameters split by layer, named as
// Spec.ParamCounts names them.
func (m *Model) LayerParams() ([]NamedParams, error) {
	all, err := m.Params()
	if err != nil {
		return nil, err
	}
	var out []NamedParams
	for _, pv := range m.params {
		vals := all[pv.offset : pv.offset+pv.size]
		if n := len(out); n > 0 && out[n-1].Name == pv.layer {
			out[n-1].Values = append(out[n-1].Values, vals...)
			continue
		}
		out = append(out, NamedParams{Name: pv.layer, Values: append([]float64(nil), vals...)})
	}
	return out, nil
}

// SetParams sets all parameters from one vector in the order of Params.
// The optimizer's state is left as it is.
func (m *Model) SetParams(p []float64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return err
	}
	return m.setParamsLocked(p)
}

func (m *Model) setParamsLocked(p []float64) error {
	if len(p) != m.nParams {
		return fmt.Errorf("set parameters: got %d values, but the model has %d parameters", len(p), m.nParams)
	}
	t, err := floatTensor(m.b.dt, p, []int64{int64(m.nParams)})
	if err != nil {
		return err
	}
	if _, err := m.sess.Run(map[tf.Output]*tf.Tensor{m.setFeed: t}, nil, []*tf.Operation{m.setParams}); err != nil {
		return fmt.Errorf("set parameters: %w", err)
	}
	return nil
}

func (m *Model) usable() error {
	if m.closed {
		return errors.New("the model is closed")
	}
	return nil
}

// clone returns a copy of s that shares no slices with it.
func (s Spec) clone() Spec {
	s.Input = append([]int(nil), s.Input...)
	s.Layers = append([]Layer(nil), s.Layers...)
	return s
}

func int32sOf(shape []int64) []int32 {
	out := make([]int32, len(shape))
	for i, d := range shape {
		out[i] = int32(d)
	}
	return out
}

// setDefaultEnv asks TensorFlow for deterministic kernels (repeatable
// tables) unless the user chose otherwise.
func setDefaultEnv() error {
	if _, set := os.LookupEnv("TF_DETERMINISTIC_OPS"); set {
		return nil
	}
	if err := os.Setenv("TF_DETERMINISTIC_OPS", "1"); err != nil {
		return fmt.Errorf("set TF_DETERMINISTIC_OPS: %w", err)
	}
	return nil
}
