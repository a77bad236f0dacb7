package plots

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/plot"
)

// labelled returns the labelled ticks as value -> label.
func labelled(ticks []plot.Tick) map[float64]string {
	out := map[float64]string{}
	for _, t := range ticks {
		if t.Label != "" {
			out[t.Value] = t.Label
		}
	}
	return out
}

func TestLogTicks(t *testing.T) {
	cases := []struct {
		min, max float64
		want     map[float64]string
	}{
		// Narrower than a decade: the 1-2-5 values inside.
		{0.2, 0.5, map[float64]string{0.2: "0.2", 0.5: "0.5"}},
		// Two decades: 1-2-5 values.
		{1, 100, map[float64]string{1: "1", 2: "2", 5: "5", 10: "10", 20: "20", 50: "50", 100: "100"}},
		// Four decades: powers of ten only.
		{0.001, 10, map[float64]string{0.001: "0.001", 0.01: "0.01", 0.1: "0.1", 1: "1", 10: "10"}},
		// Beyond the plain range every label is in exponent form.
		{1000, 1e6, map[float64]string{1000: "1e3", 1e4: "1e4", 1e5: "1e5", 1e6: "1e6"}},
	}
	for _, c := range cases {
		got := labelled(logTicks{}.Ticks(c.min, c.max))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Ticks(%g, %g) labels = %v, want %v", c.min, c.max, got, c.want)
		}
	}
	// Minor ticks of one decade: 2..9 between 1 and 10, unlabelled.
	var minor int
	for _, tk := range (logTicks{}).Ticks(1, 10) {
		if tk.Value > 1 && tk.Value < 10 {
			minor++
		}
	}
	if minor != 8 {
		t.Errorf("ticks strictly between 1 and 10: %d, want 8", minor)
	}
	// Ranges a log axis cannot have give no ticks instead of a panic.
	for _, r := range [][2]float64{{0, 1}, {-1, 1}, {math.NaN(), 1}, {1, math.Inf(1)}} {
		if got := (logTicks{}).Ticks(r[0], r[1]); len(got) != 0 {
			t.Errorf("Ticks(%g, %g) = %v, want none", r[0], r[1], got)
		}
	}
	// Thirty decades: no more than about ten labels.
	if n := len(labelled(logTicks{}.Ticks(1e-15, 1e15))); n < 4 || n > 11 {
		t.Errorf("Ticks(1e-15, 1e15): %d labels, want 4..11", n)
	}
}

func TestRound125(t *testing.T) {
	cases := []struct{ v, floor, ceil float64 }{
		{0.3, 0.2, 0.5},
		{1000, 1000, 1000},
		{7, 5, 10},
		{0.00123, 0.001, 0.002},
		{1.9e-7, 1e-7, 2e-7},
	}
	for _, c := range cases {
		if got := floor125(c.v); got != c.floor {
			t.Errorf("floor125(%g) = %g, want %g", c.v, got, c.floor)
		}
		if got := ceil125(c.v); got != c.ceil {
			t.Errorf("ceil125(%g) = %g, want %g", c.v, got, c.ceil)
		}
	}
}

func TestSetLogScale(t *testing.T) {
	cases := []struct{ min, max, lo, hi float64 }{
		{0.03, 0.7, 0.02, 1},               // widened to 1-2-5 values
		{1, 1, 0.5, 2},                     // a constant series still gets a range
		{math.Inf(1), math.Inf(-1), 1, 10}, // no data
	}
	for _, c := range cases {
		ax := plot.New().Y
		ax.Min, ax.Max = c.min, c.max
		setLogScale(&ax)
		if ax.Min != c.lo || ax.Max != c.hi {
			t.Errorf("setLogScale(%g, %g) range = %g..%g, want %g..%g", c.min, c.max, ax.Min, ax.Max, c.lo, c.hi)
		}
		if _, ok := ax.Scale.(plot.LogScale); !ok {
			t.Errorf("setLogScale(%g, %g): scale %T, want plot.LogScale", c.min, c.max, ax.Scale)
		}
	}
}

func TestLinearTicks(t *testing.T) {
	cases := []struct {
		min, max float64
		want     map[float64]string
	}{
		{0, 1, map[float64]string{0: "0.0", 0.2: "0.2", 0.4: "0.4", 0.6: "0.6", 0.8: "0.8", 1: "1.0"}},
		{1, 30, map[float64]string{5: "5", 10: "10", 15: "15", 20: "20", 25: "25", 30: "30"}},
		{-1, 2, map[float64]string{-1: "-1.0", -0.5: "-0.5", 0: "0.0", 0.5: "0.5", 1: "1.0", 1.5: "1.5", 2: "2.0"}},
		{2e6, 5e6, map[float64]string{2e6: "2e+06", 2.5e6: "2.5e+06", 3e6: "3e+06", 3.5e6: "3.5e+06", 4e6: "4e+06", 4.5e6: "4.5e+06", 5e6: "5e+06"}},
	}
	for _, c := range cases {
		got := labelled(linearTicks{}.Ticks(c.min, c.max))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Ticks(%g, %g) labels = %v, want %v", c.min, c.max, got, c.want)
		}
	}
	if got := (linearTicks{}).Ticks(math.NaN(), 1); len(got) != 0 {
		t.Errorf("Ticks(NaN, 1) = %v, want none", got)
	}
}
