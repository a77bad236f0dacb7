package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/config"
	"hw1/runner/results"
)

// fullProfile reads from the runner's code (runner/<experiment without
// dashes>/<the same>.go, or runner/<the same>.go, which the report may not import: it links TensorFlow) the
// full profile's value of each configuration key in keys. It knows the two
// ways the runner defines profiles: a base literal copied into smoke,
// quick and full and changed by assignments to full.Field; and a literal
// c built per profile in a loop and changed in the switch's case "full".
// A field the literal leaves out is 0. A value that is not a number
// literal fails the test.
func fullProfile(t *testing.T, experiment string, keys []string) map[string]float64 {
	t.Helper()
	// An experiment's own package (runner/<name>/<name>.go), or, for one
	// not yet moved there, its file in runner.
	pkg := strings.ReplaceAll(experiment, "-", "")
	path := filepath.Join("..", pkg, pkg+".go")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join("..", pkg+".go")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The configuration type: the struct whose JSON tags hold every key.
	var typeName string
	fields := map[string]string{} // JSON key -> Go field
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok {
			return true
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			return true
		}
		tags := map[string]string{}
		for _, fd := range st.Fields.List {
			if fd.Tag == nil || len(fd.Names) != 1 {
				continue
			}
			tag, _ := strconv.Unquote(fd.Tag.Value)
			name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
			tags[name] = fd.Names[0].Name
		}
		for _, k := range keys {
			if _, ok := tags[k]; !ok {
				return true
			}
		}
		typeName, fields = ts.Name.Name, tags
		return false
	})
	if typeName == "" {
		t.Fatalf("%s: no struct type has the JSON keys %v", path, keys)
	}
	base := map[string]ast.Expr{} // Go field -> value of the config literal
	over := map[string]ast.Expr{} // Go field -> value assigned in full
	literals := 0
	var visit func(n ast.Node, inFull bool) bool
	assign := func(as *ast.AssignStmt, inFull bool) {
		for i, lhs := range as.Lhs {
			if cl, ok := as.Rhs[min(i, len(as.Rhs)-1)].(*ast.CompositeLit); ok {
				if id, ok := cl.Type.(*ast.Ident); ok && id.Name == typeName {
					literals++
					for _, e := range cl.Elts {
						if kve, ok := e.(*ast.KeyValueExpr); ok {
							base[kve.Key.(*ast.Ident).Name] = kve.Value
						}
					}
				}
			}
			sel, ok := lhs.(*ast.SelectorExpr)
			if !ok || len(as.Rhs) != len(as.Lhs) {
				continue
			}
			if id, ok := sel.X.(*ast.Ident); ok && (id.Name == "full" || inFull) {
				over[sel.Sel.Name] = as.Rhs[i]
			}
		}
	}
	visit = func(n ast.Node, inFull bool) bool {
		switch x := n.(type) {
		case *ast.CaseClause:
			full := false
			for _, e := range x.List {
				if lit, ok := e.(*ast.BasicLit); ok && lit.Value == strconv.Quote(config.ProfileFull) {
					full = true
				}
			}
			for _, s := range x.Body {
				ast.Inspect(s, func(m ast.Node) bool { return visit(m, full) })
			}
			return false
		case *ast.AssignStmt:
			assign(x, inFull)
		}
		return true
	}
	ast.Inspect(f, func(n ast.Node) bool { return visit(n, false) })
	if literals != 1 {
		t.Fatalf("%s: %d literals of %s, want the one every profile starts from", path, literals, typeName)
	}
	out := map[string]float64{}
	for _, k := range keys {
		field := fields[k]
		e, ok := over[field]
		if !ok {
			e, ok = base[field]
		}
		if !ok {
			out[k] = 0
			continue
		}
		lit, ok := e.(*ast.BasicLit)
		if !ok || (lit.Kind != token.INT && lit.Kind != token.FLOAT) {
			t.Errorf("%s: the full profile's %s (%s) is not a number literal; pick another setting", path, k, field)
			continue
		}
		v, err := strconv.ParseFloat(lit.Value, 64)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = v
	}
	return out
}

// TestScaleSettingsAreTheFullProfile: the homework's column of the scale
// table is the runner's full profile, read from its code.
func TestScaleSettingsAreTheFullProfile(t *testing.T) {
	settings := scaleSettings()
	for _, name := range results.ExperimentNames() {
		ss := settings[name]
		if len(ss) == 0 {
			t.Errorf("%s has no settings in the scale table", name)
			continue
		}
		var keys []string
		for _, s := range ss {
			keys = append(keys, s.key)
		}
		full := fullProfile(t, name, keys)
		for _, s := range ss {
			if got, ok := full[s.key]; ok && got != s.full {
				t.Errorf("%s: the report says the homework's %s is %g; the runner's full profile has %g", name, s.key, s.full, got)
			}
		}
	}
}

// TestIntro: the introduction names the three parts with what they ask and
// links every experiment, says what the run's profile means, sets the
// run's scale beside the homework's from the manifests, and defines the
// target functions.
func TestIntro(t *testing.T) {
	dir := fakeRun(t)
	doc, _ := writeAndParse(t, dir)
	var about *node
	for _, d := range doc.tag("div") {
		if d.attr["id"] == "about" {
			about = d
		}
	}
	if about == nil {
		t.Fatal("no introduction")
	}
	text := about.text.String()
	for _, s := range []string{partHeading(results.PartDeep), partHeading(results.PartOptimization), partHeading(results.PartGeneralization), "HW1", "How to read it",
		"quick", profileMeaning()[config.ProfileQuick],
		"square", "sign(sin(5πx))", "sin(5πx)/(5πx)", "minimal ratio"} {
		if !strings.Contains(text, s) {
			t.Errorf("introduction lacks %q", s)
		}
	}
	hrefs := map[string]bool{}
	for _, a := range about.tag("a") {
		hrefs[a.attr["href"]] = true
	}
	for _, name := range results.ExperimentNames() {
		if !hrefs["#"+name] {
			t.Errorf("introduction does not link %s", name)
		}
	}
	var scale *node
	for _, tb := range about.tag("table") {
		if tb.attr["class"] == "scale" {
			scale = tb
		}
	}
	if scale == nil {
		t.Fatal("no scale table")
	}
	// fakeRun's function-fit config has epochs 3: the run's value beside
	// the homework's.
	want := "function-fit" + "training epochs" + "3" + count(20000)
	found := false
	for _, tr := range scale.tag("tr") {
		found = found || tr.text.String() == want
	}
	if !found {
		t.Errorf("scale table has no row %q:\n%s", want, scale.text.String())
	}
}

func TestIntroParts(t *testing.T) {
	in := buildIntro(nil, nil)
	if len(in.Parts) != 3 {
		t.Fatalf("%d parts, want 3", len(in.Parts))
	}
	n := 0
	for _, p := range in.Parts {
		if p.Asks == "" {
			t.Errorf("part %q does not say what it asks", p.Heading)
		}
		n += len(p.Experiments)
	}
	if n != len(results.ExperimentNames()) {
		t.Errorf("the parts list %d experiments, want %d", n, len(results.ExperimentNames()))
	}
	for _, p := range config.Profiles() {
		if profileMeaning()[p] == "" {
			t.Errorf("profile %s has no meaning", p)
		}
	}
	for _, c := range []struct {
		key  string
		v    float64
		want string
	}{{"train_examples", 0, "all"}, {"epochs", 20000, "20,000"}, {"epochs", 0, "0"}, {"lr", 0.001, "0.001"}, {"runs", 100, "100"}} {
		if got := scaleValue(c.key, c.v); got != c.want {
			t.Errorf("scaleValue(%s, %g) = %q, want %q", c.key, c.v, got, c.want)
		}
	}
}
