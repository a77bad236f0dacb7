package graphs

import (
	"fmt"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// builder adds ops to a model's graph. It hands every resource variable a
// shared_name of its own: with an empty one, all handles of a dtype and
// shape would point at the same variable.
type builder struct {
	root  *op.Scope
	dt    tf.DataType
	nvars int
}

// variable adds a resource variable of dtype dt and shape (-1 for a
// dimension that may change with assignments).
func (b *builder) variable(s *op.Scope, name string, dt tf.DataType, shape []int64) tf.Output {
	b.nvars++
	return op.VarHandleOp(s.SubScope(name), dt, tf.MakeShape(shape...),
		op.VarHandleOpSharedName(fmt.Sprintf("hw1_%d_%s", b.nvars, name)))
}

// zeros adds a constant tensor of zeros of dtype b.dt and the given (fully
// known) shape.
func (b *builder) zeros(s *op.Scope, shape []int64) tf.Output {
	dims := make([]int32, len(shape))
	for i, d := range shape {
		dims[i] = int32(d)
	}
	return op.Fill(s.SubScope("zeros"), op.Const(s.SubScope("dims"), dims), constant(s.SubScope("zero"), b.dt, 0))
}

// group adds an op that runs after all of ops.
func group(s *op.Scope, ops ...*tf.Operation) *tf.Operation {
	return op.NoOp(s.WithControlDependencies(ops...))
}

// flatConcat adds the concatenation of ts, each flattened, into one vector.
func flatConcat(s *op.Scope, ts []tf.Output) tf.Output {
	flat := make([]tf.Output, len(ts))
	for i, t := range ts {
		flat[i] = op.Reshape(s.SubScope("flat"), t, op.Const(s.SubScope("minus1"), []int32{-1}))
	}
	if len(flat) == 1 {
		return flat[0]
	}
	return op.ConcatV2(s.SubScope("concat"), flat, op.Const(s.SubScope("axis"), int32(0)))
}

// sumSquares adds Σ_i Σ ts[i]², a scalar.
func sumSquares(s *op.Scope, ts []tf.Output) tf.Output {
	parts := make([]tf.Output, len(ts))
	for i, t := range ts {
		parts[i] = op.Sum(s.SubScope("sum"), op.Square(s.SubScope("square"), t), allAxes(s, t))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return op.AddN(s.SubScope("total"), parts)
}

// allAxes adds the list 0..rank-1 of t's axes; t's rank must be known
// when the graph is built.
func allAxes(s *op.Scope, t tf.Output) tf.Output {
	axes := make([]int32, t.Shape().NumDimensions())
	for i := range axes {
		axes[i] = int32(i)
	}
	return op.Const(s.SubScope("axes"), axes)
}

// gradients adds the gradient of y with respect to xs, seeded with an
// explicit 1 (a nil seed inserts OnesLike, which has no gradient itself, so
// the result could not be differentiated again). It runs in a fresh
// sub-scope of its own, as TensorFlow requires.
func gradients(s *op.Scope, name string, dt tf.DataType, y tf.Output, xs []tf.Output) ([]tf.Output, error) {
	gs := s.SubScope(name)
	one := constant(gs.SubScope("seed"), dt, 1)
	out := op.Gradients(gs.SubScope("grad"), []tf.Output{y}, xs, one)
	if err := s.Err(); err != nil {
		return nil, fmt.Errorf("gradients %s: %w", name, err)
	}
	for i, g := range out {
		if g.Op == nil {
			return nil, fmt.Errorf("gradients %s: the objective does not depend on input %d", name, i)
		}
	}
	return out, nil
}
