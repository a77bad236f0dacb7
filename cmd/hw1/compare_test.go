//go:build !notf

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/results"
)

// copyResults copies the results folder src to a new folder and returns it.
func copyResults(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "b")
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	return dst
}

// editFile rewrites the file at path with edit.
func editFile(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	after := edit(string(b))
	if after == string(b) {
		t.Fatalf("the edit changed nothing in %s", path)
	}
	if err := os.WriteFile(path, []byte(after), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCompareFoldersThatDifferInKnownWays holds the smoke results against
// copies changed in known ways.
func TestCompareFoldersThatDifferInKnownWays(t *testing.T) {
	a := smokeResults(t)
	work := t.TempDir()
	t.Run("a copy agrees", func(t *testing.T) {
		b := copyResults(t, a)
		code, stdout, stderr := run(t, hw1Binary, work, "compare", a, b)
		n := len(results.Experiments())
		if code != 0 || !strings.Contains(stdout, "11 of 11 experiments agree") || strings.Count(stdout, " agrees ") != n {
			t.Errorf("exit %d, want 0 and every experiment agreeing:\n%s\n%s", code, stdout, stderr)
		}
	})
	t.Run("a number off in its 7th digit", func(t *testing.T) {
		b := copyResults(t, a)
		loss := filepath.Join(b, results.FunctionFit, results.FunctionFitLoss.File)
		editFile(t, loss, func(s string) string { return lastDigitOff(t, s) })
		code, stdout, _ := run(t, hw1Binary, work, "compare", a, b)
		if code != 0 || !strings.Contains(stdout, "1 within") {
			t.Errorf("at the default tolerance: exit %d, want 0 with one table within:\n%s", code, stdout)
		}
		code, stdout, _ = run(t, hw1Binary, work, "compare", "--rel", "0", "--abs", "0", a, b)
		if code != 1 || !strings.Contains(stdout, "function-fit      differs") || !strings.Contains(stdout, "loss.csv: different") {
			t.Errorf("byte for byte: exit %d, want 1 naming function-fit's loss.csv:\n%s", code, stdout)
		}
	})
	t.Run("a row gone, a profile changed, the page", func(t *testing.T) {
		b := copyResults(t, a)
		hist := filepath.Join(b, results.MNISTDepth, results.MNISTDepthHistory.File)
		editFile(t, hist, func(s string) string {
			lines := strings.SplitAfter(s, "\n")
			return strings.Join(append(lines[:2], lines[3:]...), "")
		})
		editFile(t, filepath.Join(b, results.GradNorm, results.ManifestFile), func(s string) string {
			return strings.Replace(s, `"profile": "smoke"`, `"profile": "quick"`, 1)
		})
		page := filepath.Join(work, "compare.html")
		code, stdout, _ := run(t, hw1Binary, work, "compare", "--html", page, a, b)
		for _, want := range []string{"history.csv: different", "rows)", "grad-norm         differs  not compared: profile smoke against quick", "9 of 11 experiments agree"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("output lacks %q", want)
			}
		}
		if code != 1 {
			t.Errorf("exit %d, want 1:\n%s", code, stdout)
		}
		html, err := os.ReadFile(page)
		if err != nil || !strings.Contains(string(html), "not compared: profile smoke against quick") || !strings.Contains(string(html), `class="differs"`) {
			t.Errorf("the page does not show the differences (%v):\n%.2000s", err, html)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		empty := t.TempDir()
		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"compare", a}, "two results folders"},
			{[]string{"compare", a, filepath.Join(work, "none")}, "is not a folder"},
			{[]string{"compare", empty, a}, "holds no experiment results"},
			{[]string{"compare", "--rel", "-1", a, a}, "must be 0 or more"},
		} {
			code, _, stderr := run(t, hw1Binary, work, c.args...)
			if code != 2 || !strings.Contains(stderr, c.want) {
				t.Errorf("%v: exit %d, want 2 saying %q:\n%s", c.args, code, c.want, stderr)
			}
		}
	})
}

// lastDigitOff scales the last cell of the CSV s's first row, a number,
// by 1 + 1e-6.
func lastDigitOff(t *testing.T, s string) string {
	t.Helper()
	lines := strings.Split(s, "\n")
	cells := strings.Split(lines[1], ",")
	v, err := strconv.ParseFloat(cells[len(cells)-1], 64)
	if err != nil || v == 0 {
		t.Fatalf("the last cell of %q is not a number other than 0 (%v)", lines[1], err)
	}
	cells[len(cells)-1] = strconv.FormatFloat(v*(1+1e-6), 'g', -1, 64)
	lines[1] = strings.Join(cells, ",")
	return strings.Join(lines, "\n")
}
