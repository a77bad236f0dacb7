//go:build !notf

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"hw1/plots"
	"hw1/runner"
	"hw1/runner/report"
	"hw1/runner/results"
	"hw1/runner/table"
)

// smokeRun is one `hw1 run all --profile smoke` by the built binary, shared
// by the tests that check the other layers on the tables the real runner
// writes (not on hand-written fixtures).
var smokeRun struct {
	once         sync.Once
	out          string
	code         int
	stdout, logs string
}

func smokeResults(t *testing.T) string {
	t.Helper()
	smokeRun.once.Do(func() {
		dir, err := os.MkdirTemp("", "hw1-smoke")
		if err != nil {
			t.Fatal(err)
		}
		smokeRun.out = filepath.Join(dir, "results")
		smokeRun.code, smokeRun.stdout, smokeRun.logs = run(t, hw1Binary, filepath.Join("..", ".."), "run", "all", "--profile", "smoke",
			"--threads", "1", "--quiet", "--out", smokeRun.out)
	})
	if smokeRun.code != 0 {
		t.Fatalf("hw1 run all --profile smoke: exit %d\n%s\n%s", smokeRun.code, smokeRun.stdout, smokeRun.logs)
	}
	return smokeRun.out
}

// Every experiment of the schema writes every table of the schema, and each
// table as written matches its schema.
func TestSmokeTablesMatchTheSchema(t *testing.T) {
	out := smokeResults(t)
	for _, e := range results.Experiments() {
		dir := filepath.Join(out, e.Name)
		m, err := results.ReadManifest(dir)
		if err != nil {
			t.Errorf("%s: %v", e.Name, err)
			continue
		}
		if m.Status != results.StatusDone || m.Experiment != e.Name {
			t.Errorf("%s: manifest says %s for %s", e.Name, m.Status, m.Experiment)
		}
		var files []string
		for _, spec := range e.Tables {
			files = append(files, spec.File)
			tb, err := table.Read(filepath.Join(dir, spec.File))
			if err != nil {
				t.Errorf("%s: %v", e.Name, err)
				continue
			}
			if err := spec.Check(tb); err != nil {
				t.Errorf("%s: %v", e.Name, err)
			}
			if len(tb.Rows) == 0 {
				t.Errorf("%s/%s: no rows", e.Name, spec.File)
			}
		}
		got := slices.Clone(m.Tables)
		slices.Sort(got)
		slices.Sort(files)
		if !slices.Equal(got, files) {
			t.Errorf("%s: manifest lists tables %v, the schema %v", e.Name, got, files)
		}
	}
}

// The figures of the run were drawn from the runner's tables, and redrawing
// them from those tables alone (hw1 plot) gives the same figures.
func TestSmokeFiguresFromRealTables(t *testing.T) {
	out := smokeResults(t)
	for _, e := range results.Experiments() {
		dir := filepath.Join(out, e.Name)
		m, err := results.ReadManifest(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Figures) == 0 {
			t.Errorf("%s: no figures", e.Name)
		}
		before := map[string][]byte{}
		for _, f := range m.Figures {
			for _, ext := range []string{".png", ".svg"} {
				b, err := os.ReadFile(filepath.Join(dir, f+ext))
				if err != nil || len(b) == 0 {
					t.Errorf("%s: figure %s%s: %v", e.Name, f, ext, err)
				}
				before[f+ext] = b
			}
			svg := string(before[f+".svg"])
			if !strings.Contains(svg, "<text") {
				t.Errorf("%s: %s.svg has no text: no title, axes or legend", e.Name, f)
			}
		}
		again, err := plots.Draw(dir)
		if err != nil {
			t.Errorf("%s: redraw: %v", e.Name, err)
		}
		if !slices.Equal(again, m.Figures) {
			t.Errorf("%s: redraw made %v, the run %v", e.Name, again, m.Figures)
		}
		for _, f := range again {
			b, _ := os.ReadFile(filepath.Join(dir, f+".svg"))
			if !bytes.Equal(b, before[f+".svg"]) {
				t.Errorf("%s: %s.svg differs when redrawn from the tables alone", e.Name, f)
			}
		}
	}
}

// The report of the run has a section with findings for every experiment
// and no error: it reads what the runner writes.
func TestSmokeReportReadsRealTables(t *testing.T) {
	out := smokeResults(t)
	if !strings.Contains(smokeRun.stdout, "report: "+filepath.Join(out, report.FileName)) {
		t.Errorf("run all did not print the report's path:\n%s", smokeRun.stdout)
	}
	path, err := report.Write(out)
	if err != nil {
		t.Fatalf("report on the runner's own tables: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, e := range results.Experiments() {
		if !strings.Contains(html, `<section id="`+e.Name+`"`) {
			t.Errorf("report has no section for %s", e.Name)
		}
	}
	if strings.Contains(html, `class="error"`) {
		i := strings.Index(html, `class="error"`)
		t.Errorf("report shows an error: %s", html[i:min(len(html), i+300)])
	}
}

// --quiet: progress and the closing table, one line per experiment, the
// report's path last; no log lines on the terminal, and each experiment's
// whole log in its folder.
func TestQuietRunKeepsItsLogInEachFolder(t *testing.T) {
	out := smokeResults(t)
	if strings.Contains(smokeRun.logs, "level=INFO") {
		t.Errorf("--quiet printed log lines:\n%s", smokeRun.logs)
	}
	lines := strings.Split(strings.TrimSpace(smokeRun.stdout), "\n")
	if want := "report: " + filepath.Join(out, report.FileName); lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q:\n%s", lines[len(lines)-1], want, smokeRun.stdout)
	}
	if n := len(results.Experiments()); len(lines) != n+1 {
		t.Errorf("%d lines, want one per experiment (%d) and the report's:\n%s", len(lines), n, smokeRun.stdout)
	}
	for _, e := range results.Experiments() {
		b, err := os.ReadFile(filepath.Join(out, e.Name, runner.LogFile))
		if err != nil || !strings.Contains(string(b), "msg=start") || !strings.Contains(string(b), "msg=done") {
			t.Errorf("%s: %s holds no whole log (%v):\n%s", e.Name, runner.LogFile, err, b)
		}
	}
}
