package plots

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/plot/plotter"
)

func TestXYsLeavesOutWhatAnAxisCannotShow(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6}
	ys := []float64{0.5, 0, -1, math.NaN(), math.Inf(1), 2}
	want := plotter.XYs{{X: 1, Y: 0.5}, {X: 6, Y: 2}}
	if got := xys(xs, ys, linear, logScale); !reflect.DeepEqual(got, want) {
		t.Errorf("log y: %v, want %v", got, want)
	}
	want = plotter.XYs{{X: 1, Y: 0.5}, {X: 2, Y: 0}, {X: 3, Y: -1}, {X: 6, Y: 2}}
	if got := xys(xs, ys, linear, linear); !reflect.DeepEqual(got, want) {
		t.Errorf("linear: %v, want %v", got, want)
	}
	want = plotter.XYs{{X: 5, Y: 2}}
	if got := xys([]float64{0, 5}, []float64{1, 2}, logScale, linear); !reflect.DeepEqual(got, want) {
		t.Errorf("log x: %v, want %v", got, want)
	}
}

func TestSortedByX(t *testing.T) {
	in := plotter.XYs{{X: 3, Y: 1}, {X: 1, Y: 2}, {X: 3, Y: 0}, {X: 2, Y: 5}}
	want := plotter.XYs{{X: 1, Y: 2}, {X: 2, Y: 5}, {X: 3, Y: 1}, {X: 3, Y: 0}}
	if got := sortedByX(in); !reflect.DeepEqual(got, want) {
		t.Errorf("sortedByX = %v, want %v", got, want)
	}
	if in[0].X != 3 {
		t.Error("sortedByX changed its input")
	}
}

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"sinc":           "sinc",
		"dense_1/kernel": "dense_1-kernel",
		"layer 2":        "layer-2",
		"../x":           "-x",
		"":               "unnamed",
		"θ":              "-",
	}
	for in, want := range cases {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUniqueNames(t *testing.T) {
	figs := []*figure{{name: "pca-a-b"}, {name: "pca-a-b"}, {name: "pca-c"}, {name: "pca-a-b"}}
	var got []string
	for _, f := range uniqueNames(figs) {
		got = append(got, f.name)
	}
	want := []string{"pca-a-b", "pca-a-b-2", "pca-c", "pca-a-b-3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("uniqueNames = %v, want %v", got, want)
	}
}

func TestFormats(t *testing.T) {
	counts := map[[2]string]string{
		{"1", "hidden layer"}: "1 hidden layer",
		{"7", "hidden layer"}: "7 hidden layers",
		{"16600", "param"}:    "16,600 params",
		{"1234567", "param"}:  "1,234,567 params",
		{"572", "param"}:      "572 params",
		{"many", "param"}:     "many params",
	}
	for in, want := range counts {
		if got := count(in[0], in[1]); got != want {
			t.Errorf("count(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
	if got := groupThousands(-1234); got != "-1,234" {
		t.Errorf("groupThousands(-1234) = %q", got)
	}
	shorts := map[float64]string{0.123456: "0.123", 3.123456: "3.12", 1234.5: "1.23e+03", 0.000123456: "0.000123"}
	for in, want := range shorts {
		if got := short(in); got != want {
			t.Errorf("short(%g) = %q, want %q", in, got, want)
		}
	}
}

// TestLegendLayout: a legend takes one row when the width allows, one
// column when it is narrow, and grows in height with its rows.
func TestLegendLayout(t *testing.T) {
	var l legend
	for _, s := range []string{"train", "test", "a much longer label than the others", "x"} {
		l.add(s)
	}
	cols, rows := l.layout(10000)
	if len(cols) != 4 || rows != 1 {
		t.Errorf("wide: %d columns, %d rows; want 4, 1", len(cols), rows)
	}
	cols, rows = l.layout(1)
	if len(cols) != 1 || rows != 4 {
		t.Errorf("narrow: %d columns, %d rows; want 1, 4", len(cols), rows)
	}
	// Just wide enough for two columns (entries 0 and 2 in the first, 1
	// and 3 in the second), too narrow for three.
	wide, _ := l.layout(10000)
	w2 := max(wide[0], wide[2]) + max(wide[1], wide[3]) + legendGap
	cols, rows = l.layout(w2)
	if len(cols) != 2 || rows != 2 {
		t.Errorf("width %v: %d columns, %d rows; want 2, 2", w2, len(cols), rows)
	}
	if h1, h4 := l.height(10000), l.height(1); !(h4 > 3*h1) {
		t.Errorf("height of 4 rows %v, of 1 row %v: want about 4 times", h4, h1)
	}
	var empty legend
	if h := empty.height(100); h != 0 {
		t.Errorf("empty legend height %v, want 0", h)
	}
}
