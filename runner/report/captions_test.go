package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/data"
)

// plotsFigureNames returns, per experiment, the figure names the plots
// package draws, read from its code: the first argument of every
// newFigure call, a string literal (an exact name) or a literal plus
// something (a family of names, returned with the literal's trailing
// "-"), and of every newFigureOf call, a family's kind (returned with "-"
// added). A file of plots draws the experiment it is named after
// (function_fit.go: function-fit); figure.go, which defines the two, draws
// none.
func plotsFigureNames(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "plots", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	fset := token.NewFileSet()
	calls := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "figure.go" {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		exp := strings.ReplaceAll(strings.TrimSuffix(filepath.Base(path), ".go"), "_", "-")
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			id, ok := call.Fun.(*ast.Ident)
			if !ok || (id.Name != "newFigure" && id.Name != "newFigureOf") || len(call.Args) == 0 {
				return true
			}
			calls++
			arg := call.Args[0]
			family := ""
			if id.Name == "newFigureOf" {
				family = "-"
			}
			if bin, ok := arg.(*ast.BinaryExpr); ok && bin.Op == token.ADD {
				arg = bin.X
			}
			lit, ok := arg.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: newFigure's name is not a string literal (or a literal plus a name): the test cannot tell the figure's kind", fset.Position(call.Pos()))
				return true
			}
			name, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			out[exp] = append(out[exp], name+family)
			return true
		})
	}
	if calls < 10 {
		t.Fatalf("found %d newFigure calls in plots, want all of them", calls)
	}
	return out
}

// TestEveryFigureKindHasACaption: every kind of figure plots draws has a
// caption that says what it shows, and no caption is of a kind plots no
// longer draws.
func TestEveryFigureKindHasACaption(t *testing.T) {
	drawn := plotsFigureNames(t)
	kinds := figureKinds()
	for exp, names := range drawn {
		for _, name := range names {
			if !slices.ContainsFunc(kinds[exp], func(k figureKind) bool { return k.name == name }) {
				t.Errorf("plots draws the figure %s%s for %s, and the report has no caption for it (figureKinds)", name, map[bool]string{true: "ARG"}[strings.HasSuffix(name, "-")], exp)
			}
		}
	}
	for exp, ks := range kinds {
		for _, k := range ks {
			if !slices.Contains(drawn[exp], k.name) {
				t.Errorf("figureKinds has a caption for %s's figure %q, which plots does not draw", exp, k.name)
			}
			if c := k.caption("x"); len(c) < 40 || !strings.HasSuffix(c, ".") {
				t.Errorf("%s %s: caption %q does not say what the figure shows in a sentence", exp, k.name, c)
			}
		}
	}
}

// TestFigureCaption: a caption fills in the function, model or pair of its
// figure, exact names win over families, and an unknown name falls back to
// the name.
func TestFigureCaption(t *testing.T) {
	cases := []struct{ exp, stem, want string }{
		{"function-fit", "fit-square", "square = sign(sin(5πx))"},
		{"function-fit", "loss-sinc", "sinc = sin(5πx)/(5πx)"},
		{"function-fit", "loss-sinc", "mean squared error"},
		{"mnist-depth", "loss", "Cross-entropy loss (log scale) per epoch of each CNN"},
		{"param-count", "loss-vs-params", "number of parameters"},
		{"hessian-spectrum", "density-sens-bs1000", "sensitivity's network trained with batch size 1000"},
		{"hessian-spectrum", "density-pair-bs32-lr0.001", "batch size 32 and learning rate 0.001"},
		{"hessian-spectrum", "density-sinc", "near-zero gradient"},
		{"loss-surface", "contour-mnist-bs256", "MNIST network trained with batch size 256"},
		{"weight-pca", "pca-dense2", "of layer dense2 only"},
		{"weight-pca", "pca-model", "of the whole model"},
		{"interpolation", "interpolation-batch", "small batch (α = 0)"},
		{"interpolation", "interpolation-lr", "small learning rate (α = 0)"},
	}
	for _, c := range cases {
		got, ok := figureCaption(c.exp, c.stem)
		if !ok || !strings.Contains(got, c.want) {
			t.Errorf("figureCaption(%s, %s) = %q, %v; want it to contain %q", c.exp, c.stem, got, ok, c.want)
		}
	}
	if got, ok := figureCaption("grad-norm", "zz-extra_fig"); ok || got != "zz extra fig" {
		t.Errorf("unknown figure: %q, %v; want the name with spaces and false", got, ok)
	}
}

// TestFunctionFormulas: the report defines every target function the
// runner has.
func TestFunctionFormulas(t *testing.T) {
	var names []string
	for n := range functionFormulas() {
		names = append(names, n)
	}
	slices.Sort(names)
	if !slices.Equal(names, data.TargetNames()) {
		t.Errorf("functionFormulas defines %v, the runner's targets are %v", names, data.TargetNames())
	}
}

// TestNaturalLess: figures of a sweep come in the order of its numbers.
func TestNaturalLess(t *testing.T) {
	names := []string{"density-sinc", "density-sens-bs1000", "density-sens-bs16", "density-sens-bs5", "density-pair-bs256-lr0.001", "density-pair-bs32-lr0.001", "a", "a1", "a01b", "a1a"}
	slices.SortStableFunc(names, func(a, b string) int {
		switch {
		case naturalLess(a, b):
			return -1
		case naturalLess(b, a):
			return 1
		}
		return 0
	})
	want := []string{"a", "a1", "a1a", "a01b", "density-pair-bs32-lr0.001", "density-pair-bs256-lr0.001", "density-sens-bs5", "density-sens-bs16", "density-sens-bs1000", "density-sinc"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted %v, want %v", names, want)
	}
}
