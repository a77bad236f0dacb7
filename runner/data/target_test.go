package data

import (
	"math"
	"testing"
)

func TestSinc(t *testing.T) {
	cases := []struct{ x, want float64 }{
		{0, 1},
		{0.1, 2 / math.Pi},                     // sin(π/2)/(π/2)
		{-0.1, 2 / math.Pi},                    // even function
		{0.3, -2 / (3 * math.Pi)},              // sin(3π/2)/(3π/2)
		{0.2, 0},                               // sin(π) = 0
		{1e-9, 1},                              // continuous at 0
		{0.05, 4 * math.Sqrt2 / (2 * math.Pi)}, // sin(π/4)/(π/4) = (√2/2)/(π/4)
	}
	for _, c := range cases {
		if got := Sinc(c.x); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Sinc(%g) = %.15g, want %.15g", c.x, got, c.want)
		}
	}
}

func TestSquare(t *testing.T) {
	cases := []struct{ x, want float64 }{
		{0.1, 1},   // sin(π/2) > 0
		{0.3, -1},  // sin(3π/2) < 0
		{-0.1, -1}, // odd function
		{0.5, 1},   // sin(5π/2) > 0
		{0.7, -1},  // sin(7π/2) < 0
		{0.01, 1},
		{0.39, -1},
		{0, 0},
	}
	for _, c := range cases {
		if got := Square(c.x); got != c.want {
			t.Errorf("Square(%g) = %g, want %g", c.x, got, c.want)
		}
	}
}

func TestTarget(t *testing.T) {
	sinc, err := Target("sinc")
	if err != nil {
		t.Fatal(err)
	}
	if got := sinc(0.1); math.Abs(got-2/math.Pi) > 1e-12 {
		t.Errorf(`Target("sinc")(0.1) = %g, want 2/π`, got)
	}
	square, err := Target("square")
	if err != nil {
		t.Fatal(err)
	}
	if got := square(0.3); got != -1 {
		t.Errorf(`Target("square")(0.3) = %g, want -1`, got)
	}
	_, err = Target("cosine")
	wantErr(t, err, `"cosine"`, "sinc", "square")
}

func TestGrid(t *testing.T) {
	got := Grid(4, 0, 1)
	want := []float64{0.25, 0.5, 0.75, 1}
	if len(got) != len(want) {
		t.Fatalf("Grid(4, 0, 1) = %v, want %v", got, want)
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("Grid(4, 0, 1)[%d] = %g, want %g", i, got[i], want[i])
		}
	}

	g := Grid(1000, -1, 0.3)
	if len(g) != 1000 || g[999] != 0.3 {
		t.Errorf("Grid(1000, -1, 0.3): %d points ending at %v, want 1000 ending at exactly 0.3", len(g), g[len(g)-1])
	}
	step := 1.3 / 1000
	if math.Abs(g[0]-(-1+step)) > 1e-12 {
		t.Errorf("Grid(1000, -1, 0.3)[0] = %g, want %g (lo itself excluded)", g[0], -1+step)
	}
	for i := 1; i < len(g); i++ {
		if d := g[i] - g[i-1]; math.Abs(d-step) > 1e-12 {
			t.Fatalf("Grid(1000, -1, 0.3): step %d is %g, want %g", i, d, step)
		}
	}

	if g := Grid(1, -1, 1); len(g) != 1 || g[0] != 1 {
		t.Errorf("Grid(1, -1, 1) = %v, want [1]", g)
	}
	if g := Grid(0, 0, 1); g != nil {
		t.Errorf("Grid(0, 0, 1) = %v, want nil", g)
	}
}
