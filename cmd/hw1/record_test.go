//go:build !notf

package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/report"
	"hw1/runner/results"
)

// TestRecordOfASeedsRun makes the record of a two-seed run and holds the
// run, and copies of it changed in known ways, against it.
func TestRecordOfASeedsRun(t *testing.T) {
	root, work := filepath.Join("..", ".."), t.TempDir()
	runs := filepath.Join(work, "results")
	for _, exp := range []string{results.FunctionFit, results.GradNorm} {
		if code, out, errs := run(t, hw1Binary, root, "run", exp, "--profile", "smoke", "--quiet", "--threads", "1",
			"--seeds", "2", "--out", runs); code != 0 {
			t.Fatalf("%s --seeds 2: exit %d\n%s\n%s", exp, code, out, errs)
		}
	}
	rec := filepath.Join(work, "docs", "record")
	code, out, errs := run(t, hw1Binary, work, "record", runs, rec)
	if code != 0 || !strings.Contains(out, "record: 2 experiments") {
		t.Fatalf("record: exit %d\n%s\n%s", code, out, errs)
	}
	// What it keeps: manifests, compressed aggregates, findings; no seed's
	// tables, no figures.
	readme, err := os.ReadFile(filepath.Join(rec, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, exp := range []string{results.FunctionFit, results.GradNorm} {
		m, err := results.ReadManifest(filepath.Join(rec, exp))
		if err != nil || len(m.Seeds) != 2 || len(m.Tables) == 0 {
			t.Fatalf("%s's manifest in the record: %+v, %v", exp, m, err)
		}
		for _, s := range m.Seeds {
			if _, err := results.ReadManifest(filepath.Join(rec, exp, s.Dir)); err != nil {
				t.Errorf("%s: %s's manifest not kept: %v", exp, s.Dir, err)
			}
		}
		for _, tb := range m.Tables {
			if _, err := os.Stat(filepath.Join(rec, exp, tb+".gz")); err != nil {
				t.Errorf("%s: aggregate %s not kept compressed: %v", exp, tb, err)
			}
			if _, err := os.Stat(filepath.Join(rec, exp, m.Seeds[0].Dir, tb)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s: the record keeps a seed's %s (%v)", exp, tb, err)
			}
		}
		kept, err := report.Findings(filepath.Join(rec, exp))
		if err != nil {
			t.Fatal(err)
		}
		computed, err := report.Findings(filepath.Join(runs, exp))
		if err != nil {
			t.Fatal(err)
		}
		if len(kept) != len(computed) || len(kept) == 0 {
			t.Fatalf("%s: %d findings kept, %d computed", exp, len(kept), len(computed))
		}
		for i := range kept {
			if kept[i].Statement != computed[i].Statement || kept[i].Agrees != computed[i].Agrees || kept[i].Robustness != computed[i].Robustness {
				t.Errorf("%s finding %d kept as %+v, computed %+v", exp, i+1, kept[i], computed[i])
			}
			if !strings.Contains(string(readme), computed[i].Literature) {
				t.Errorf("%s: README.md lacks finding %d", exp, i+1)
			}
		}
	}
	if code, out, _ := run(t, hw1Binary, work, "compare", runs, rec); code != 0 || !strings.Contains(out, "2 of 2 experiments agree") {
		t.Errorf("the run against its own record: exit %d, want 0\n%s", code, out)
	}

	t.Run("an aggregate number changed", func(t *testing.T) {
		b := copyResults(t, runs)
		editFile(t, filepath.Join(b, results.GradNorm, results.GradNormHistory.File), func(s string) string {
			lines := strings.SplitN(s, "\n", 3)
			cells := strings.Split(lines[1], ",")
			cells[2] = "12345"
			lines[1] = strings.Join(cells, ",")
			return strings.Join(lines, "\n")
		})
		code, out, _ := run(t, hw1Binary, work, "compare", b, rec)
		if code != 1 || !strings.Contains(out, "grad-norm         differs") || !strings.Contains(out, "history.csv: different") {
			t.Errorf("exit %d, want 1 naming grad-norm's history.csv:\n%s", code, out)
		}
	})
	t.Run("a verdict changed", func(t *testing.T) {
		b := copyResults(t, rec)
		editFile(t, filepath.Join(b, results.FunctionFit, report.FindingsFile), func(s string) string {
			var fs []map[string]any
			if err := json.Unmarshal([]byte(s), &fs); err != nil {
				t.Fatal(err)
			}
			if fs[0]["agrees"] == report.AgreesNo {
				fs[0]["agrees"] = report.AgreesYes
			} else {
				fs[0]["agrees"] = report.AgreesNo
			}
			out, _ := json.Marshal(fs)
			return string(out)
		})
		code, out, _ := run(t, hw1Binary, work, "compare", runs, b)
		if code != 1 || !strings.Contains(out, "function-fit      differs") || !strings.Contains(out, "findings: 1 of") {
			t.Errorf("exit %d, want 1 with one function-fit finding differing:\n%s", code, out)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		unfinished := copyResults(t, runs)
		if err := os.Remove(filepath.Join(unfinished, results.GradNorm, results.ManifestFile)); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := run(t, hw1Binary, work, "record", unfinished, filepath.Join(work, "r2")); code != 2 || !strings.Contains(errs, "grad-norm (no manifest yet)") {
			t.Errorf("record of an unfinished run: exit %d, want 2 naming grad-norm\n%s", code, errs)
		}
		// A folder that is not a record is not written over.
		if code, _, errs := run(t, hw1Binary, work, "record", runs, runs); code != 2 || !strings.Contains(errs, "not part of a record") {
			t.Errorf("record over a results folder: exit %d, want 2\n%s", code, errs)
		}
		if _, err := os.Stat(filepath.Join(runs, results.GradNorm, results.GradNormHistory.File)); err != nil {
			t.Errorf("a refused record lost a table: %v", err)
		}
		if code, _, errs := run(t, hw1Binary, work, "record", work, filepath.Join(work, "r3")); code != 2 || !strings.Contains(errs, "holds no experiment results") {
			t.Errorf("record of a folder without results: exit %d, want 2\n%s", code, errs)
		}
		// A record is replaced by the next.
		if code, _, errs := run(t, hw1Binary, work, "record", runs, rec); code != 0 {
			t.Errorf("record over a record: exit %d, want 0\n%s", code, errs)
		}
	})
}
