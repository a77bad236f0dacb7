package report

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hw1/runner/results"
)

// node is an element of the parsed report.
type node struct {
	name     string
	attr     map[string]string
	children []*node
	text     strings.Builder // all text inside, children included
}

// parseHTML parses the report strictly as XML (the template self-closes
// void elements), which also checks that every element is closed.
func parseHTML(t *testing.T, b []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("report.html does not parse: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := &node{name: x.Name.Local, attr: map[string]string{}}
			for _, a := range x.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, n := range stack {
				n.text.Write(x)
			}
		}
	}
	if len(stack) != 1 {
		t.Fatalf("report.html: %d elements left open", len(stack)-1)
	}
	return root
}

// all returns the nodes below n (n included) for which keep is true.
func (n *node) all(keep func(*node) bool) []*node {
	var out []*node
	if keep(n) {
		out = append(out, n)
	}
	for _, c := range n.children {
		out = append(out, c.all(keep)...)
	}
	return out
}

func (n *node) tag(name string) []*node {
	return n.all(func(m *node) bool { return m.name == name })
}

// sections returns the report's sections by id, in document order.
func sections(doc *node) (map[string]*node, []string) {
	byID := map[string]*node{}
	var order []string
	for _, s := range doc.tag("section") {
		byID[s.attr["id"]] = s
		order = append(order, s.attr["id"])
	}
	return byID, order
}

// runSummary returns the text of the run summary's table.
func runSummary(t *testing.T, doc *node) string {
	t.Helper()
	for _, tb := range doc.tag("table") {
		if tb.attr["class"] == "summary" {
			return tb.text.String()
		}
	}
	t.Fatal("no run summary table")
	return ""
}

func writeAndParse(t *testing.T, dir string) (*node, string) {
	t.Helper()
	path, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(dir, "report.html") {
		t.Fatalf("Write returned %s, want %s", path, filepath.Join(dir, "report.html"))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseHTML(t, b), string(b)
}

func TestWriteFullRun(t *testing.T) {
	dir := fakeRun(t)
	doc, raw := writeAndParse(t, dir)
	byID, order := sections(doc)

	want := results.ExperimentNames()
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Fatalf("sections %v, want %v", order, want)
	}

	// Every PNG of every folder is embedded in its experiment's section,
	// with a relative link to the SVG beside it.
	pngs, _ := filepath.Glob(filepath.Join(dir, "*", "*.png"))
	if len(pngs) != 18 {
		t.Fatalf("fake run has %d PNGs, want 18", len(pngs))
	}
	for _, p := range pngs {
		exp := filepath.Base(filepath.Dir(p))
		b, _ := os.ReadFile(p)
		uri := "data:image/png;base64," + base64.StdEncoding.EncodeToString(b)
		found := false
		for _, img := range byID[exp].tag("img") {
			found = found || img.attr["src"] == uri
		}
		if !found {
			t.Errorf("%s is not embedded in section %s", p, exp)
		}
		svg := exp + "/" + strings.TrimSuffix(filepath.Base(p), ".png") + ".svg"
		linked := false
		for _, a := range byID[exp].tag("a") {
			linked = linked || a.attr["href"] == svg
		}
		if !linked {
			t.Errorf("section %s has no link to %s", exp, svg)
		}
	}

	// Self-contained: no resource is fetched from elsewhere.
	for _, n := range doc.all(func(*node) bool { return true }) {
		if n.name == "script" || n.name == "link" {
			t.Errorf("report has a <%s> element", n.name)
		}
		if src, ok := n.attr["src"]; ok && !strings.HasPrefix(src, "data:image/png;base64,") {
			t.Errorf("src %q is not an embedded image", src)
		}
		if href := n.attr["href"]; strings.Contains(href, "://") || strings.HasPrefix(href, "/") {
			t.Errorf("href %q is not relative", href)
		}
	}

	text := func(id string) string { return byID[id].text.String() }

	// Findings carry the numbers of the tables.
	mnist := text(results.MNISTDepth)
	for _, acc := range []float64{fakeMNISTDeepAcc, fakeMNISTShallowAcc} {
		if s := fmt.Sprintf("%.1f%%", 100*acc); !strings.Contains(mnist, s) {
			t.Errorf("mnist-depth section lacks final test accuracy %s", s)
		}
	}
	if !strings.Contains(text(results.RandomLabels), "first reached 99% at epoch 7") {
		t.Error("random-labels section does not say 99% was reached at epoch 7")
	}
	// Hand-checked from fakeParamTestLoss: past the third model (1,600
	// params) nothing improves by more than 1%; the lowest is the fifth.
	pc := text(results.ParamCount)
	if !strings.Contains(pc, "From 1,600 params (w2) on") || !strings.Contains(pc, "lowest (0.298) at 25,600 params") {
		t.Errorf("param-count findings lack the plateau and the lowest test loss:\n%s", pc)
	}
	ff := text(results.FunctionFit)
	if s := fmt.Sprintf("%.3g", fakeSincLoss["shallow-1"]/fakeSincLoss["deep-7"]); !strings.Contains(ff, "shallowest/deepest (shallow-1/deep-7): "+s) {
		t.Errorf("function-fit lacks the loss ratio %s", s)
	}

	// Configuration: manifest config flattened, models with params.
	if !strings.Contains(ff, "optimizer.lr0.001") || !strings.Contains(ff, "widths[4, 8]") {
		t.Errorf("function-fit configuration not rendered:\n%s", ff)
	}
	if !strings.Contains(ff, "deep-7"+"7"+"571") {
		t.Error("function-fit models table lacks deep-7 with 7 layers and 571 params")
	}
	if !strings.Contains(pc, "w5102400") {
		t.Error("param-count models table (from results.csv) lacks w5 with 102400 params")
	}

	// The failed experiment shows its status, its error and its partial
	// table's findings.
	sens := text(results.Sensitivity)
	for _, s := range []string{"Status: failed", fakeSensitivityErr, results.SensitivityResults.File, "over 3 points"} {
		if !strings.Contains(sens, s) {
			t.Errorf("sensitivity section lacks %q", s)
		}
	}
	if !strings.Contains(text(results.FunctionFit), "Status: done") {
		t.Error("function-fit section does not show status done")
	}

	// Run summary.
	summary := runSummary(t, doc)
	for _, s := range []string{"quick", "7", "0.1.0-dev", "2.18.0", "16m30s", "10 done, 1 failed"} {
		if !strings.Contains(summary, s) {
			t.Errorf("run summary lacks %q:\n%s", s, summary)
		}
	}
	if strings.Contains(raw, "#ZgotmplZ") {
		t.Error("html/template rejected a URL in the report")
	}
}

func TestWriteNotRunAndBrokenManifest(t *testing.T) {
	dir := fakeRun(t)
	if err := os.RemoveAll(filepath.Join(dir, results.MinRatio)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, results.GradNorm, results.ManifestFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeManifest(t, filepath.Join(dir, results.RandomLabels), results.RandomLabels, results.StatusInterrupted, "interrupted by Ctrl-C at epoch 4")
	doc, _ := writeAndParse(t, dir)
	byID, _ := sections(doc)
	rl := byID[results.RandomLabels].text.String()
	for _, s := range []string{"Status: interrupted", "interrupted by Ctrl-C at epoch 4", "first reached 99% at epoch 7"} {
		if !strings.Contains(rl, s) {
			t.Errorf("interrupted random-labels section lacks %q", s)
		}
	}
	mr := byID[results.MinRatio].text.String()
	if !strings.Contains(mr, "not run") || len(byID[results.MinRatio].tag("img")) != 0 {
		t.Errorf("missing experiment's section does not say not run:\n%s", mr)
	}
	gn := byID[results.GradNorm].text.String()
	if !strings.Contains(gn, "unreadable manifest") || !strings.Contains(gn, results.ManifestFile) {
		t.Errorf("grad-norm with a broken manifest does not say so:\n%s", gn)
	}
	if byID[results.FunctionFit] == nil || strings.Contains(byID[results.FunctionFit].text.String(), "not run") {
		t.Error("function-fit should still be reported as run")
	}
	if summary := runSummary(t, doc); !strings.Contains(summary, "1 not run") {
		t.Errorf("run summary does not count the missing experiment:\n%s", summary)
	}
}

func TestWriteEmptyDirAndBadDir(t *testing.T) {
	dir := t.TempDir()
	doc, _ := writeAndParse(t, dir)
	byID, order := sections(doc)
	if !slices.Equal(order, results.ExperimentNames()) {
		t.Fatalf("sections %v, want one per experiment of the schema %v", order, results.ExperimentNames())
	}
	for id, s := range byID {
		if !strings.Contains(s.text.String(), "Status: not run") {
			t.Errorf("%s in an empty directory is not 'not run'", id)
		}
	}
	if _, err := Write(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "hw1 run all") {
		t.Errorf("Write of a missing directory: %v, want an error naming hw1 run all", err)
	}
	file := filepath.Join(dir, "report.html")
	if _, err := Write(file); err == nil {
		t.Error("Write of a file: no error")
	}
}
