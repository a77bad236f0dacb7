package pca

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Points on a line in 3-D: PC 1 carries all the variance, each point's PC 1
// coordinate is its signed distance from the mean along the line, PC 2 is 0.
func TestPrincipal2Line(t *testing.T) {
	base := []float64{1, -2, 0.5}
	u := []float64{2.0 / 3, -1.0 / 3, 2.0 / 3} // unit length; largest entry positive
	ts := []float64{-1.5, 0, 0.25, 2, 4.25}
	meanT := 1.0 // (-1.5+0+0.25+2+4.25)/5
	rows := make([][]float64, len(ts))
	for i, s := range ts {
		rows[i] = []float64{base[0] + s*u[0], base[1] + s*u[1], base[2] + s*u[2]}
	}
	p, err := Project(rows)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range ts {
		// u's largest entry is the first (tie with the third, first wins)
		// and positive, so the sign convention keeps +u.
		if got, want := p.Points[i][0], s-meanT; math.Abs(got-want) > 1e-12 {
			t.Errorf("point %d: pc1 = %g, want %g", i, got, want)
		}
		if math.Abs(p.Points[i][1]) > 1e-12 {
			t.Errorf("point %d: pc2 = %g, want 0", i, p.Points[i][1])
		}
	}
	if math.Abs(p.Explained[0]-1) > 1e-12 || math.Abs(p.Explained[1]) > 1e-12 {
		t.Errorf("explained = %v, want [1 0]", p.Explained)
	}
}

// A hand-checked 2-D example: ±(4, 2) and ±(-1, 2) have scatter matrix
// [[34 12] [12 16]], with eigenvalue 40 along (2,1)/√5 and 10 along
// (-1,2)/√5 (each vector's largest entry positive, as Project fixes it).
func TestPrincipal2HandExample(t *testing.T) {
	rows := [][]float64{{4, 2}, {-4, -2}, {-1, 2}, {1, -2}}
	s5 := math.Sqrt(5)
	want := [][2]float64{{2 * s5, 0}, {-2 * s5, 0}, {0, s5}, {0, -s5}}
	p, err := Project(rows)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		for c := range 2 {
			if math.Abs(p.Points[i][c]-want[i][c]) > 1e-12 {
				t.Errorf("point %d: pc%d = %g, want %g", i, c+1, p.Points[i][c], want[i][c])
			}
		}
	}
	if math.Abs(p.Explained[0]-0.8) > 1e-12 || math.Abs(p.Explained[1]-0.2) > 1e-12 {
		t.Errorf("explained = %v, want [0.8 0.2]", p.Explained)
	}
}

// Random 2-D points against the closed-form eigen-decomposition of their
// 2x2 covariance matrix.
func TestPrincipal2AgainstClosedForm(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := 40
	rows := make([][]float64, n)
	var mx, my float64
	for i := range rows {
		a, b := r.NormFloat64(), r.NormFloat64()
		rows[i] = []float64{5 + 2*a + 0.5*b, -1 + a - 0.7*b}
		mx += rows[i][0] / float64(n)
		my += rows[i][1] / float64(n)
	}
	var sxx, sxy, syy float64
	for _, p := range rows {
		dx, dy := p[0]-mx, p[1]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	half := (sxx + syy) / 2
	disc := math.Sqrt((sxx-syy)*(sxx-syy)/4 + sxy*sxy)
	l1, l2 := half+disc, half-disc
	v1 := []float64{sxy, l1 - sxx}
	norm := math.Hypot(v1[0], v1[1])
	v1[0], v1[1] = v1[0]/norm, v1[1]/norm
	v2 := []float64{-v1[1], v1[0]}

	p, err := Project(rows)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		dx, dy := row[0]-mx, row[1]-my
		for c, v := range [][]float64{v1, v2} {
			want := math.Abs(dx*v[0] + dy*v[1]) // the sign is a convention
			if got := math.Abs(p.Points[i][c]); math.Abs(got-want) > 1e-9 {
				t.Fatalf("point %d: |pc%d| = %g, want %g", i, c+1, got, want)
			}
		}
	}
	if math.Abs(p.Explained[0]-l1/(l1+l2)) > 1e-12 || math.Abs(p.Explained[1]-l2/(l1+l2)) > 1e-12 {
		t.Errorf("explained = %v, want [%g %g]", p.Explained, l1/(l1+l2), l2/(l1+l2))
	}
}

func TestPrincipal2Errors(t *testing.T) {
	if _, err := Project([][]float64{{1, 2}}); err == nil {
		t.Error("one vector: no error")
	}
	if _, err := Project([][]float64{{1, 2}, {1}}); err == nil {
		t.Error("vectors of different lengths: no error")
	}
}
