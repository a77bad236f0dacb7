package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legend is a panel's key, drawn above the panel's data area (never over
// the data) in as many columns as fit its width.
type legend struct {
	entries []legendEntry
}

type legendEntry struct {
	label  string
	thumbs []plot.Thumbnailer
}

// legendGap is the space between legend columns and below the legend.
const legendGap = 12 * vg.Millimeter / 4

// add appends an entry drawn with the given thumbnails.
func (l *legend) add(label string, thumbs ...plot.Thumbnailer) {
	l.entries = append(l.entries, legendEntry{label: label, thumbs: thumbs})
}

// layout returns the column widths of the largest number of columns (filled
// row by row) that fit in width, and the number of rows.
func (l *legend) layout(width vg.Length) (cols []vg.Length, rows int) {
	style := newLegend()
	widths := make([]vg.Length, len(l.entries))
	for i, e := range l.entries {
		widths[i] = style.ThumbnailWidth + style.TextStyle.Rectangle(" "+e.label).Max.X
	}
	for n := len(l.entries); n >= 1; n-- {
		cols = make([]vg.Length, n)
		for i, w := range widths {
			if w > cols[i%n] {
				cols[i%n] = w
			}
		}
		total := vg.Length(n-1) * legendGap
		for _, w := range cols {
			total += w
		}
		if total <= width || n == 1 {
			return cols, (len(l.entries) + n - 1) / n
		}
	}
	return nil, 0
}

// height returns the height the legend takes when laid out in width.
func (l *legend) height(width vg.Length) vg.Length {
	_, rows := l.layout(width)
	if rows == 0 {
		return 0
	}
	style := newLegend()
	style.Add("x")
	row := style.Rectangle(draw.Canvas{}).Size().Y
	return vg.Length(rows)*(row+style.Padding) - style.Padding + style.TextStyle.FontExtents().Descent
}

// draw draws the legend in the top left of c.
func (l *legend) draw(c draw.Canvas) {
	cols, _ := l.layout(c.Max.X - c.Min.X)
	x := c.Min.X
	for j, w := range cols {
		column := newLegend()
		for i := j; i < len(l.entries); i += len(cols) {
			column.Add(l.entries[i].label, l.entries[i].thumbs...)
		}
		cc := c
		cc.Min.X, cc.Max.X = x, x+w
		column.Draw(cc)
		x += w + legendGap
	}
}
