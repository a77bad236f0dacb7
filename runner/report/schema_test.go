package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/results"
)

// TestReportCoversSchema fails when an experiment of the schema has no
// section description or findings in the report, and when the report
// describes an experiment the schema does not know.
func TestReportCoversSchema(t *testing.T) {
	for _, e := range results.Experiments() {
		a, ok := abouts()[e.Name]
		if !ok {
			t.Errorf("experiment %s of the schema has no section in the report (add its description to runner/results/descriptions.go)", e.Name)
			continue
		}
		if a.title == "" || a.part == "" || a.question == "" || a.findings == nil {
			t.Errorf("experiment %s: title, part, question or findings missing (findings: add it to analyses)", e.Name)
		}
		if v := a.models; v != nil {
			spec, ok := e.Table(v.table.File)
			if !ok || !slices.Equal(spec.Names(true), v.table.Names(true)) {
				t.Errorf("experiment %s: its models table %s is not one of its tables in the schema", e.Name, v.table.File)
			}
			for _, c := range v.columns {
				if !slices.Contains(spec.Names(true), c) {
					t.Errorf("experiment %s: models column %q is not in %s", e.Name, c, spec.File)
				}
			}
		}
	}
	for name := range analyses() {
		if _, ok := results.Lookup(name); !ok {
			t.Errorf("the report analyses %q, which the schema does not know", name)
		}
	}
	var names []string
	for _, e := range experiments() {
		names = append(names, e.Name)
	}
	if !slices.Equal(names, results.ExperimentNames()) {
		t.Errorf("report order %v, want the schema's %v", names, results.ExperimentNames())
	}
}

// TestNoSchemaLiterals fails when a non-test file of the package spells an
// experiment name, a table file name, a column name or a cell value of the
// schema as a string literal instead of using runner/results.
func TestNoSchemaLiterals(t *testing.T) {
	forbidden := map[string]string{
		results.ScopeModel: "cell value", results.PairBatch: "cell value", results.PairLR: "cell value",
	}
	for _, e := range results.Experiments() {
		forbidden[e.Name] = "experiment name"
		for _, tb := range e.Tables {
			forbidden[tb.File] = "table file"
			for _, c := range tb.Names(true) {
				forbidden[c] = "column name"
			}
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		var visit func(n ast.Node) bool
		visit = func(n ast.Node) bool {
			// plural's noun is an English word ("step"), not a column.
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "plural" && len(call.Args) == 2 {
					ast.Inspect(call.Args[0], visit)
					return false
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
			}
			if what, ok := forbidden[s]; ok {
				t.Errorf("%s: string literal %q spells a %s of the schema: use the runner/results constant", fset.Position(lit.Pos()), s, what)
			}
			return true
		}
		ast.Inspect(f, visit)
	}
	if checked == 0 {
		t.Fatal("no source files checked")
	}
}

// TestWriteErrorsOnDoneMismatch: a done experiment whose table does not
// match the schema, lacks a table, or has no findings makes Write return an
// error naming the experiment and the file, after writing the whole page;
// the same problems in a failed experiment are shown but not returned.
func TestWriteErrorsOnDoneMismatch(t *testing.T) {
	dir := fakeRun(t)
	// function-fit (done): loss.csv with its loss column renamed.
	spec := results.FunctionFitLoss
	renamed := append(without(spec.Names(false), results.ColLoss), "mse")
	writeBrokenTable(t, filepath.Join(dir, results.FunctionFit), spec.File, renamed, []any{"sinc", "deep-7", 3, 0.001})
	// mnist-depth (done): a table of the schema missing.
	if err := os.Remove(filepath.Join(dir, results.MNISTDepth, results.MNISTDepthModels.File)); err != nil {
		t.Fatal(err)
	}
	// grad-norm (done): a table that matches the schema but has no rows.
	writeTable(t, filepath.Join(dir, results.GradNorm), results.GradNormHistory)
	// sensitivity (failed): a renamed column is shown, not returned.
	sens := results.SensitivityResults
	writeBrokenTable(t, filepath.Join(dir, results.Sensitivity), sens.File,
		append(without(sens.Names(false), results.ColSharpness), "sharp"), []any{5, 0.1, 0.99, 0.2, 0.97, 3.0, 0.5, 2, 400, 0.01})

	path, err := Write(dir)
	if path != filepath.Join(dir, FileName) {
		t.Fatalf("Write returned path %q with err %v, want the written page", path, err)
	}
	if err == nil {
		t.Fatal("Write: no error for done experiments that do not match the schema")
	}
	msg := err.Error()
	lines := map[string][]string{}
	for _, l := range strings.Split(msg, "\n")[1:] {
		name, _, _ := strings.Cut(l, ": ")
		lines[name] = append(lines[name], l)
	}
	want := map[string][]string{
		results.FunctionFit: {spec.File, `no column "` + results.ColLoss + `"`, `column "mse" is not in the schema`},
		results.MNISTDepth:  {results.MNISTDepthModels.File + " is missing"},
		results.GradNorm:    {results.GradNormHistory.File, "no rows"},
	}
	for name, parts := range want {
		if len(lines[name]) != 1 {
			t.Errorf("error has %d lines for %s, want 1:\n%s", len(lines[name]), name, msg)
			continue
		}
		for _, p := range parts {
			if !strings.Contains(lines[name][0], p) {
				t.Errorf("error line of %s lacks %q: %s", name, p, lines[name][0])
			}
		}
	}
	if len(lines) != len(want) {
		t.Errorf("error names %d experiments, want %d (the failed sensitivity is not an error):\n%s", len(lines), len(want), msg)
	}

	// The page is whole, and shows the problems in their sections.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	byID, order := sections(parseHTML(t, b))
	if !slices.Equal(order, results.ExperimentNames()) {
		t.Errorf("sections %v, want %v", order, results.ExperimentNames())
	}
	for _, c := range []struct{ id, text string }{
		{results.FunctionFit, `column "mse" is not in the schema`},
		{results.Sensitivity, `column "sharp" is not in the schema`},
		{results.MNISTDepth, results.MNISTDepthModels.File + " is missing"},
	} {
		if s := byID[c.id].text.String(); !strings.Contains(s, c.text) {
			t.Errorf("section %s lacks %q", c.id, c.text)
		}
	}
	// Untouched done experiments still have their findings.
	if !strings.Contains(byID[results.RandomLabels].text.String(), "first reached 99% at epoch 7") {
		t.Error("random-labels lost its findings")
	}
}
