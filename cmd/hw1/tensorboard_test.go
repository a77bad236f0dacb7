//go:build !notf

package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/runnertest"
	"hw1/runner/tensorboard"
)

// boardPattern matches the runs or figures a Board names: a part in angle
// brackets stands for any value without a slash.
func boardPattern(p string) *regexp.Regexp {
	parts := regexp.MustCompile(`<[^>]+>`).Split(p, -1)
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, "[^/]+") + "$")
}

// TestSmokeTensorBoardHasTheFiguresCurves: after the smoke run, each
// experiment's event files hold exactly the tags its Board declares
// (results.TensorBoard), each in a run the Board names, every declared
// curve not limited to some runs is there, and every figure the run drew
// is either drawn from curves in TensorBoard or listed as figure-only.
func TestSmokeTensorBoardHasTheFiguresCurves(t *testing.T) {
	out := smokeResults(t)
	for _, e := range results.Experiments() {
		dir := filepath.Join(out, e.Name)
		board, ok := results.TensorBoard(e.Name)
		if !ok {
			t.Errorf("%s: no Board", e.Name)
			continue
		}
		written := map[string]map[string]int{} // run → tag → points
		for run, files := range runnertest.EventFiles(t, dir) {
			written[run] = map[string]int{}
			for _, f := range files {
				scalars, err := tensorboard.ReadScalars(f)
				if err != nil {
					t.Fatalf("%s: %v", e.Name, err)
				}
				for _, s := range scalars {
					if s.Step < 0 {
						t.Errorf("%s: run %q tag %s at step %d", e.Name, run, s.Tag, s.Step)
					}
					written[run][s.Tag]++
				}
			}
		}
		declared := func(run, tag string) bool {
			for _, c := range board.Curves {
				if boardPattern(c.Runs).MatchString(run) && slices.Contains(c.Tags, tag) {
					return true
				}
			}
			return false
		}
		for run, tags := range written {
			for tag := range tags {
				if !declared(run, tag) {
					t.Errorf("%s: run %q writes tag %s, which its Board does not declare", e.Name, run, tag)
				}
			}
		}
		for _, c := range board.Curves {
			if c.Only != "" {
				continue
			}
			for _, tag := range c.Tags {
				found := false
				for run, tags := range written {
					found = found || boardPattern(c.Runs).MatchString(run) && tags[tag] > 0
				}
				if !found {
					t.Errorf("%s: no run %q writes tag %s (drawn in %v)", e.Name, c.Runs, tag, c.Figures)
				}
			}
		}
		m, err := results.ReadManifest(dir)
		if err != nil {
			t.Fatal(err)
		}
		var figures []string
		for _, c := range board.Curves {
			figures = append(figures, c.Figures...)
		}
		for _, f := range board.FigureOnly {
			figures = append(figures, f.Figure)
		}
		for _, fig := range m.Figures {
			if !slices.ContainsFunc(figures, func(p string) bool { return boardPattern(p).MatchString(fig) }) {
				t.Errorf("%s: figure %s is neither drawn from TensorBoard curves nor figure-only in its Board", e.Name, fig)
			}
		}
		for _, p := range figures {
			if !slices.ContainsFunc(m.Figures, boardPattern(p).MatchString) {
				t.Errorf("%s: its Board names figure %s, which the run did not draw", e.Name, p)
			}
		}
	}
}
