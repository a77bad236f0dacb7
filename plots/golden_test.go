package plots

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"

	"hw1/runner/results"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/golden from the current drawing code")

// goldenDPI keeps the golden images small; they are drawn by the same code
// as Draw's PNGs, only at a lower resolution.
const goldenDPI = 72

// goldenDelta is how far (in cmpimg's normalised colour distance) a pixel
// may be from the golden one: enough for another platform's rounding in the
// rasteriser, far too little for a moved line, label or legend.
const goldenDelta = 0.05

// TestGolden draws one figure of each kind from the fixture tables and
// compares it with testdata/golden/KIND.png: a line chart with log y, a
// prediction overlay, a stacked two-panel figure, a scatter with point
// labels, a chart with log x. With -update it rewrites the golden images
// instead and logs those whose bytes changed (go test shows the log of a
// passing test with -v).
func TestGolden(t *testing.T) {
	kinds := []struct {
		golden, experiment, figure string
	}{
		{"line-log-y", results.FunctionFit, "loss-sinc"},
		{"prediction-overlay", results.FunctionFit, "fit-sinc"},
		{"stacked-two-panel", results.GradNorm, "grad-norm"},
		{"scatter-labels", results.WeightPCA, "pca-model"},
		{"log-x", results.ParamCount, "loss-vs-params"},
	}
	var changed []string
	if *update {
		defer func() {
			if len(changed) == 0 {
				t.Logf("-update: no golden image changed")
				return
			}
			// An error, so that plain `go test ./plots -update` shows the
			// list (a passing test's log stays hidden without -v).
			t.Errorf("-update rewrote %d golden image(s); review them with git diff, commit, and test again without -update:\n\t%s",
				len(changed), strings.Join(changed, "\n\t"))
		}()
	}
	for _, k := range kinds {
		t.Run(k.golden, func(t *testing.T) {
			dir := t.TempDir()
			fixture(t, dir, k.experiment)
			figs, err := builders()[k.experiment](folder{dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			for _, f := range figs {
				if f.name == k.figure {
					if got, err = f.png(goldenDPI); err != nil {
						t.Fatal(err)
					}
				}
			}
			if got == nil {
				t.Fatalf("%s draws no figure %s", k.experiment, k.figure)
			}
			path := filepath.Join("testdata", "golden", k.golden+".png")
			if *update {
				old, err := os.ReadFile(path)
				if err != nil && !errors.Is(err, fs.ErrNotExist) {
					t.Fatal(err)
				}
				if bytes.Equal(old, got) && err == nil {
					return
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				changed = append(changed, path)
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (create it with go test ./plots -run TestGolden -update)", err)
			}
			ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				saved := "not saved"
				if f, err := os.CreateTemp("", "plots-"+k.golden+"-*.png"); err == nil {
					f.Write(got)
					f.Close()
					saved = f.Name()
				}
				t.Errorf("%s differs from %s; the new image: %s (if the change is intended: go test ./plots -run TestGolden -update)", k.figure, path, saved)
			}
		})
	}
}
