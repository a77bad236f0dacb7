package graphs

import (
	"math"
	"testing"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// TestGraftMatMulVariableGradient builds y = sum((W·x)²) with W a resource
// variable, runs it in a session, and checks y and dy/dW against values
// worked out by hand: W = [[1,2],[3,4]], x = [1,1]ᵀ gives W·x = [3,7]ᵀ,
// y = 9+49 = 58, dy/dW = 2·(W·x)·xᵀ = [[6,6],[14,14]].
func TestGraftMatMulVariableGradient(t *testing.T) {
	s := op.NewScope()
	v := op.VarHandleOp(s.SubScope("w"), tf.Float, tf.MakeShape(2, 2), op.VarHandleOpSharedName("w"))
	initW := op.AssignVariableOp(s.SubScope("init"), v, op.Const(s.SubScope("w0"), [][]float32{{1, 2}, {3, 4}}))
	w := op.ReadVariableOp(s.SubScope("read"), v, tf.Float)
	x := op.Const(s.SubScope("x"), [][]float32{{1}, {1}})
	wx := op.MatMul(s.SubScope("matmul"), w, x)
	y := op.Sum(s.SubScope("sum"), op.Square(s.SubScope("sq"), wx), op.Const(s.SubScope("axes"), []int32{0, 1}))
	seed := op.Const(s.SubScope("seed"), float32(1))
	grads := op.Gradients(s.SubScope("grad"), []tf.Output{y}, []tf.Output{w}, seed)
	g, err := s.Finalize()
	if err != nil {
		t.Fatal(err)
	}
	opts, err := SessionConfig{IntraOpThreads: 1}.Options()
	if err != nil {
		t.Fatal(err)
	}
	sess, err := tf.NewSession(g, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if _, err := sess.Run(nil, nil, []*tf.Operation{initW}); err != nil {
		t.Fatal(err)
	}
	out, err := sess.Run(nil, []tf.Output{y, grads[0]}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := out[0].Value().(float32); got != 58 {
		t.Errorf("y = %v, want 58", got)
	}
	want := [][]float32{{6, 6}, {14, 14}}
	got := out[1].Value().([][]float32)
	for i := range want {
		for j := range want[i] {
			if math.Abs(float64(got[i][j]-want[i][j])) > 1e-6 {
				t.Errorf("dy/dW[%d][%d] = %v, want %v", i, j, got[i][j], want[i][j])
			}
		}
	}
}

func TestCheckTFVersion(t *testing.T) {
	if err := CheckTFVersion(); err != nil {
		t.Fatal(err)
	}
}

func TestDevicesIncludesCPU(t *testing.T) {
	devs, err := Devices(SessionConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range devs {
		if d.Type == "CPU" {
			return
		}
	}
	t.Fatalf("no CPU device among %v", devs)
}
