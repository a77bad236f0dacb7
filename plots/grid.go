package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// grid is a value on a rectangular grid of points: zs[i][j] at (xs[i],
// ys[j]); it implements plotter.GridXYZ.
type grid struct {
	xs, ys []float64
	zs     [][]float64
}

func (g grid) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g grid) Z(c, r int) float64 { return g.zs[c][r] }
func (g grid) X(c int) float64    { return g.xs[c] }
func (g grid) Y(r int) float64    { return g.ys[r] }
func (g grid) Min() float64       { lo, _ := g.minMax(); return lo }
func (g grid) Max() float64       { _, hi := g.minMax(); return hi }
func (g grid) minMax() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, col := range g.zs {
		for _, v := range col {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

// gridOf arranges the points (xs[k], ys[k], zs[k]) on their grid: the
// distinct x and y values, ascending; a point missing from the grid is
// NaN. Every point must be finite in x and y.
func gridOf(xs, ys, zs []float64) (grid, error) {
	ux, uy := slices.Compact(slices.Sorted(slices.Values(xs))), slices.Compact(slices.Sorted(slices.Values(ys)))
	if len(ux) == 0 || len(uy) == 0 {
		return grid{}, fmt.Errorf("a surface needs points, got none")
	}
	g := grid{xs: ux, ys: uy, zs: make([][]float64, len(ux))}
	for i := range g.zs {
		g.zs[i] = make([]float64, len(uy))
		for j := range g.zs[i] {
			g.zs[i][j] = math.NaN()
		}
	}
	for k := range xs {
		i, j := sort.SearchFloat64s(ux, xs[k]), sort.SearchFloat64s(uy, ys[k])
		g.zs[i][j] = zs[k]
	}
	return g, nil
}

// log10Grid returns g with every value replaced by its base-10 logarithm
// (NaN for values <= 0).
func log10Grid(g grid) grid {
	out := grid{xs: g.xs, ys: g.ys, zs: make([][]float64, len(g.zs))}
	for i, col := range g.zs {
		out.zs[i] = make([]float64, len(col))
		for j, v := range col {
			out.zs[i][j] = math.NaN()
			if v > 0 {
				out.zs[i][j] = math.Log10(v)
			}
		}
	}
	return out
}

// ramp is a sequential palette of n colours from dark blue through green
// to yellow (the viridis anchors, interpolated in RGB): dark is low.
type ramp []color.Color

func (r ramp) Colors() []color.Color { return r }

func newRamp(n int) ramp {
	anchors := [...]color.RGBA{
		{0x44, 0x01, 0x54, 0xFF}, {0x3B, 0x52, 0x8B, 0xFF}, {0x21, 0x90, 0x8C, 0xFF},
		{0x5D, 0xC8, 0x63, 0xFF}, {0xFD, 0xE7, 0x25, 0xFF},
	}
	out := make(ramp, n)
	for i := range out {
		t := 0.0
		if n > 1 {
			t = float64(i) / float64(n-1) * float64(len(anchors)-1)
		}
		k := min(int(t), len(anchors)-2)
		f := t - float64(k)
		a, b := anchors[k], anchors[k+1]
		mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
		out[i] = color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xFF}
	}
	return out
}

// plain is a palette of one colour (contour lines all alike).
type plain struct{ c color.Color }

func (p plain) Colors() []color.Color { return []color.Color{p.c} }

// swatch is a legend thumbnail: a filled box of one colour.
type swatch struct{ c color.Color }

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(s.c, c.ClipPolygonXY(pts))
}

var _ plot.Thumbnailer = swatch{}

// logLevels returns the powers of ten (and 2 and 5 times them when the
// range spans fewer than 3 decades) within [lo, hi] (lo > 0), as log10
// values: the boundaries of a log-scale contour map's levels.
func logLevels(lo, hi float64) []float64 {
	if !(lo > 0) || !(hi > lo) {
		return nil
	}
	fine := math.Log10(hi/lo) < 3
	var out []float64
	for k := int(math.Floor(math.Log10(lo))); k <= int(math.Ceil(math.Log10(hi))); k++ {
		for _, m := range []int{1, 2, 5} {
			if m > 1 && !fine {
				continue
			}
			v := pow125(m, k)
			if v > lo && v < hi {
				out = append(out, math.Log10(v))
			}
		}
	}
	return out
}

// flat reports whether g has fewer than 2 values along x or y: too few for
// cells or contours (a run stopped early); its panels show the points.
func (g grid) flat() bool { return len(g.xs) < 2 || len(g.ys) < 2 }

// pointsPanel shows g's points labelled with their values, for a grid too
// small to draw as a surface.
func pointsPanel(g grid, xLabel, yLabel string) (*panel, error) {
	p := newPanel(xLabel, yLabel, linear, linear)
	var pts plotter.XYs
	var texts []string
	for i, x := range g.xs {
		for j, y := range g.ys {
			if v := g.zs[i][j]; !math.IsNaN(v) {
				pts = append(pts, plotter.XY{X: x, Y: y})
				texts = append(texts, short(v))
			}
		}
	}
	if err := p.add(pts, series{color: seriesColor(0), shape: glyphShape(0)}); err != nil {
		return nil, err
	}
	return p, p.labels(pts, texts)
}
