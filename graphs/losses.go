package graphs

import (
	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// lossOps are the loss of a batch, built from ops that differentiate twice.
type lossOps struct {
	perExample tf.Output // [batch]: each example's loss
	mean       tf.Output // scalar: the batch's mean loss, the training objective
	sum        tf.Output // scalar: the sum of perExample (for evaluation)
	correct    tf.Output // scalar, classifiers only: examples whose arg-max logit is the label
}

// buildLoss adds the loss of outputs against the targets: y [batch,
// outputs] for MSE, labels [batch] (int32 class ids) for
// SoftmaxCrossEntropy.
//
// MSE per example is the mean over outputs of the squared error (Keras's
// mean_squared_error); softmax cross-entropy per example is
// -Σ onehot(label)·log_softmax(logits). TensorFlow registers no gradient for
// SparseSoftmaxCrossEntropyWithLogits, so the one-hot form is used.
func buildLoss(s *op.Scope, loss Loss, dt tf.DataType, outputs, y, labels tf.Output, classes int) lossOps {
	var l lossOps
	axis1 := func() tf.Output { return op.Const(s.SubScope("axis1"), int32(1)) }
	axis0 := func() tf.Output { return op.Const(s.SubScope("axis0"), int32(0)) }
	switch loss {
	case MSE:
		sq := op.Square(s.SubScope("square"), op.Sub(s.SubScope("err"), outputs, y))
		l.perExample = op.Mean(s.SubScope("per_example"), sq, axis1())
	case SoftmaxCrossEntropy:
		onehot := op.OneHot(s.SubScope("onehot"), labels, op.Const(s.SubScope("depth"), int32(classes)),
			constant(s.SubScope("on"), dt, 1), constant(s.SubScope("off"), dt, 0))
		logp := op.LogSoftmax(s.SubScope("log_softmax"), outputs)
		picked := op.Sum(s.SubScope("picked"), op.Mul(s.SubScope("mul"), onehot, logp), axis1())
		l.perExample = op.Neg(s.SubScope("per_example"), picked)
		pred := op.ArgMax(s.SubScope("argmax"), outputs, axis1(), op.ArgMaxOutputType(tf.Int32))
		hit := op.Cast(s.SubScope("hit"), op.Equal(s.SubScope("equal"), pred, labels), dt)
		l.correct = op.Sum(s.SubScope("correct"), hit, axis0())
	}
	l.mean = op.Mean(s.SubScope("mean"), l.perExample, axis0())
	l.sum = op.Sum(s.SubScope("sum"), l.perExample, axis0())
	return l
}
