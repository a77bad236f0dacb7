package plots

import (
	"bytes"
	"errors"
	"flag"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/golden from the current drawing code, and remove those of figures no longer drawn")

// goldenDir holds one golden image per kind of figure (figure.kind) that
// the fixture tables draw, named after the first figure of the kind:
// EXPERIMENT/NAME.png from one seed's folder, and
// EXPERIMENT/over-seeds/NAME.png from a multi-seed folder of three seeds
// (seedFactors), for the figures Draw draws over the seeds (a mean with
// its band and the seeds' faint lines, or min-ratio's pooled points).
var goldenDir = filepath.Join("testdata", "golden")

// overSeedsDir is the subfolder of an experiment's golden images for its
// figures over the seeds.
const overSeedsDir = "over-seeds"

// goldenDPI keeps the golden images small: 16 cm at 72 dots per inch is
// 454 pixels wide, one pixel per point, so a line, glyph or label moved by
// a point still moves pixels. They are drawn by the same code as Draw's
// PNGs, only at a lower resolution than pngDPI.
const goldenDPI = 72

// goldenDelta returns cmpimg.EqualApprox's tolerance on this
// architecture: every pixel of the drawn image must be within this
// normalised colour distance (YIQ, 1 between black and white) of the
// golden one; a single pixel further off fails.
//
// The drawing is pure Go, its fonts compiled in, so no system library or
// font changes a pixel: what differs between machines is the rounding of
// the floating-point arithmetic. The golden images are drawn on amd64;
// amd64 (GOAMD64=v1 or v3) and 386 draw them byte for byte. There 0.05
// (an anti-aliased edge pixel some 13 of 255 grey levels off) leaves room
// for another Go release's rounding and still fails a style change as
// small as the band's opacity from 0x38 to 0x28 or the single seeds' lines
// from 0.6 to 0.4 points wide. Where Go fuses a multiply and an add into
// one instruction (arm64, ppc64le and s390x do), the contour lines of
// contour-<model> and trajectory-<model> shift by a rounding, which
// changes up to 27 of their edge pixels by up to 0.06 (measured on all
// three), so elsewhere the tolerance is 0.1. A moved, missing
// or recoloured line, marker, label or legend entry changes pixels by far
// more (a black pixel on white is 1) and fails everywhere.
func goldenDelta() float64 {
	switch runtime.GOARCH {
	case "amd64", "386":
		return 0.05
	}
	return 0.1
}

// goldenCase is the first figure of one kind drawn from the fixtures and
// its golden image.
type goldenCase struct {
	experiment string
	fig        *figure
	path       string // golden image, relative to the package
}

// goldenCases draws the fixture tables of every experiment that Draw knows
// (builders), in one seed's folder and in a multi-seed folder, and returns
// the first figure of every kind they give with the path of its golden
// image. The list comes from the builders themselves: a kind of figure
// that a builder starts to draw needs a golden image, with no list in the
// tests to update. It sees the kinds that the fixtures make the builders
// draw, so the fixtures write every table a builder reads, optional ones
// included.
func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	var cases []goldenCase
	for _, exp := range known() {
		single := filepath.Join(t.TempDir(), exp)
		fixture(t, single, exp)
		multi := filepath.Join(t.TempDir(), exp)
		seeds := multiSeedFixture(t, multi, exp, seedFactors)
		for _, f := range []struct {
			folder folder
			sub    string
		}{{folder{dir: single}, ""}, {folder{dir: multi, seeds: seeds}, overSeedsDir}} {
			_, figs, err := figures(f.folder)
			if err != nil {
				t.Fatalf("%s: %v", exp, err)
			}
			kinds := map[string]bool{}
			for _, fig := range figs {
				prefix, variant := strings.CutSuffix(fig.kind, ">")
				if prefix, _, _ = strings.Cut(prefix, "<"); variant && !strings.HasPrefix(fig.name, prefix) || !variant && fig.name != fig.kind {
					t.Errorf("%s: figure %s is of kind %s: a figure is named after its kind", exp, fig.name, fig.kind)
				}
				if kinds[fig.kind] {
					continue
				}
				kinds[fig.kind] = true
				cases = append(cases, goldenCase{experiment: exp, fig: fig, path: filepath.Join(goldenDir, exp, f.sub, fig.name+".png")})
			}
		}
	}
	return cases
}

// TestGolden draws every kind of figure of every experiment from the
// fixture tables, in one seed's folder and over three seeds, and compares
// each with its golden image (goldenDir) by cmpimg.EqualApprox within
// goldenDelta(). A kind of figure without a golden image fails, and so
// does a golden image of no figure. With -update it rewrites the golden
// images that changed, removes those of no figure, and fails listing them,
// so that they are reviewed before they are committed:
//
//	go test ./plots -run TestGolden -update
func TestGolden(t *testing.T) {
	cases := goldenCases(t)
	drawn := map[string]bool{}
	var changed []string
	for _, c := range cases {
		drawn[filepath.ToSlash(c.path)] = true
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(c.path), filepath.ToSlash(goldenDir)+"/"), ".png")
		t.Run(name, func(t *testing.T) {
			got, err := c.fig.png(goldenDPI)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				old, err := os.ReadFile(c.path)
				if err != nil && !errors.Is(err, fs.ErrNotExist) {
					t.Fatal(err)
				}
				if err == nil && bytes.Equal(old, got) {
					return
				}
				if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(c.path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				changed = append(changed, "wrote "+c.path)
				return
			}
			want, err := os.ReadFile(c.path)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("%s's figure %s (kind %s) has no golden image %s: draw it with go test ./plots -run TestGolden -update, look at it, and commit it",
					c.experiment, c.fig.name, c.fig.kind, c.path)
			} else if err != nil {
				t.Fatal(err)
			}
			ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta())
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				t.Errorf("figure %s differs from %s beyond the tolerance %g; %s (if the change is intended: go test ./plots -run TestGolden -update)",
					c.fig.name, c.path, goldenDelta(), saveDifference(t, c.fig.name, got, want))
			}
		})
	}

	// Golden images of no figure: a figure renamed or no longer drawn.
	err := filepath.WalkDir(goldenDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || drawn[filepath.ToSlash(path)] {
			return err
		}
		if *update {
			changed = append(changed, "removed "+path)
			return os.Remove(path)
		}
		t.Errorf("golden image %s is of no figure kind the fixtures draw first (go test ./plots -run TestGolden -update removes it)", path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		removeEmptyDirs(t, goldenDir)
		if len(changed) == 0 {
			t.Logf("-update: no golden image changed")
			return
		}
		// An error, so that plain `go test ./plots -update` shows the list
		// (a passing test's log stays hidden without -v).
		slices.Sort(changed)
		t.Errorf("-update changed %d golden image(s); review them with git status and git diff, commit, and test again without -update:\n\t%s",
			len(changed), strings.Join(changed, "\n\t"))
	}
}

// saveDifference writes the drawn image and cmpimg.Diff's picture of where
// it differs from the golden one into the temporary folder, and says
// where.
func saveDifference(t *testing.T, name string, got, want []byte) string {
	t.Helper()
	a, errA := png.Decode(bytes.NewReader(got))
	b, errB := png.Decode(bytes.NewReader(want))
	dir, err := os.MkdirTemp("", "plots-golden-"+name+"-*")
	if err != nil || errA != nil || errB != nil {
		return "the images not saved"
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), got, 0o644); err != nil {
		return "the images not saved"
	}
	if a.Bounds() != b.Bounds() {
		return "the new image, of another size (" + a.Bounds().Size().String() + " against " + b.Bounds().Size().String() + "), in " + dir
	}
	d := image.NewRGBA(a.Bounds())
	cmpimg.Diff(d, a, b)
	var buf bytes.Buffer
	if err := png.Encode(&buf, d); err == nil {
		os.WriteFile(filepath.Join(dir, "diff.png"), buf.Bytes(), 0o644)
	}
	return "the new image and diff.png in " + dir
}

// removeEmptyDirs removes the folders under root that -update left empty.
func removeEmptyDirs(t *testing.T, root string) {
	t.Helper()
	var dirs []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && path != root {
			dirs = append(dirs, path)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- { // the deepest first
		if entries, err := os.ReadDir(dirs[i]); err == nil && len(entries) == 0 {
			os.Remove(dirs[i])
		}
	}
}
