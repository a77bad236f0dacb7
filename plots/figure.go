package plots

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"hw1/runner/table"
)

// pngDPI is the resolution of the PNG files: sharp on high-density screens
// at the report's size of 16 cm.
const pngDPI = 150

// figure is one image: a title over one or more panels stacked vertically,
// sharing the x axis, each with its legend above its data area.
type figure struct {
	name          string // file name without extension
	kind          string // what figure it is: its name, or a pattern such as loss-<function> (newFigureOf)
	title         string
	panels        []*panel
	width, height vg.Length
}

// newFigure stacks panels under a title: 16 cm wide, 10 cm high for one
// panel and 5 cm more for each further panel. The panels must be complete:
// newFigure finishes them (panel.finish).
func newFigure(name, title string, panels ...*panel) *figure {
	for _, p := range panels {
		p.finish()
	}
	h := 10*vg.Centimeter + vg.Length(len(panels)-1)*5*vg.Centimeter
	return &figure{name: name, kind: name, title: title, panels: panels, width: 16 * vg.Centimeter, height: h}
}

// newFigureOf is newFigure for one of a series of figures drawn alike, one
// per value of a table's column (what, e.g. "function"): it is named
// kind-VALUE (the value made a file name by slug) and is of the kind
// "kind-<what>", e.g. loss-<function>.
func newFigureOf(kind, what, value, title string, panels ...*panel) *figure {
	f := newFigure(kind+"-"+slug(value), title, panels...)
	f.kind = kind + "-<" + what + ">"
	return f
}

// prepare finishes the axes once all data are in: stacked panels share one
// x range and only the lowest shows the x label; log axes get their range
// and ticks. It may run more than once.
func (f *figure) prepare() {
	if len(f.panels) > 1 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range f.panels {
			if !math.IsInf(p.plot.X.Min, 0) && !math.IsInf(p.plot.X.Max, 0) {
				lo, hi = math.Min(lo, p.plot.X.Min), math.Max(hi, p.plot.X.Max)
			}
		}
		for i, p := range f.panels {
			if lo <= hi {
				p.plot.X.Min, p.plot.X.Max = lo, hi
			}
			if i < len(f.panels)-1 {
				p.plot.X.Label.Text = ""
			}
		}
	}
	for _, p := range f.panels {
		if p.plot.Y.Label.Text != "" {
			p.yLabel, p.plot.Y.Label.Text = p.plot.Y.Label.Text, ""
		}
		if p.sx == logScale {
			setLogScale(&p.plot.X)
		}
		if p.sy == logScale {
			setLogScale(&p.plot.Y)
		}
	}
}

// draw draws the figure onto c.
func (f *figure) draw(c draw.Canvas) {
	f.prepare()
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	pad := vg.Points(6)
	c = draw.Crop(c, pad, -pad, pad, -pad)
	if f.title != "" {
		sty := text.Style{
			Color:   color.Black,
			Font:    sansFont(titleSize),
			XAlign:  draw.XCenter,
			YAlign:  draw.YTop,
			Handler: plot.DefaultTextHandler,
		}
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, f.title)
		c.Max.Y -= sty.Rectangle(f.title).Size().Y + vg.Points(6)
	}

	yLabel := text.Style{
		Color:    color.Black,
		Font:     sansFont(labelSize),
		XAlign:   draw.XCenter,
		YAlign:   draw.YBottom,
		Rotation: math.Pi / 2,
		Handler:  plot.DefaultTextHandler,
	}
	ext := yLabel.FontExtents()
	labelX := c.Min.X + ext.Ascent
	c.Min.X += ext.Ascent + ext.Descent + vg.Points(4)

	rows := make([][]*plot.Plot, len(f.panels))
	for i, p := range f.panels {
		rows[i] = []*plot.Plot{p.plot}
	}
	tiles := draw.Tiles{Rows: len(f.panels), Cols: 1, PadY: vg.Points(10)}
	canvases := plot.Align(rows, tiles, c)
	for i, p := range f.panels {
		pc := canvases[i][0]
		if len(p.legend.entries) > 0 && (i == 0 || !sameLabels(p.legend, f.panels[i-1].legend)) {
			data := p.plot.DataCanvas(pc)
			lc := pc
			lc.Min.X, lc.Max.X = data.Min.X, data.Max.X
			h := p.legend.height(lc.Max.X - lc.Min.X)
			p.legend.draw(lc)
			pc.Max.Y -= h + legendGap/2
		}
		p.plot.Draw(pc)
		data := p.plot.DataCanvas(pc)
		c.FillText(yLabel, vg.Point{X: labelX, Y: data.Center().Y}, p.yLabel)
	}
}

// render draws the figure on a canvas and encodes it; a panic of the drawing
// library becomes an error, so a bad value never ends a long run.
func (f *figure) render(c vg.CanvasWriterTo, format string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("draw figure %s as %s: %v", f.name, format, r)
		}
	}()
	f.draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode figure %s as %s: %w", f.name, format, err)
	}
	return buf.Bytes(), nil
}

// png returns the figure as a PNG image at dpi dots per inch.
func (f *figure) png(dpi int) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(f.width, f.height), vgimg.UseDPI(dpi))
	return f.render(vgimg.PngCanvas{Canvas: c}, "png")
}

// svg returns the figure as an SVG document.
func (f *figure) svg() ([]byte, error) {
	return f.render(vgsvg.New(f.width, f.height), "svg")
}

// save writes dir/NAME.png and dir/NAME.svg atomically.
func (f *figure) save(dir string) error {
	png, err := f.png(pngDPI)
	if err != nil {
		return err
	}
	svg, err := f.svg()
	if err != nil {
		return err
	}
	if err := table.WriteFileAtomic(filepath.Join(dir, f.name+".png"), png); err != nil {
		return fmt.Errorf("figure %s: %w", f.name, err)
	}
	if err := table.WriteFileAtomic(filepath.Join(dir, f.name+".svg"), svg); err != nil {
		return fmt.Errorf("figure %s: %w", f.name, err)
	}
	return nil
}

// sameLabels reports whether two legends list the same labels, in which
// case a stacked panel does not repeat the legend of the panel above.
func sameLabels(a, b legend) bool {
	if len(a.entries) != len(b.entries) {
		return false
	}
	for i := range a.entries {
		if a.entries[i].label != b.entries[i].label {
			return false
		}
	}
	return true
}
