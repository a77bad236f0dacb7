package graphs

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// residentBytes reads the process's resident set size from /proc.
func residentBytes(t testing.TB) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skipf("no /proc/self/statm: %v", err)
	}
	f := strings.Fields(string(b))
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		t.Fatalf("parse /proc/self/statm %q: %v", b, err)
	}
	return pages * int64(os.Getpagesize())
}

// TestLongTrainingDoesNotGrowMemory runs 10,000 training steps of a small
// model and requires the resident memory to grow by less than 100 MB
// (tensors are freed by Go finalizers, so a leak would show here).
func TestLongTrainingDoesNotGrowMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 steps; skipped with -short")
	}
	spec := Spec{Input: []int{1}, Layers: []Layer{{Kind: Dense, Units: 16, Activation: Tanh}, {Kind: Dense, Units: 1}}, Loss: MSE}
	m := newTestModel(t, spec)
	ds := loadTest(t, m, randomData(spec, 256, 1))
	idx := make([]int32, 32)
	step := func(s int) {
		for i := range idx {
			idx[i] = int32((s*32 + i) % 256)
		}
		if _, _, err := m.TrainStepGradNorm(ds, idx); err != nil {
			t.Fatal(err)
		}
	}
	for s := range 500 {
		step(s)
	}
	runtime.GC()
	before := residentBytes(t)
	for s := range 10000 {
		step(s)
	}
	runtime.GC()
	after := residentBytes(t)
	t.Logf("resident memory: %.1f MB before, %.1f MB after 10,000 steps", float64(before)/1e6, float64(after)/1e6)
	if growth := after - before; growth > 100<<20 {
		t.Errorf("resident memory grew by %.1f MB over 10,000 steps", float64(growth)/1e6)
	}
}
