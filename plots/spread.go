package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"hw1/runner/results"
)

// maxFaintSeeds is the largest number of seeds whose own lines a figure
// draws, faint, under the mean: few enough to tell them apart and to see
// whether one seed alone makes the band; more would only grey the band.
const maxFaintSeeds = 5

// The look of the spread over seeds: the band's fill and a single seed's
// line, in the series' colour made translucent.
const (
	bandAlpha  = 0x38
	faintAlpha = 0x80
	faintWidth = 0.6 // points
)

// spread is what a panel drew of the spread over seeds, for its legend.
type spread struct {
	minN, maxN int  // fewest and most seeds behind a band's points
	faint      bool // single seeds drawn as faint lines
}

// curve draws column y of s against column x, sorted by x, as st describes.
// It is the one way every figure draws a curve, from one seed's table or
// from the aggregate over seeds:
//
//   - from one seed's table, st's line and markers through its points;
//   - from an aggregate (s.agg), st's line and markers through the means
//     over the seeds, drawn above everything else in the panel (panel.put);
//     under them a band from the seeds' minimum to their maximum at every x,
//     in st's colour made translucent; and, with at most maxFaintSeeds
//     seeds, every seed's own values as a thin faint line. A column that is
//     equal in every seed (function-fit's ground truth) has no band and no
//     faint lines: only its line is drawn.
func (p *panel) curve(s *source, x, y string, st series) error {
	sp, err := spreadOf(s, x, y, p.sx, p.sy)
	if err != nil {
		return err
	}
	if len(sp.band) == 0 {
		return p.add(sp.line, st)
	}
	for _, r := range sp.band {
		poly, err := plotter.NewPolygon(r)
		if err != nil {
			return fmt.Errorf("band of %s in %s: %w", y, s.path, err)
		}
		poly.Color = translucent(st.color, bandAlpha)
		poly.LineStyle = draw.LineStyle{Color: color.Transparent}
		p.plot.Add(poly)
	}
	faint := len(sp.seeds) <= maxFaintSeeds
	if faint {
		for _, pts := range sp.seeds {
			f := series{color: translucent(st.color, faintAlpha), dashes: st.dashes, width: vg.Points(faintWidth), line: st.line}
			if !st.line {
				f.shape, f.radius = st.shape, vg.Points(1.2)
			}
			if err := p.add(pts, f); err != nil {
				return err
			}
		}
	}
	p.raise = true
	err = p.add(sp.line, st)
	p.raise = false
	if err != nil {
		return err
	}
	p.noteSpread(sp.n, faint)
	return nil
}

// curveData is what curve draws of one column, every part ordered by x and
// without the points that the axes cannot show (xys).
type curveData struct {
	line  plotter.XYs   // one seed's values, or the means over the seeds
	band  []plotter.XYs // the min–max band's polygons; none for one seed or no spread
	seeds []plotter.XYs // with a band: every seed's own values
	n     []float64     // with a band: the aggregate's n column, seeds per row
}

// spreadOf reads what curve draws of column y of s against column x on
// axes of scales sx and sy: from one seed's table its points; from an
// aggregate the means (the aggregate's <y>_mean), the band between <y>_min
// and <y>_max (bandRings), and the seeds' own points.
func spreadOf(s *source, x, y string, sx, sy scale) (curveData, error) {
	c, err := s.columns(x, y)
	if err != nil {
		return curveData{}, err
	}
	d := curveData{line: sortedByX(xys(c[0], c[1], sx, sy))}
	if !s.agg {
		return d, nil
	}
	bounds, err := s.raw(y+results.SuffixMin, y+results.SuffixMax, results.ColN)
	if err != nil {
		return curveData{}, err
	}
	if d.band = bandRings(c[0], bounds[0], bounds[1], sx, sy); len(d.band) == 0 {
		return d, nil
	}
	d.n = bounds[2]
	for _, seed := range s.seeds {
		sc, err := seed.columns(x, y)
		if err != nil {
			return curveData{}, err
		}
		d.seeds = append(d.seeds, sortedByX(xys(sc[0], sc[1], sx, sy)))
	}
	return d, nil
}

// raw returns columns of s by their names in the table, as they are (an
// aggregate's _min, _max and n).
func (s *source) raw(names ...string) ([][]float64, error) {
	out := make([][]float64, len(names))
	for i, n := range names {
		v, err := s.t.Floats(n)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", s.path, err)
		}
		out[i] = v
	}
	return out, nil
}

// bandRings returns the band between lo and hi over xs as polygons, ordered
// by x: along lo forwards, back along hi. A row that an axis cannot show
// (see xys) breaks the band in two. There is no band, nil, when lo equals
// hi at every row: a column that does not vary between seeds.
func bandRings(xs, lo, hi []float64, sx, sy scale) []plotter.XYs {
	var rings []plotter.XYs
	var run plotter.XYs // the lower edge of the current piece; its upper edge in upper
	var upper []float64
	spreadAny := false
	flush := func() {
		if len(run) > 0 {
			ring := append(plotter.XYs(nil), run...)
			for i := len(run) - 1; i >= 0; i-- {
				ring = append(ring, plotter.XY{X: run[i].X, Y: upper[i]})
			}
			rings = append(rings, ring)
		}
		run, upper = nil, nil
	}
	for _, i := range byValue(xs) {
		if !drawable(xs[i], sx) || !drawable(lo[i], sy) || !drawable(hi[i], sy) {
			flush()
			continue
		}
		run = append(run, plotter.XY{X: xs[i], Y: lo[i]})
		upper = append(upper, hi[i])
		spreadAny = spreadAny || hi[i] != lo[i]
	}
	flush()
	if !spreadAny {
		return nil
	}
	return rings
}

// noteSpread records, for the legend, how many seeds the band's rows are
// over (ns, the aggregate's n column) and whether single seeds are drawn.
func (p *panel) noteSpread(ns []float64, faint bool) {
	if p.spread == nil {
		p.spread = &spread{minN: math.MaxInt, faint: faint}
	}
	for _, n := range ns {
		p.spread.minN, p.spread.maxN = min(p.spread.minN, int(n)), max(p.spread.maxN, int(n))
	}
	p.spread.faint = p.spread.faint && faint
}

// put adds a plotter to the panel: to the plot, or, while p.raise is set,
// to the plotters drawn over all others (the means over seeds, so that no
// other series' band covers them).
func (p *panel) put(pl plot.Plotter) {
	if p.raise {
		p.top = append(p.top, pl)
		return
	}
	p.plot.Add(pl)
}

// finish completes the panel once all its series are in: it adds the raised
// plotters and, when the panel shows a spread over seeds, the legend
// entries that say what the line, the band and the faint lines are. A panel
// of one seed's tables is left as it is.
func (p *panel) finish() {
	p.plot.Add(p.top...)
	p.top = nil
	if p.spread == nil {
		return
	}
	defer func() { p.spread = nil }()
	seeds := fmt.Sprintf("%d seeds", p.spread.maxN)
	if p.spread.minN < p.spread.maxN {
		seeds = fmt.Sprintf("%d–%d seeds", p.spread.minN, p.spread.maxN)
	}
	grey := color.Gray{Y: 0x40}
	band := &plotter.Polygon{Color: translucent(grey, bandAlpha), LineStyle: draw.LineStyle{Color: color.Transparent}}
	mean := &plotter.Line{LineStyle: draw.LineStyle{Color: grey, Width: vg.Points(1.5)}}
	p.legend.add("mean, band: min–max over "+seeds, band, mean)
	if p.spread.faint {
		one := &plotter.Line{LineStyle: draw.LineStyle{Color: translucent(grey, faintAlpha), Width: vg.Points(faintWidth)}}
		p.legend.add("thin lines: single seeds", one)
	}
}

// translucent returns c with alpha a (0 transparent, 0xFF opaque).
func translucent(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}
