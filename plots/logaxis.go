package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// logTicks marks a logarithmic axis. Over about two decades at most it labels
// the 1-2-5 values (0.1, 0.2, 0.5, 1, ...); over more it labels the powers of
// ten only, thinning them out over very wide ranges. Unlike plot.LogTicks it
// labels ranges narrower than a decade and never panics: a range that is not
// positive gets no ticks.
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max >= min) || math.IsInf(max, 0) {
		return nil
	}
	decades := math.Log10(max / min)
	every := 1 // label every n-th power of ten
	if decades > 8 {
		every = int(math.Ceil(decades / 8))
	}
	kLo, kHi := int(math.Floor(math.Log10(min))), int(math.Ceil(math.Log10(max)))
	plain := kLo >= -3 && kHi <= 4 // else every label in exponent form
	var ticks []plot.Tick
	for k := kLo - 1; k <= kHi+1; k++ {
		for m := 1; m <= 9; m++ {
			if decades > 12 && m > 1 {
				break // minor ticks would merge into a bar
			}
			v := pow125(m, k)
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			label := ""
			switch {
			case m == 1 && k%every == 0:
				label = formatPow(m, k, plain)
			case decades <= 2.2 && (m == 2 || m == 5):
				label = formatPow(m, k, plain)
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: label})
		}
	}
	return ticks
}

// pow125 returns m·10^k as the float nearest to the decimal value, so that
// 3·10^-1 is 0.3 and not 0.30000000000000004.
func pow125(m, k int) float64 {
	v, err := strconv.ParseFloat(fmt.Sprintf("%de%d", m, k), 64)
	if err != nil {
		return float64(m) * math.Pow10(k)
	}
	return v
}

// formatPow renders m·10^k plainly ("0.02") or in exponent form ("2e-2").
func formatPow(m, k int, plain bool) string {
	if plain {
		return strconv.FormatFloat(pow125(m, k), 'f', -1, 64)
	}
	return fmt.Sprintf("%de%d", m, k)
}

// floor125 returns the largest value of the form {1,2,5}·10^k that is not
// above v (v > 0).
func floor125(v float64) float64 {
	for k := int(math.Floor(math.Log10(v))) + 1; ; k-- {
		for _, m := range []int{5, 2, 1} {
			if c := pow125(m, k); c <= v*(1+1e-9) {
				return c
			}
		}
	}
}

// ceil125 returns the smallest value of the form {1,2,5}·10^k that is not
// below v (v > 0).
func ceil125(v float64) float64 {
	for k := int(math.Floor(math.Log10(v))) - 1; ; k++ {
		for _, m := range []int{1, 2, 5} {
			if c := pow125(m, k); c >= v*(1-1e-9) {
				return c
			}
		}
	}
}

// setLogScale turns ax into a logarithmic axis once the data are added: its
// range widens to 1-2-5 values around the data (so at least two ticks carry
// labels), and an axis without positive data gets the range 1..10 instead of
// the panic a log scale gives on zero.
func setLogScale(ax *plot.Axis) {
	lo, hi := ax.Min, ax.Max
	if !(lo > 0 && hi >= lo && !math.IsInf(hi, 1)) {
		lo, hi = 1, 10
	}
	lo, hi = floor125(lo), ceil125(hi)
	if lo >= hi {
		lo, hi = floor125(lo*(1-1e-6)), ceil125(hi*(1+1e-6))
	}
	ax.Min, ax.Max = lo, hi
	ax.Scale = plot.LogScale{}
	ax.Tick.Marker = logTicks{}
}
