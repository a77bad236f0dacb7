package plots

import (
	"strconv"
	"strings"
)

// count renders a number read from a table with its noun, e.g. "1 hidden
// layer", "16,600 params"; a cell that is not a whole number stays as it is.
func count(cell, noun string) string {
	n, err := strconv.ParseInt(strings.TrimSpace(cell), 10, 64)
	if err != nil {
		return cell + " " + noun + "s"
	}
	if n == 1 {
		return "1 " + noun
	}
	return groupThousands(n) + " " + noun + "s"
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// short renders a measured value with three significant digits, for point
// labels.
func short(v float64) string {
	return strconv.FormatFloat(v, 'g', 3, 64)
}
