package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// linearTicks marks a linear axis with steps of 1, 2 or 5 times a power of
// ten, four to eight labelled ticks, each label with the same number of
// decimals, and unlabelled minor ticks between them.
type linearTicks struct{}

// Ticks implements plot.Ticker.
func (linearTicks) Ticks(min, max float64) []plot.Tick {
	if math.IsNaN(min) || math.IsNaN(max) || math.IsInf(min, 0) || math.IsInf(max, 0) || max < min {
		return nil
	}
	if max == min {
		return []plot.Tick{{Value: min, Label: strconv.FormatFloat(min, 'g', 6, 64)}}
	}
	step, minor := niceStep((max - min) / 5)
	first := math.Ceil(min/minor - 1e-9)
	last := math.Floor(max/minor + 1e-9)
	if last-first > 1000 {
		return nil
	}
	decimals := 0
	if k := -int(math.Floor(math.Log10(step) + 1e-9)); k > 0 {
		decimals = k
	}
	huge := math.Max(math.Abs(min), math.Abs(max)) >= 1e6 || step < 1e-4
	perMajor := math.Round(step / minor)
	var ticks []plot.Tick
	for i := first; i <= last; i++ {
		// Snap away the error of the product (15 × 0.04 = 0.6000000000000001).
		v, _ := strconv.ParseFloat(strconv.FormatFloat(i*minor, 'g', 12, 64), 64)
		t := plot.Tick{Value: v}
		if math.Mod(math.Abs(i), perMajor) == 0 {
			if math.Abs(v) < minor*1e-6 {
				v = 0 // no "-0"
			}
			if huge {
				t.Label = strconv.FormatFloat(v, 'g', 4, 64)
			} else {
				t.Label = strconv.FormatFloat(v, 'f', decimals, 64)
			}
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// niceStep returns the 1-2-5 step nearest to rough (on a log scale) and the
// step of the minor ticks under it.
func niceStep(rough float64) (step, minor float64) {
	base := math.Pow(10, math.Floor(math.Log10(rough)))
	best, bestDist := base, math.Inf(1)
	for _, m := range []float64{1, 2, 5, 10} {
		if d := math.Abs(math.Log(m * base / rough)); d < bestDist {
			best, bestDist = m*base, d
		}
	}
	if math.Round(best/base) == 2 {
		return best, best / 4
	}
	return best, best / 5
}
