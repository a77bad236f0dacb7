package results

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every experiment of the schema has a whole description, and nothing
// else has one.
func TestEveryExperimentIsDescribed(t *testing.T) {
	for _, e := range Experiments() {
		d, ok := Describe(e.Name)
		if !ok {
			t.Errorf("%s has no description: add it to descriptions()", e.Name)
			continue
		}
		if !slices.Contains(Parts(), d.Part) || d.Title == "" || d.Summary == "" || d.Question == "" {
			t.Errorf("%s: part %q (want one of %v), title, summary or question missing", e.Name, d.Part, Parts())
		}
		if strings.Contains(d.Summary, "\n") || strings.HasSuffix(d.Summary, ".") {
			t.Errorf("%s: the summary %q is not one line without a full stop", e.Name, d.Summary)
		}
	}
	for name := range descriptions() {
		if _, ok := Lookup(name); !ok {
			t.Errorf("description of %q, which the schema does not hold", name)
		}
	}
}

// readmeTableHead heads the README's table of experiments, whose second
// column is each experiment's Line.
const readmeTableHead = "| experiment | what it measures | quick | full |"

// The README's table of experiments lists the schema's experiments in its
// order, each with its description's Line.
func TestREADMETableIsTheDescriptions(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	start := slices.Index(lines, readmeTableHead)
	if start < 0 {
		t.Fatalf("README.md has no table headed %q", readmeTableHead)
	}
	var names []string
	for _, l := range lines[start+2:] {
		cells := strings.Split(l, " | ")
		if !strings.HasPrefix(l, "| ") || len(cells) != 4 || strings.HasPrefix(l, "| **") {
			break
		}
		name := strings.TrimPrefix(cells[0], "| ")
		names = append(names, name)
		d, ok := Describe(name)
		if !ok {
			t.Errorf("README's table lists %q, which the schema does not hold", name)
			continue
		}
		if cells[1] != d.Line() {
			t.Errorf("README's table says of %s:\n  %s\nits description (runner/results/descriptions.go):\n  %s", name, cells[1], d.Line())
		}
	}
	if want := ExperimentNames(); !slices.Equal(names, want) {
		t.Errorf("README's table lists %v, the schema %v", names, want)
	}
}
