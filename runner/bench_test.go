package runner

import (
	"context"
	"slices"
	"strings"
	"testing"

	"hw1/graphs"
)

func TestCycle(t *testing.T) {
	d := graphs.Data{N: 3, X: []float32{1, 2, 3, 4, 5, 6}, Y: []float32{10, 20, 30}, Labels: []int32{7, 8, 9}}
	got := cycle(d, 7)
	if got.N != 7 ||
		!slices.Equal(got.X, []float32{1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2}) ||
		!slices.Equal(got.Y, []float32{10, 20, 30, 10, 20, 30, 10}) ||
		!slices.Equal(got.Labels, []int32{7, 8, 9, 7, 8, 9, 7}) {
		t.Errorf("cycle(d, 7) = %+v", got)
	}
	if got := cycle(d, 2); got.N != 2 || !slices.Equal(got.X, []float32{1, 2, 3, 4}) {
		t.Errorf("cycle(d, 2) = %+v", got)
	}
}

// TestBenchMLP571 runs the tiny case through Env.Fit: once long enough to
// take several steps per run (its warm-up as long), once one step per run.
func TestBenchMLP571(t *testing.T) {
	for _, steps := range []int{minUnrolledFitSteps + 2, 21} {
		r, err := Bench(context.Background(), "mlp571", "", 4, steps, 5, graphs.SessionConfig{IntraOpThreads: 1, InterOpThreads: 1})
		if err != nil {
			t.Fatal(err)
		}
		if r.Case.Name != "mlp571" || r.Case.Unit != "steps/s" || r.Params != 571 || r.Steps != steps || r.Batch != 4 || r.Threads != 1 {
			t.Errorf("result %+v, want case mlp571 in steps/s, 571 parameters, %d steps of 4, one thread", r, steps)
		}
		if !(r.Seconds > 0) || !(r.PerSecond > 0) {
			t.Errorf("%v steps/s over %v s", r.PerSecond, r.Seconds)
		}
	}
	if _, err := Bench(context.Background(), "resnet", "", 16, 1, 0, graphs.SessionConfig{}); err == nil || !strings.Contains(err.Error(), "unknown bench case") {
		t.Errorf("unknown case: %v", err)
	}
}
