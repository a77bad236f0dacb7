package report

import (
	"math"
	"reflect"
	"testing"
)

func TestRanksAverageTies(t *testing.T) {
	got := ranks([]float64{3, 1, 3, 2, 3})
	// Sorted: 1 (rank 1), 2 (rank 2), 3,3,3 (ranks 3,4,5 → 4 each).
	want := []float64{4, 1, 4, 2, 4}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ranks = %v, want %v", got, want)
	}
}

func TestSpearmanHandChecked(t *testing.T) {
	// With ties. x ranks: 1, 2.5, 2.5, 4; y ranks: 1, 3, 2, 4. Deviations
	// from the mean rank 2.5: dx = -1.5, 0, 0, 1.5; dy = -1.5, .5, -.5, 1.5.
	// Σdx·dy = 4.5, Σdx² = 4.5, Σdy² = 5, so ρ = 4.5/√22.5 = √0.9.
	r, n := spearman([]float64{1, 2, 2, 3}, []float64{10, 30, 20, 40})
	if n != 4 || math.Abs(r-math.Sqrt(0.9)) > 1e-12 {
		t.Errorf("spearman with ties = %v (n=%d), want √0.9 = %v", r, n, math.Sqrt(0.9))
	}
	// Without ties, against 1 − 6Σd²/(n(n²−1)): y ranks 4,5,1,2,3, so
	// d = -3,-3,2,2,2, Σd² = 30 and ρ = 1 − 180/120 = −0.5.
	r, _ = spearman([]float64{10, 20, 30, 40, 50}, []float64{5, 6, 1, 2, 3})
	if math.Abs(r-(-0.5)) > 1e-12 {
		t.Errorf("spearman without ties = %v, want -0.5", r)
	}
	// Monotone but not linear: ρ = 1; reversed: −1.
	if r, _ := spearman([]float64{1, 2, 3, 4}, []float64{1, 10, 100, 1000}); math.Abs(r-1) > 1e-12 {
		t.Errorf("monotone increasing: ρ = %v, want 1", r)
	}
	if r, _ := spearman([]float64{1, 2, 3, 4}, []float64{9, 8, 7, -100}); math.Abs(r+1) > 1e-12 {
		t.Errorf("monotone decreasing: ρ = %v, want -1", r)
	}
	// Pairs with NaN are left out; a constant side gives NaN.
	if r, n := spearman([]float64{1, 2, math.NaN(), 3}, []float64{3, 2, 1, 1}); n != 3 || math.Abs(r+1) > 1e-12 {
		t.Errorf("NaN pair: ρ = %v over %d, want -1 over 3", r, n)
	}
	if r, _ := spearman([]float64{1, 2, 3}, []float64{5, 5, 5}); !math.IsNaN(r) {
		t.Errorf("constant y: ρ = %v, want NaN", r)
	}
}

func TestMedianAndSpikes(t *testing.T) {
	if m := median([]float64{5, 1, 3, 2}); m != 2.5 {
		t.Errorf("median = %v, want 2.5", m)
	}
	xs := make([]float64, 30)
	for i := range xs {
		xs[i] = 1
	}
	xs[20] = 2.5 // > 2 × median 1: a spike
	xs[25] = 2   // not > 2 × 1
	xs[5] = 9    // before the minimum window: not judged
	got := spikeSteps(xs, 50, 10)
	if !reflect.DeepEqual(got, []int{20}) {
		t.Errorf("spikes at %v, want [20]", got)
	}
}

// A spike is counted as a reader counts one on the curve: a run of
// consecutive steps above the threshold is one spike.
func TestSpikeRunsCountRunsOfSteps(t *testing.T) {
	xs := make([]float64, 40)
	for i := range xs {
		xs[i] = 1
	}
	for _, i := range []int{20, 21, 22, 23} { // one spike four steps long
		xs[i] = 3
	}
	xs[30] = 5 // one spike of one step
	xs[33], xs[34] = 4, 4
	got := spikeRuns(spikeSteps(xs, 50, 10))
	want := []stepRun{{20, 23}, {30, 30}, {33, 34}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spikes %v, want %v", got, want)
	}
	if got := spikeRuns(nil); len(got) != 0 {
		t.Errorf("no spike steps: %v", got)
	}
}

func TestPlateauIndex(t *testing.T) {
	// 0.3 → 0.299, 0.298: better by 0.67% at most, not more than 1%.
	xs := []float64{1.0, 0.5, 0.3, 0.299, 0.298, 0.31}
	if i := plateauIndex(xs, 0.01); i != 2 {
		t.Errorf("plateau at %d, want 2", i)
	}
	// Still improving at the end: the plateau is the last entry.
	if i := plateauIndex([]float64{1, 0.5, 0.25}, 0.01); i != 2 {
		t.Errorf("plateau of a falling series at %d, want 2", i)
	}
}

func TestFormat(t *testing.T) {
	cases := map[float64]string{1234567: "1,234,567", 999: "999", -1234: "-1,234", 0: "0", 2.5: "2.5"}
	for x, want := range cases {
		if got := count(x); got != want {
			t.Errorf("count(%v) = %q, want %q", x, got, want)
		}
	}
	if got := pct(0.98765); got != "98.8%" {
		t.Errorf("pct = %q", got)
	}
	if got := duration(3723); got != "1h2m3s" {
		t.Errorf("duration = %q", got)
	}
}

func TestFlattenConfig(t *testing.T) {
	cfg := map[string]any{
		"epochs": 3.0,
		"model":  map[string]any{"widths": []any{4.0, 8.0}, "act": "relu"},
		"runs":   []any{map[string]any{"seed": 1.0}, map[string]any{"seed": 2.0}},
		"gpu":    false,
		"note":   nil,
	}
	got := flattenConfig(cfg)
	want := []kv{{"epochs", "3"}, {"gpu", "false"}, {"model.act", "relu"}, {"model.widths", "[4, 8]"},
		{"note", "null"}, {"runs[0].seed", "1"}, {"runs[1].seed", "2"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("flattenConfig =\n%v\nwant\n%v", got, want)
	}
	if got := flattenConfig(nil); len(got) != 0 {
		t.Errorf("flattenConfig(nil) = %v, want nothing", got)
	}
}
