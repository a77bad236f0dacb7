package graphs

import (
	"errors"
	"fmt"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// Data is a set of examples in host memory.
type Data struct {
	N int
	// X holds N examples of the model's Input shape, one after another
	// (row-major; images height, width, channels).
	X []float32
	// Y holds N·outputs targets, for MSE models.
	Y []float32
	// Labels holds N class ids in [0, outputs), for SoftmaxCrossEntropy
	// models.
	Labels []int32
}

// Dataset is data loaded into a model's graph: it stays in TensorFlow's
// memory (a variable), and steps and probes pick examples by index, so a
// step feeds only an index vector.
type Dataset struct {
	m      *Model
	offset int // row of its first example in the model's data variables
	n      int
}

// Len returns the number of examples.
func (ds *Dataset) Len() int { return ds.n }

// Head returns the first n examples of ds as a dataset of the same model,
// sharing ds's loaded rows (nothing is copied); n <= 0 or n >= ds.Len()
// returns ds itself.
func (ds *Dataset) Head(n int) *Dataset {
	if n <= 0 || n >= ds.n {
		return ds
	}
	return &Dataset{m: ds.m, offset: ds.offset, n: n}
}

// dataOps hold every dataset loaded into a model: all examples of all
// datasets, one after another, in one variable per kind (inputs, targets,
// labels). A Dataset is a range of rows.
type dataOps struct {
	xFeed, yFeed, labFeed tf.Output // placeholders of one Load's examples
	xRead, yRead, labRead tf.Output // reads of all loaded rows (y and labels as the loss needs)
	load                  *tf.Operation
	rows                  int // rows loaded so far
}

// buildData adds the data variables, their append op, and the gather of a
// batch by index (m.idx, m.x, m.y, m.lab). It returns the op that empties
// the variables.
func (m *Model) buildData(s *op.Scope) *tf.Operation {
	dt := m.b.dt
	in := int64s(m.spec.Input)
	rowShape := append([]int64{-1}, in...)
	emptyShape := append([]int64{0}, in...)
	axis0 := func() tf.Output { return op.Const(s.SubScope("axis0"), int32(0)) }

	xVar := m.b.variable(s, "x", dt, rowShape)
	m.data.xFeed = op.Placeholder(s.SubScope("x_new"), tf.Float, op.PlaceholderShape(tf.MakeShape(rowShape...)))
	xNew := m.data.xFeed
	if dt != tf.Float {
		xNew = op.Cast(s.SubScope("x_cast"), xNew, dt)
	}
	xAll := op.ConcatV2(s.SubScope("x_append"), []tf.Output{op.ReadVariableOp(s.SubScope("x_old"), xVar, dt), xNew}, axis0())
	loads := []*tf.Operation{op.AssignVariableOp(s.SubScope("x_load"), xVar, xAll)}
	inits := []*tf.Operation{op.AssignVariableOp(s.SubScope("x_init"), xVar, m.b.zeros(s.SubScope("x_empty"), emptyShape))}

	m.idx = op.Placeholder(s.SubScope("index"), tf.Int32, op.PlaceholderShape(tf.MakeShape(-1)))
	m.data.xRead = op.ReadVariableOp(s.SubScope("x_read"), xVar, dt)
	m.x = op.GatherV2(s.SubScope("x_batch"), m.data.xRead, m.idx, axis0())

	switch m.spec.Loss {
	case MSE:
		k := int64(m.plan.outputs)
		yVar := m.b.variable(s, "y", dt, []int64{-1, k})
		m.data.yFeed = op.Placeholder(s.SubScope("y_new"), tf.Float, op.PlaceholderShape(tf.MakeShape(-1, k)))
		yNew := m.data.yFeed
		if dt != tf.Float {
			yNew = op.Cast(s.SubScope("y_cast"), yNew, dt)
		}
		yAll := op.ConcatV2(s.SubScope("y_append"), []tf.Output{op.ReadVariableOp(s.SubScope("y_old"), yVar, dt), yNew}, axis0())
		loads = append(loads, op.AssignVariableOp(s.SubScope("y_load"), yVar, yAll))
		inits = append(inits, op.AssignVariableOp(s.SubScope("y_init"), yVar, m.b.zeros(s.SubScope("y_empty"), []int64{0, k})))
		m.data.yRead = op.ReadVariableOp(s.SubScope("y_read"), yVar, dt)
		m.y = op.GatherV2(s.SubScope("y_batch"), m.data.yRead, m.idx, axis0())
	case SoftmaxCrossEntropy:
		labVar := m.b.variable(s, "labels", tf.Int32, []int64{-1})
		m.data.labFeed = op.Placeholder(s.SubScope("labels_new"), tf.Int32, op.PlaceholderShape(tf.MakeShape(-1)))
		labAll := op.ConcatV2(s.SubScope("labels_append"), []tf.Output{op.ReadVariableOp(s.SubScope("labels_old"), labVar, tf.Int32), m.data.labFeed}, axis0())
		loads = append(loads, op.AssignVariableOp(s.SubScope("labels_load"), labVar, labAll))
		empty := op.Fill(s.SubScope("labels_empty"), op.Const(s.SubScope("labels_dims"), []int32{0}), op.Const(s.SubScope("labels_zero"), int32(0)))
		inits = append(inits, op.AssignVariableOp(s.SubScope("labels_init"), labVar, empty))
		m.data.labRead = op.ReadVariableOp(s.SubScope("labels_read"), labVar, tf.Int32)
		m.lab = op.GatherV2(s.SubScope("labels_batch"), m.data.labRead, m.idx, axis0())
	}
	m.data.load = group(s.SubScope("load"), loads...)
	return group(s.SubScope("init"), inits...)
}

// Load copies d into the model's graph and returns a handle to it. Load
// may be called several times (a training set, a test set); every dataset
// stays loaded until the model is closed.
func (m *Model) Load(d Data) (*Dataset, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return nil, err
	}
	if err := m.checkData(d); err != nil {
		return nil, err
	}
	x, err := tf.NewTensor(d.X)
	if err != nil {
		return nil, fmt.Errorf("load data: %w", err)
	}
	if err := x.Reshape(append([]int64{int64(d.N)}, int64s(m.spec.Input)...)); err != nil {
		return nil, fmt.Errorf("load data: %w", err)
	}
	feeds := map[tf.Output]*tf.Tensor{m.data.xFeed: x}
	switch m.spec.Loss {
	case MSE:
		y, err := tf.NewTensor(d.Y)
		if err != nil {
			return nil, fmt.Errorf("load data: %w", err)
		}
		if err := y.Reshape([]int64{int64(d.N), int64(m.plan.outputs)}); err != nil {
			return nil, fmt.Errorf("load data: %w", err)
		}
		feeds[m.data.yFeed] = y
	case SoftmaxCrossEntropy:
		lab, err := tf.NewTensor(d.Labels)
		if err != nil {
			return nil, fmt.Errorf("load data: %w", err)
		}
		feeds[m.data.labFeed] = lab
	}
	if _, err := m.sess.Run(feeds, nil, []*tf.Operation{m.data.load}); err != nil {
		return nil, fmt.Errorf("load data into the graph: %w", err)
	}
	ds := &Dataset{m: m, offset: m.data.rows, n: d.N}
	m.data.rows += d.N
	return ds, nil
}

// checkData reports what is wrong with d for this model.
func (m *Model) checkData(d Data) error {
	if d.N <= 0 {
		return fmt.Errorf("load data: N = %d, want at least one example", d.N)
	}
	if d.N > 1<<31-1-m.data.rows {
		return fmt.Errorf("load data: %d examples are more than int32 indices can address", d.N)
	}
	if want := d.N * prod(m.spec.Input); len(d.X) != want {
		return fmt.Errorf("load data: X has %d values, want N·%v = %d", len(d.X), m.spec.Input, want)
	}
	k := m.plan.outputs
	switch m.spec.Loss {
	case MSE:
		if want := d.N * k; len(d.Y) != want {
			return fmt.Errorf("load data: an MSE model needs Y with N·outputs = %d values, got %d", want, len(d.Y))
		}
	case SoftmaxCrossEntropy:
		if len(d.Labels) != d.N {
			return fmt.Errorf("load data: a classifier needs N = %d Labels, got %d", d.N, len(d.Labels))
		}
		for i, l := range d.Labels {
			if l < 0 || int(l) >= k {
				return fmt.Errorf("load data: label %d of example %d is outside the model's %d classes", l, i, k)
			}
		}
	}
	return nil
}

// indexTensor checks idx against ds and returns it as a tensor of rows of
// the model's data variables.
func (m *Model) indexTensor(ds *Dataset, idx []int32) (*tf.Tensor, error) {
	if ds == nil {
		return nil, errors.New("no dataset: pass one returned by this model's Load")
	}
	if ds.m != m {
		return nil, errors.New("the dataset was loaded into another model: Load it into this one")
	}
	if len(idx) == 0 {
		return nil, errors.New("no examples: the index list is empty")
	}
	rows := make([]int32, len(idx))
	for i, j := range idx {
		if j < 0 || int(j) >= ds.n {
			return nil, fmt.Errorf("index %d is outside the dataset's %d examples", j, ds.n)
		}
		rows[i] = j + int32(ds.offset)
	}
	t, err := tf.NewTensor(rows)
	if err != nil {
		return nil, fmt.Errorf("make index tensor: %w", err)
	}
	return t, nil
}

// indexRange returns the indices start..end-1.
func indexRange(start, end int) []int32 {
	out := make([]int32, end-start)
	for i := range out {
		out[i] = int32(start + i)
	}
	return out
}
