package plots

import (
	"bytes"
	"image/color"
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The same path, started at another point or run the other way, has one
// canonical form.
func TestCanonicalPath(t *testing.T) {
	pt := func(x, y float64) vg.Point { return vg.Point{X: vg.Length(x), Y: vg.Length(y)} }
	line := func(closed bool, ps ...vg.Point) vg.Path {
		var p vg.Path
		p.Move(ps[0])
		for _, q := range ps[1:] {
			p.Line(q)
		}
		if closed {
			p.Close()
		}
		return p
	}
	a, b, c, d := pt(0, 0), pt(1, 0), pt(1, 1), pt(0, 1)
	open1 := canonicalPath(line(false, c, b, a))
	open2 := canonicalPath(line(false, a, b, c))
	if pathKey(open1) != pathKey(open2) || open1[0].Pos != a {
		t.Errorf("open path and its reverse: %s vs %s", pathKey(open1), pathKey(open2))
	}
	loops := []vg.Path{line(true, a, b, c, d, a), line(true, c, d, a, b, c), line(true, b, a, d, c, b)}
	want := pathKey(canonicalPath(loops[0]))
	for i, l := range loops[1:] {
		if got := pathKey(canonicalPath(l)); got != want {
			t.Errorf("loop %d: %s, want %s", i+1, got, want)
		}
	}
	if got := canonicalPath(loops[0]); got[0].Pos != a || got[len(got)-1].Type != vg.CloseComp || len(got) != 6 {
		t.Errorf("canonical loop %s: want it to start at the smallest point, closed, 5 points", pathKey(got))
	}
}

// Contours with many lines per level draw to the same SVG every time.
func TestOrderedContourIsRepeatable(t *testing.T) {
	draw1 := func() []byte {
		g := fnGridOf(40, func(x, y float64) float64 { return math.Sin(6*x) * math.Cos(5*y) })
		c := plotter.NewContour(g, []float64{-0.5, 0, 0.5}, nil)
		c.LineStyles = []draw.LineStyle{{Color: color.Black, Width: vg.Points(0.5)}}
		p := plot.New()
		p.Add(orderedContour{c})
		canvas := vgsvg.New(4*vg.Inch, 4*vg.Inch)
		p.Draw(draw.New(canvas))
		var buf bytes.Buffer
		if _, err := canvas.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := draw1()
	if bytes.Count(first, []byte("<path")) < 10 {
		t.Fatalf("only %d paths: the test proves nothing", bytes.Count(first, []byte("<path")))
	}
	for i := range 10 {
		if !bytes.Equal(draw1(), first) {
			t.Fatalf("drawing %d differs from the first", i+2)
		}
	}
}

// fnGridOf is an n×n grid of f on [0, 1]².
type fnGrid struct {
	n int
	f func(x, y float64) float64
}

func fnGridOf(n int, f func(x, y float64) float64) fnGrid { return fnGrid{n, f} }
func (g fnGrid) Dims() (int, int)                         { return g.n, g.n }
func (g fnGrid) X(c int) float64                          { return float64(c) / float64(g.n-1) }
func (g fnGrid) Y(r int) float64                          { return float64(r) / float64(g.n-1) }
func (g fnGrid) Z(c, r int) float64                       { return g.f(g.X(c), g.Y(r)) }
