package plots

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"hw1/runner/results"
)

// lossSurface draws, per model of surface.csv, the random plane as a
// contour map with filled levels on a log scale (contour-<model>) and as a
// heatmap (heatmap-<model>), the trajectory over the loss contours of its
// principal-component plane (trajectory-<model>, when trajectory.csv has
// the model), and one figure of the 1-D slices through θ* of every model
// (slices).
//
// Over seeds nothing is drawn beyond each seed's own figures, in its
// folder: each seed's directions and principal components are its own, so
// its surfaces, slices and trajectories do not average or pool (none of
// their tables is aggregated).
func lossSurface(f folder) ([]*figure, error) {
	if f.multi() {
		return nil, nil
	}
	surf, err := f.table(results.LossSurfaceSurface)
	if err != nil {
		return nil, err
	}
	traj, err := f.optionalTable(results.LossSurfaceTrajectory)
	if err != nil {
		return nil, err
	}
	models, err := f.optionalTable(results.LossSurfaceModels)
	if err != nil {
		return nil, err
	}
	names, err := surf.distinct(results.ColModel)
	if err != nil {
		return nil, err
	}
	var figs, slices []*figure
	var slicePanels []*panel
	for _, m := range names {
		rows, err := surf.where(results.ColModel, m)
		if err != nil {
			return nil, err
		}
		random, err := rows.where(results.ColPlane, results.PlaneRandom)
		if err != nil {
			return nil, err
		}
		if len(random.t.Rows) > 0 {
			g, err := surfaceGrid(random)
			if err != nil {
				return nil, fmt.Errorf("%s, model %s: %w", surf.path, m, err)
			}
			contour, heat := contourPanel(g, "δ (a)", "η (b)"), heatPanel(g)
			if g.flat() {
				if contour, err = pointsPanel(g, "δ (a)", "η (b)"); err != nil {
					return nil, err
				}
				heat = contour
			}
			figs = append(figs,
				newFigureOf("contour", "model", m, fmt.Sprintf("Loss around θ* of %s: random filter-normalised plane, log levels", m), contour),
				newFigureOf("heatmap", "model", m, fmt.Sprintf("Loss around θ* of %s: random filter-normalised plane", m), heat))
			sp, err := slicePanel(g, m)
			if err != nil {
				return nil, err
			}
			slicePanels = append(slicePanels, sp)
		}
		pca, err := rows.where(results.ColPlane, results.PlanePCA)
		if err != nil {
			return nil, err
		}
		if traj == nil || len(pca.t.Rows) == 0 {
			continue
		}
		f, err := trajectoryFigure(pca, traj, models, m)
		if err != nil {
			return nil, err
		}
		if f != nil {
			figs = append(figs, f)
		}
	}
	if len(slicePanels) > 0 {
		f := newFigure("slices", "1-D slices of the loss through θ*, along δ and along η", slicePanels...)
		slices = append(slices, f)
	}
	return append(figs, slices...), nil
}

// surfaceGrid arranges the rows' loss on their (a, b) grid.
func surfaceGrid(rows *source) (grid, error) {
	c, err := rows.columns(results.ColA, results.ColB, results.ColTrainLoss)
	if err != nil {
		return grid{}, err
	}
	return gridOf(c[0], c[1], c[2])
}

// contourPanel is a contour map of g's values on a log scale: each band
// between two levels filled with one colour (the grid's cells coloured by
// their band) and the levels drawn as lines, with the bands in the legend.
func contourPanel(g grid, xLabel, yLabel string) *panel {
	p := newPanel(xLabel, yLabel, linear, linear)
	if g.flat() {
		return p
	}
	lg := log10Grid(g)
	lo, hi := lg.minMax()
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return p
	}
	levels := logLevels(math.Pow(10, lo), math.Pow(10, hi))
	bounds := append(append([]float64{lo}, levels...), hi)
	colors := newRamp(len(bounds) - 1)
	p.plot.Add(bandMap{g: lg, bounds: bounds, colors: colors})
	if len(levels) > 0 {
		c := plotter.NewContour(lg, levels, plain{color.Gray{Y: 0x30}})
		c.LineStyles = []draw.LineStyle{{Color: color.Gray{Y: 0x30}, Width: vg.Points(0.6)}}
		p.plot.Add(orderedContour{c})
	}
	for i := range colors {
		label := fmt.Sprintf("%s – %s", short(math.Pow(10, bounds[i])), short(math.Pow(10, bounds[i+1])))
		p.legend.add(label, swatch{colors[i]})
	}
	return p
}

// heatPanel is a heatmap of log10 of g's values on a continuous palette,
// its ends in the legend.
func heatPanel(g grid) *panel {
	p := newPanel("δ (a)", "η (b)", linear, linear)
	if g.flat() {
		return p
	}
	lg := log10Grid(g)
	lo, hi := lg.minMax()
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return p
	}
	colors := newRamp(64)
	h := plotter.NewHeatMap(lg, colors)
	h.Min, h.Max = lo, math.Max(hi, lo+1e-12)
	h.NaN = color.White
	p.plot.Add(h)
	p.legend.add("loss "+short(math.Pow(10, lo))+" (lowest)", swatch{colors[0]})
	p.legend.add("loss "+short(math.Pow(10, hi))+" (highest, log colour scale)", swatch{colors[len(colors)-1]})
	return p
}

// slicePanel is the loss along a at b = 0 and along b at a = 0, log y. On
// a grid without an exact 0 the slices go through the grid value nearest
// to 0, and the legend says which.
func slicePanel(g grid, model string) (*panel, error) {
	p := newPanel("a or b (coordinate along the direction)", "loss, "+model, linear, logScale)
	i0, j0 := nearestIndex(g.xs, 0), nearestIndex(g.ys, 0)
	if i0 < 0 || j0 < 0 {
		return p, nil
	}
	var alongA, alongB plotter.XYs
	for i, a := range g.xs {
		if v := g.zs[i][j0]; drawable(v, logScale) {
			alongA = append(alongA, plotter.XY{X: a, Y: v})
		}
	}
	for j, b := range g.ys {
		if v := g.zs[i0][j]; drawable(v, logScale) {
			alongB = append(alongB, plotter.XY{X: b, Y: v})
		}
	}
	if err := p.add(alongA, series{label: "along δ (" + atZero("b", g.ys[j0]) + ")", color: seriesColor(0), line: true}); err != nil {
		return nil, err
	}
	if err := p.add(alongB, series{label: "along η (" + atZero("a", g.xs[i0]) + ")", color: seriesColor(1), line: true, dashes: dashed()}); err != nil {
		return nil, err
	}
	p.mark(0)
	return p, nil
}

// atZero names the coordinate a slice is taken at: "b = 0", or, off 0,
// "b = 0.25, the grid's nearest to 0".
func atZero(coord string, v float64) string {
	if v == 0 {
		return coord + " = 0"
	}
	return fmt.Sprintf("%s = %s, the grid's nearest to 0", coord, short(v))
}

// nearestIndex returns the index of the first value of xs closest to v,
// -1 for no finite value.
func nearestIndex(xs []float64, v float64) int {
	best := -1
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		if best < 0 || math.Abs(x-v) < math.Abs(xs[best]-v) {
			best = i
		}
	}
	return best
}

// trajectoryFigure draws model m's trajectory (epochs labelled) over the
// contours of the loss in the plane of its first two principal components;
// nil when trajectory.csv has no rows for m.
func trajectoryFigure(plane, traj, models *source, m string) (*figure, error) {
	rows, err := traj.where(results.ColModel, m)
	if err != nil {
		return nil, err
	}
	if len(rows.t.Rows) == 0 {
		return nil, nil
	}
	g, err := surfaceGrid(plane)
	if err != nil {
		return nil, fmt.Errorf("%s, model %s, plane %s: %w", plane.path, m, results.PlanePCA, err)
	}
	xLabel, yLabel := "PC 1", "PC 2"
	if models != nil {
		mr, err := models.where(results.ColModel, m)
		if err != nil {
			return nil, err
		}
		if len(mr.t.Rows) > 0 {
			c, err := mr.columns(results.ColPC1Explained, results.ColPC2Explained)
			if err != nil {
				return nil, err
			}
			xLabel = fmt.Sprintf("PC 1 (%.1f%% of the variance)", 100*c[0][0])
			yLabel = fmt.Sprintf("PC 2 (%.1f%% of the variance)", 100*c[1][0])
		}
	}
	p := contourPanel(g, xLabel, yLabel)
	if g.flat() {
		if p, err = pointsPanel(g, xLabel, yLabel); err != nil {
			return nil, err
		}
	}
	c, err := rows.columns(results.ColEpoch, results.ColPC1, results.ColPC2)
	if err != nil {
		return nil, err
	}
	var pts plotter.XYs
	var texts []string
	label := len(c[0]) <= 40
	for _, i := range byValue(c[0]) {
		if drawable(c[1][i], linear) && drawable(c[2][i], linear) {
			pts = append(pts, plotter.XY{X: c[1][i], Y: c[2][i]})
			texts = append(texts, strconv.FormatFloat(c[0][i], 'f', -1, 64))
		}
	}
	if err := p.add(pts, series{label: "trajectory (labels: epoch)", color: color.RGBA{0xD5, 0x5E, 0x00, 0xFF}, line: true, shape: draw.CircleGlyph{}, radius: vg.Points(2)}); err != nil {
		return nil, err
	}
	if label {
		if err := p.labels(pts, texts); err != nil {
			return nil, err
		}
	}
	title := fmt.Sprintf("Trajectory of %s on 2 principal components, over the loss", m)
	return newFigureOf("trajectory", "model", m, title, p), nil
}

// bandMap fills each cell of a grid with the colour of the band its value
// falls in: bounds ascending, colors[k] for [bounds[k], bounds[k+1]).
type bandMap struct {
	g      grid
	bounds []float64
	colors []color.Color
}

// Plot implements plot.Plotter, through a heatmap of the band indices.
func (b bandMap) Plot(c draw.Canvas, p *plot.Plot) {
	idx := grid{xs: b.g.xs, ys: b.g.ys, zs: make([][]float64, len(b.g.zs))}
	for i, col := range b.g.zs {
		idx.zs[i] = make([]float64, len(col))
		for j, v := range col {
			idx.zs[i][j] = math.NaN()
			if !math.IsNaN(v) {
				k := 0
				for k < len(b.colors)-1 && v >= b.bounds[k+1] {
					k++
				}
				idx.zs[i][j] = float64(k)
			}
		}
	}
	h := plotter.NewHeatMap(idx, ramp(b.colors))
	h.Min, h.Max = -0.5, float64(len(b.colors))-0.5
	h.NaN = color.White
	h.Plot(c, p)
}

// DataRange implements plot.DataRanger: the grid's cells.
func (b bandMap) DataRange() (xmin, xmax, ymin, ymax float64) {
	return plotter.NewHeatMap(b.g, ramp{color.Black}).DataRange()
}
