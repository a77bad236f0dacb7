package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Font sizes in points, chosen to stay readable when a 16 cm wide figure is
// shown at its natural size.
const (
	titleSize  = 12
	labelSize  = 10
	tickSize   = 9
	legendSize = 9
	noteSize   = 6.5
)

// sansFont is the typeface of every text in a figure.
func sansFont(size vg.Length) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, size)
}

// seriesColor returns the i-th colour of a palette that stays distinguishable
// in print and for the common forms of colour blindness (Okabe–Ito, then a
// few darker extras).
func seriesColor(i int) color.Color {
	palette := [...]color.RGBA{
		{0x00, 0x72, 0xB2, 0xFF}, // blue
		{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
		{0x00, 0x9E, 0x73, 0xFF}, // bluish green
		{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
		{0xE6, 0x9F, 0x00, 0xFF}, // orange
		{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
		{0x7F, 0x7F, 0x7F, 0xFF}, // grey
		{0x8C, 0x56, 0x4B, 0xFF}, // brown
		{0x2C, 0x2C, 0x8C, 0xFF}, // navy
		{0x6B, 0x8E, 0x23, 0xFF}, // olive
	}
	if i < 0 {
		i = -i
	}
	return palette[i%len(palette)]
}

// glyphShape returns the i-th marker shape, so that series stay apart where
// colours are hard to tell.
func glyphShape(i int) draw.GlyphDrawer {
	shapes := [...]draw.GlyphDrawer{
		draw.CircleGlyph{},
		draw.SquareGlyph{},
		draw.TriangleGlyph{},
		draw.PlusGlyph{},
		draw.CrossGlyph{},
		draw.RingGlyph{},
	}
	if i < 0 {
		i = -i
	}
	return shapes[i%len(shapes)]
}

// dashed is the dash pattern of test (held-out) curves; train curves are
// solid.
func dashed() []vg.Length { return []vg.Length{vg.Points(5), vg.Points(3)} }

// styleText sets the fonts of a plot's title, axes and tick labels.
func styleText(p *plot.Plot) {
	p.Title.TextStyle.Font = sansFont(titleSize)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sansFont(labelSize)
		ax.Tick.Label.Font = sansFont(tickSize)
		ax.Tick.Marker = linearTicks{}
	}
}

// newLegend returns an empty legend drawn in the figure's legend column:
// icons on the left, entries from the top down.
func newLegend() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = sansFont(legendSize)
	l.Top = true
	l.Left = true
	l.ThumbnailWidth = vg.Points(22)
	l.Padding = vg.Points(2)
	return l
}

// fadedColor is seriesColor(i) made lighter, for lines that guide the eye
// between markers without competing with them.
func fadedColor(i int) color.Color {
	r, g, b, _ := seriesColor(i).RGBA()
	mix := func(v uint32) uint8 { return uint8((v>>8)/2 + 0xFF/2) }
	return color.RGBA{mix(r), mix(g), mix(b), 0xFF}
}
