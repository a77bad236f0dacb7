package plots

import (
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// orderedContour draws a gonum contour plot with its lines in a fixed order
// and orientation. gonum joins contour segments through maps, so the order
// (and the start) of the paths it strokes changes from one drawing to the
// next, and with it the SVG: figures redrawn from the same tables would not
// be byte-identical. It records the plot's drawing, puts every stroked path
// into a canonical form (an open line starts at its smaller end, a loop at
// its smallest point and in the smaller direction) and replays the strokes
// sorted by that form; the picture is the same.
type orderedContour struct{ *plotter.Contour }

// Plot implements plot.Plotter.
func (o orderedContour) Plot(c draw.Canvas, plt *plot.Plot) {
	rec := &recorder.Canvas{}
	rc := c
	rc.Canvas = rec
	o.Contour.Plot(rc, plt)
	// Each stroke comes after the style actions that set it up: keep each
	// group whole and sort the groups by their path.
	type group struct {
		actions []recorder.Action
		key     string
	}
	var groups []group
	var cur []recorder.Action
	for _, a := range rec.Actions {
		s, ok := a.(*recorder.Stroke)
		if !ok {
			cur = append(cur, a)
			continue
		}
		s.Path = canonicalPath(s.Path)
		groups = append(groups, group{actions: append(cur, s), key: pathKey(s.Path)})
		cur = nil
	}
	slices.SortStableFunc(groups, func(a, b group) int { return strings.Compare(a.key, b.key) })
	for _, g := range groups {
		for _, a := range g.actions {
			a.ApplyTo(c.Canvas)
		}
	}
	for _, a := range cur {
		a.ApplyTo(c.Canvas)
	}
}

// canonicalPath returns a path of moves and lines (with or without a final
// close) in canonical form; other paths are returned as they are.
func canonicalPath(p vg.Path) vg.Path {
	if len(p) < 2 || p[0].Type != vg.MoveComp {
		return p
	}
	closed := p[len(p)-1].Type == vg.CloseComp
	var pts []vg.Point
	for i, c := range p {
		switch {
		case i == 0 || c.Type == vg.LineComp:
			pts = append(pts, c.Pos)
		case c.Type == vg.CloseComp && i == len(p)-1:
		default:
			return p
		}
	}
	var best []vg.Point
	consider := func(q []vg.Point) {
		if best == nil || pointsKey(q) < pointsKey(best) {
			best = slices.Clone(q)
		}
	}
	if closed && len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		ring := pts[:len(pts)-1]
		for i := range ring {
			rot := append(slices.Clone(ring[i:]), ring[:i]...)
			consider(append(rot, rot[0]))
			rev := slices.Clone(rot)
			slices.Reverse(rev[1:])
			consider(append(rev, rev[0]))
		}
	} else {
		consider(pts)
		rev := slices.Clone(pts)
		slices.Reverse(rev)
		consider(rev)
	}
	var out vg.Path
	out.Move(best[0])
	for _, q := range best[1:] {
		out.Line(q)
	}
	if closed {
		out.Close()
	}
	return out
}

func pathKey(p vg.Path) string {
	var b strings.Builder
	for _, c := range p {
		fmt.Fprintf(&b, "%d:%.4f,%.4f;", c.Type, float64(c.Pos.X), float64(c.Pos.Y))
	}
	return b.String()
}

func pointsKey(ps []vg.Point) string {
	var b strings.Builder
	for _, q := range ps {
		fmt.Fprintf(&b, "%.4f,%.4f;", float64(q.X), float64(q.Y))
	}
	return b.String()
}
