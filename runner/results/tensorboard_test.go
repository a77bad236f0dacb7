package results

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tensorBoardTables renders the Boards of every experiment as the README's
// TensorBoard section lists them: what is written, and the figures that
// are not in TensorBoard.
func tensorBoardTables() string {
	var b strings.Builder
	b.WriteString("| experiment | run | tags | step | drawn in |\n|---|---|---|---|---|\n")
	for _, e := range Experiments() {
		board, _ := TensorBoard(e.Name)
		for _, c := range board.Curves {
			tags := "`" + strings.Join(c.Tags, "`, `") + "`"
			if c.Only != "" {
				tags += " (" + c.Only + " only)"
			}
			figs := "—"
			if len(c.Figures) > 0 {
				figs = "`" + strings.Join(c.Figures, "`, `") + "`"
			}
			run := "tb/"
			if c.Runs != "" {
				run += c.Runs + "/"
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", e.Name, run, tags, c.Step, figs)
		}
	}
	b.WriteString("\n| experiment | figure not in TensorBoard | why |\n|---|---|---|\n")
	for _, e := range Experiments() {
		board, _ := TensorBoard(e.Name)
		for _, f := range board.FigureOnly {
			fmt.Fprintf(&b, "| %s | `%s` | %s |\n", e.Name, f.Figure, f.Why)
		}
	}
	return b.String()
}

// TestEveryExperimentHasABoard: each experiment declares what it writes to
// TensorBoard, with a tag, a step and a run for every curve.
func TestEveryExperimentHasABoard(t *testing.T) {
	for _, e := range Experiments() {
		b, ok := TensorBoard(e.Name)
		if !ok || len(b.Curves) == 0 {
			t.Errorf("%s: no TensorBoard curves declared (TensorBoard in tensorboard.go)", e.Name)
		}
		for _, c := range b.Curves {
			if len(c.Tags) == 0 || c.Step == "" {
				t.Errorf("%s: curve %+v without tags or step", e.Name, c)
			}
		}
	}
	if _, ok := TensorBoard("no-such-experiment"); ok {
		t.Error("a Board for an unknown experiment")
	}
}

// TestReadmeListsTheTensorBoardCurves: the README's TensorBoard section
// lists exactly what the experiments declare (and the smoke run's test in
// cmd/hw1 checks that they write it).
func TestReadmeListsTheTensorBoardCurves(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := tensorBoardTables()
	if !strings.Contains(string(b), want) {
		t.Errorf("README.md's TensorBoard section does not hold the declared curves; it should hold:\n%s", want)
	}
}
