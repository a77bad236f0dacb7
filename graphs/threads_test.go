package graphs

import (
	"crypto/sha256"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// threadsChildEnv tells a re-run of this test binary which sessions to open
// (TestOwnThreadPoolsKeepEachSessionsThreads).
const threadsChildEnv = "HW1_GRAPHS_THREADS_CHILD"

// threadsCNN is a CNN whose convolution gradients sum over the batch in an
// order that depends on the number of intra-op threads.
var threadsCNN = Spec{
	Input: []int{28, 28, 1},
	Layers: []Layer{
		{Kind: Conv2D, Filters: 16, Kernel: 3, Activation: ReLU},
		{Kind: MaxPool, Pool: 2},
		{Kind: Conv2D, Filters: 32, Kernel: 3, Activation: ReLU},
		{Kind: Flatten},
		{Kind: Dense, Units: 10},
	},
	Loss:      SoftmaxCrossEntropy,
	Optimizer: Optimizer{Kind: Adam, LR: 0.01},
	Seed:      3,
	Session:   SessionConfig{IntraOpThreads: 2, InterOpThreads: 1},
}

// TestOwnThreadPoolsKeepEachSessionsThreads: with OwnThreadPoolsEnv on, a
// one-thread session opened first leaves a later two-thread CNN's trained
// parameters as they are when the CNN is the process's first session.
// TensorFlow reads the variable once per process, so each case runs in a
// child process. With the variable off, the first session's one thread
// holds the CNN too, and its parameters differ: the check can tell.
func TestOwnThreadPoolsKeepEachSessionsThreads(t *testing.T) {
	if mode := os.Getenv(threadsChildEnv); mode != "" {
		threadsChild(t, mode)
		return
	}
	if !OwnThreadPools() {
		t.Skipf("%s is off; make test and scripts/tfenv turn it on", OwnThreadPoolsEnv)
	}
	alone := threadsRun(t, "alone", "1")
	after := threadsRun(t, "after-one-thread", "1")
	if alone != after {
		t.Errorf("with %s=1 the CNN trained after a one-thread session: %s, first in its process: %s", OwnThreadPoolsEnv, after, alone)
	}
	shared := threadsRun(t, "after-one-thread", "0")
	if shared == alone {
		t.Errorf("with %s=0 the CNN trained after a one-thread session as on two threads (%s): the check above cannot tell", OwnThreadPoolsEnv, shared)
	}
}

// threadsRun runs this test in a child process in the given mode and returns
// the digest of the CNN's parameters that it prints.
func threadsRun(t *testing.T, mode, own string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOwnThreadPoolsKeepEachSessionsThreads$", "-test.count=1")
	cmd.Env = append(os.Environ(), threadsChildEnv+"="+mode, OwnThreadPoolsEnv+"="+own)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child %s (%s=%s): %v\n%s", mode, OwnThreadPoolsEnv, own, err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if d, ok := strings.CutPrefix(line, "params "); ok {
			return d
		}
	}
	t.Fatalf("child %s printed no parameters:\n%s", mode, out)
	return ""
}

// threadsChild opens the sessions of mode, trains the CNN a few steps and
// prints the digest of its parameters.
func threadsChild(t *testing.T, mode string) {
	if mode == "after-one-thread" {
		small := smallMLP(MSE, 1)
		small.Session = SessionConfig{IntraOpThreads: 1, InterOpThreads: 1}
		m := newTestModel(t, small)
		ds := loadTest(t, m, randomData(small, 8, 1))
		if _, err := m.TrainSteps(ds, [][]int32{allIndices(8)}); err != nil {
			t.Fatal(err)
		}
	}
	m := newTestModel(t, threadsCNN)
	ds := loadTest(t, m, randomData(threadsCNN, 256, 2))
	var batches [][]int32
	for i := 0; i < 4; i++ {
		batches = append(batches, indexRange(64*i, 64*(i+1)))
	}
	if _, err := m.TrainSteps(ds, batches); err != nil {
		t.Fatal(err)
	}
	p, err := m.Params()
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, v := range p {
		fmt.Fprintf(h, "%x ", math.Float64bits(v))
	}
	fmt.Printf("params %x\n", h.Sum(nil))
}

// TestSmallDenseModelsRunOnOneThread: a small dense model's session has one
// intra-op thread when sessions have pools of their own, else the
// configured count; a CNN keeps the configured count either way. Threads
// says so.
func TestSmallDenseModelsRunOnOneThread(t *testing.T) {
	small := smallMLP(MSE, 1)
	small.Session = SessionConfig{IntraOpThreads: 2}
	sm, cnn := newTestModel(t, small), newTestModel(t, threadsCNN)
	for _, c := range []struct {
		own        string
		small, cnn int
	}{{"1", 1, 2}, {"true", 1, 2}, {"0", 2, 2}, {"", 2, 2}} {
		t.Setenv(OwnThreadPoolsEnv, c.own)
		if got := sm.Threads(); got != c.small {
			t.Errorf("%s=%q: small dense model on %d threads, want %d", OwnThreadPoolsEnv, c.own, got, c.small)
		}
		if got := cnn.Threads(); got != c.cnn {
			t.Errorf("%s=%q: CNN on %d threads, want %d", OwnThreadPoolsEnv, c.own, got, c.cnn)
		}
	}
}
