package graphs

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// RandomFeatures is a random-features regressor (Rahimi & Recht 2007), the
// model family of Belkin et al.'s double descent (PNAS 2019): a network of
// one hidden layer of Features units whose first layer is fixed at random,
// φ(x) = √(2/N)·cos(Wᵀx + b), with W's entries drawn from N(0, 1/σ²) (σ the
// Bandwidth) and b's from U[0, 2π), and an output layer a fitted to the
// targets. The fit is the minimum-norm least-squares solution (the limit
// of gradient descent on the squared loss from a = 0), solved in float64
// inside TensorFlow: it interpolates the training set once Features
// reaches the number of examples.
type RandomFeatures struct {
	Features  int
	Bandwidth float64
	// Ridge is the l2 regulariser of the solve (MatrixSolveLs), a small
	// number that keeps it defined at the interpolation threshold; 0
	// gives the plain least-squares problem.
	Ridge float64
	// Seed draws W and b.
	Seed uint64
	// Session holds the threads.
	Session SessionConfig
}

// Matrix is a row-major matrix of Rows rows of Cols values.
type Matrix struct {
	Rows, Cols int
	Values     []float64
}

func (m Matrix) tensor() (*tf.Tensor, error) {
	if len(m.Values) != m.Rows*m.Cols {
		return nil, fmt.Errorf("matrix of %d×%d holds %d values", m.Rows, m.Cols, len(m.Values))
	}
	return floatTensor(tf.Double, m.Values, []int64{int64(m.Rows), int64(m.Cols)})
}

// Fit fits targets y (one row per example of x) and returns the model's
// outputs on x and on each matrix of evals (the same columns as x).
func (rf RandomFeatures) Fit(x, y Matrix, evals ...Matrix) (onX Matrix, onEvals []Matrix, err error) {
	switch {
	case rf.Features < 1:
		return Matrix{}, nil, fmt.Errorf("random features: %d features, want at least 1", rf.Features)
	case !(rf.Bandwidth > 0):
		return Matrix{}, nil, fmt.Errorf("random features: bandwidth %g, want a number above 0", rf.Bandwidth)
	case !(rf.Ridge >= 0):
		return Matrix{}, nil, fmt.Errorf("random features: ridge %g, want 0 or more", rf.Ridge)
	case x.Rows != y.Rows || x.Rows == 0:
		return Matrix{}, nil, fmt.Errorf("random features: %d inputs and %d targets, want the same number, at least 1", x.Rows, y.Rows)
	}
	for _, e := range evals {
		if e.Cols != x.Cols {
			return Matrix{}, nil, fmt.Errorf("random features: an evaluation set of %d columns, the inputs have %d", e.Cols, x.Cols)
		}
	}
	w, b := rf.draw(x.Cols)
	s := op.NewScope()
	wIn := op.Placeholder(s.SubScope("w"), tf.Double)
	bIn := op.Placeholder(s.SubScope("b"), tf.Double)
	scale := op.Const(s.SubScope("scale"), math.Sqrt(2/float64(rf.Features)))
	features := func(name string) (tf.Output, tf.Output) {
		ss := s.SubScope(name)
		in := op.Placeholder(ss.SubScope("x"), tf.Double)
		pre := op.Add(ss.SubScope("add"), op.MatMul(ss.SubScope("matmul"), in, wIn), bIn)
		return in, op.Mul(ss.SubScope("scale"), op.Cos(ss.SubScope("cos"), pre), scale)
	}
	xIn, phi := features("train")
	yIn := op.Placeholder(s.SubScope("y"), tf.Double)
	coef := op.MatrixSolveLs(s.SubScope("solve"), phi, yIn, op.Const(s.SubScope("ridge"), rf.Ridge), op.MatrixSolveLsFast(true))
	outs := []tf.Output{op.MatMul(s.SubScope("out_train"), phi, coef)}
	var evalIns []tf.Output
	for i := range evals {
		in, f := features(fmt.Sprintf("eval%d", i))
		evalIns = append(evalIns, in)
		outs = append(outs, op.MatMul(s.SubScope(fmt.Sprintf("out_eval%d", i)), f, coef))
	}
	g, err := s.Finalize()
	if err != nil {
		return Matrix{}, nil, fmt.Errorf("random features: build the graph: %w", err)
	}
	feeds := map[tf.Output]*tf.Tensor{}
	for in, m := range map[tf.Output]Matrix{wIn: w, bIn: {Rows: 1, Cols: len(b), Values: b}, xIn: x, yIn: y} {
		if feeds[in], err = m.tensor(); err != nil {
			return Matrix{}, nil, fmt.Errorf("random features: %w", err)
		}
	}
	for i, e := range evals {
		if feeds[evalIns[i]], err = e.tensor(); err != nil {
			return Matrix{}, nil, fmt.Errorf("random features: %w", err)
		}
	}
	opts, err := rf.Session.Options()
	if err != nil {
		return Matrix{}, nil, err
	}
	sess, err := tf.NewSession(g, opts)
	if err != nil {
		return Matrix{}, nil, fmt.Errorf("random features: open a session: %w", err)
	}
	res, err := sess.Run(feeds, outs, nil)
	err = errors.Join(err, sess.Close())
	if err != nil {
		return Matrix{}, nil, fmt.Errorf("random features: fit %d features: %w", rf.Features, err)
	}
	all := make([]Matrix, len(res))
	for i, r := range res {
		v, err := floats(r)
		if err != nil {
			return Matrix{}, nil, err
		}
		rows := x.Rows
		if i > 0 {
			rows = evals[i-1].Rows
		}
		all[i] = Matrix{Rows: rows, Cols: y.Cols, Values: v}
	}
	return all[0], all[1:], nil
}

// draw returns W (d×N) and b (N values) from the seed.
func (rf RandomFeatures) draw(d int) (Matrix, []float64) {
	rng := rand.New(rand.NewPCG(rf.Seed, 0x5eed))
	w := Matrix{Rows: d, Cols: rf.Features, Values: make([]float64, d*rf.Features)}
	for i := range w.Values {
		w.Values[i] = rng.NormFloat64() / rf.Bandwidth
	}
	b := make([]float64, rf.Features)
	for i := range b {
		b[i] = 2 * math.Pi * rng.Float64()
	}
	return w, b
}
