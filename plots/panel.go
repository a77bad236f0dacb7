package plots

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// panel is one chart of a figure: a plot and its legend, which the figure
// draws above the plot so that it never hides data.
type panel struct {
	plot   *plot.Plot
	legend legend
	sx, sy scale
	// yLabel is drawn by the figure beside the data area: gonum places
	// the y label's padding at the data's middle value, which on a log axis
	// is far from the middle of the axis and leaves a wide empty band.
	yLabel string
	// Of a figure drawn from the aggregates over seeds (curve): while raise
	// is set, add puts its plotters in top, which finish draws over all
	// others; spread is what the legend must still explain.
	raise  bool
	top    []plot.Plotter
	spread *spread
}

// newPanel returns an empty chart with the given axis labels and scales.
func newPanel(xLabel, yLabel string, sx, sy scale) *panel {
	p := plot.New()
	styleText(p)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Add(plotter.NewGrid())
	return &panel{plot: p, sx: sx, sy: sy}
}

// series describes how one data series looks.
type series struct {
	label  string           // legend entry; "" for none
	color  color.Color      // line and marker colour
	dashes []vg.Length      // nil for a solid line
	width  vg.Length        // line width; 0 for the default
	shape  draw.GlyphDrawer // marker; nil for none
	radius vg.Length        // marker radius; 0 for the default
	line   bool             // connect the points
}

// add draws pts as s describes. A series without drawable points is left
// out, legend entry included.
func (p *panel) add(pts plotter.XYs, s series) error {
	if len(pts) == 0 {
		return nil
	}
	var thumbs []plot.Thumbnailer
	if s.line {
		l, err := plotter.NewLine(pts)
		if err != nil {
			return fmt.Errorf("line %q: %w", s.label, err)
		}
		l.Color = s.color
		l.Dashes = s.dashes
		l.Width = vg.Points(1.5)
		if s.width > 0 {
			l.Width = s.width
		}
		p.put(l)
		thumbs = append(thumbs, l)
	}
	if s.shape != nil {
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return fmt.Errorf("points %q: %w", s.label, err)
		}
		sc.Color = s.color
		sc.Shape = s.shape
		sc.Radius = vg.Points(2.5)
		if s.radius > 0 {
			sc.Radius = s.radius
		}
		p.put(sc)
		thumbs = append(thumbs, sc)
	}
	if s.label != "" && len(thumbs) > 0 {
		p.legend.add(s.label, thumbs...)
	}
	return nil
}

// key adds a legend entry that explains a line style (e.g. "test" dashed)
// without drawing data.
func (p *panel) key(label string, dashes []vg.Length) {
	l := &plotter.Line{LineStyle: draw.LineStyle{Color: color.Black, Width: vg.Points(1.5), Dashes: dashes}}
	p.legend.add(label, l)
}

// labels writes a short text beside each point.
func (p *panel) labels(pts plotter.XYs, texts []string) error {
	if len(pts) == 0 {
		return nil
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: texts})
	if err != nil {
		return fmt.Errorf("point labels: %w", err)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = sansFont(noteSize)
		l.TextStyle[i].Color = color.Gray{Y: 0x40}
	}
	l.Offset = vg.Point{X: vg.Points(3), Y: vg.Points(2)}
	p.plot.Add(l)
	return nil
}

// vline is a vertical line across the whole data area at X, marking a
// special value of x (the two trained models of an interpolation).
type vline struct {
	X     float64
	Style draw.LineStyle
}

// Plot implements plot.Plotter.
func (v vline) Plot(c draw.Canvas, p *plot.Plot) {
	if v.X < p.X.Min || v.X > p.X.Max || (p.X.Min <= 0 && p.X.Scale == plot.Normalizer(plot.LogScale{})) {
		return
	}
	x := c.X(p.X.Norm(v.X))
	c.StrokeLine2(v.Style, x, c.Min.Y, x, c.Max.Y)
}

// mark draws a thin grey vertical line at x.
func (p *panel) mark(x float64) {
	p.plot.Add(vline{X: x, Style: draw.LineStyle{Color: color.Gray{Y: 0x80}, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}})
}
