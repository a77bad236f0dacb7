package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// pct formats a fraction in [0, 1] as a percentage with one decimal.
func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// num formats a loss, norm or ratio with three significant digits.
func num(x float64) string { return fmt.Sprintf("%.3g", x) }

// rho formats a correlation coefficient.
func rho(x float64) string {
	if math.IsNaN(x) {
		return "undefined"
	}
	return fmt.Sprintf("%.2f", x)
}

// count formats a whole number (an epoch, a step, a parameter count) with
// thousands separators; fractional values keep their fraction.
func count(x float64) string {
	if x != math.Trunc(x) || math.Abs(x) >= 1e15 {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	s := strconv.FormatInt(int64(math.Abs(x)), 10)
	var b strings.Builder
	if x < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// duration formats a number of seconds as a rounded duration.
func duration(seconds float64) string {
	if seconds <= 0 || !finite(seconds) {
		return "—"
	}
	d := time.Duration(seconds * float64(time.Second))
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// alphaLabel formats an interpolation coefficient.
func alphaLabel(a float64) string { return "α=" + strconv.FormatFloat(a, 'g', 4, 64) }

// plural formats n with its noun, adding an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return count(float64(n)) + " " + noun + "s"
}
