package plots

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"hw1/runner/results"
)

// builder makes the figures of one experiment from the tables of a folder:
// one seed's, or the aggregates over the seeds of a multi-seed folder (some
// experiments have no figure over seeds; they return none).
type builder func(f folder) ([]*figure, error)

// builders maps each experiment of the schema (runner/results) to the
// function that draws it.
func builders() map[string]builder {
	return map[string]builder{
		results.FunctionFit:     functionFit,
		results.MNISTDepth:      mnistDepth,
		results.WeightPCA:       weightPCA,
		results.GradNorm:        gradNorm,
		results.MinRatio:        minRatio,
		results.RandomLabels:    randomLabels,
		results.ParamCount:      paramCount,
		results.Interpolation:   interpolation,
		results.Sensitivity:     sensitivity,
		results.LossSurface:     lossSurface,
		results.HessianSpectrum: hessianSpectrum,
		results.DoubleDescent:   doubleDescent,
	}
}

// experimentOf returns the name of the experiment whose results dir holds: the
// manifest's, or the folder's base name when there is no manifest.
func experimentOf(dir string) (string, error) {
	m, err := results.ReadManifest(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return filepath.Base(filepath.Clean(dir)), nil
	case err != nil:
		return "", fmt.Errorf("manifest of %s: %w", dir, err)
	case m.Experiment == "":
		return filepath.Base(filepath.Clean(dir)), nil
	}
	return m.Experiment, nil
}

// Draw draws every figure of the experiment in dir from dir's tables,
// writing NAME.png and NAME.svg into dir; it returns the figure names
// (without extension) in a stable order. A missing or malformed table is an
// error naming the file and column.
//
// In a multi-seed folder (its manifest lists Seeds: OUT/NAME holds the
// aggregate tables and one seed-<k>/ folder per seed) Draw draws every
// finished seed's figures in that seed's folder, from the seed's tables, and
// returns them as seed-<k>/NAME; and, when a seed finished, the experiment's
// figures over the seeds in dir itself, returned first as NAME: those of
// aggregated tables from the aggregates (the mean as the line, a min–max
// band and, for a few seeds, each seed faint: panel.curve), min-ratio's
// with the seeds' points pooled. Figures of tables that are not aggregated
// (weight-pca, loss-surface, hessian-spectrum's eigenvalues and densities)
// are only per seed.
func Draw(dir string) ([]string, error) {
	if m, err := results.ReadManifest(dir); err == nil && len(m.Seeds) > 0 {
		return drawSeeds(dir, m.Seeds)
	}
	return drawFolder(folder{dir: dir})
}

// drawSeeds draws a multi-seed folder (see Draw); it keeps going after an
// error and returns all errors joined.
func drawSeeds(dir string, seeds []results.SeedRun) ([]string, error) {
	var perSeed, done []string
	var errs []error
	for _, s := range seeds {
		// As a run draws its figures only when it finished (an interrupted
		// seed may have no rows yet), and the aggregate is over the
		// finished seeds (results.AggregateSeeds).
		if s.Status != results.StatusDone {
			continue
		}
		figs, err := Draw(filepath.Join(dir, s.Dir))
		if err != nil {
			errs = append(errs, err)
		}
		for _, f := range figs {
			perSeed = append(perSeed, s.Dir+"/"+f)
		}
		done = append(done, filepath.Join(dir, s.Dir))
	}
	var names []string
	if len(done) > 0 {
		figs, err := drawFolder(folder{dir: dir, seeds: done})
		if err != nil {
			errs = append(errs, fmt.Errorf("over seeds: %w", err))
		}
		names = figs
	}
	return append(names, perSeed...), errors.Join(errs...)
}

// drawFolder draws the figures of the experiment in f.dir from f's tables
// into f.dir.
func drawFolder(f folder) ([]string, error) {
	name, figs, err := figures(f)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(figs))
	for _, fig := range figs {
		if err := fig.save(f.dir); err != nil {
			return names, fmt.Errorf("draw %s: %w", name, err)
		}
		names = append(names, fig.name)
	}
	return names, nil
}

// figures returns the name of the experiment in f.dir and its figures,
// built from f's tables with distinct names: what drawFolder saves, and
// what the golden images are drawn from.
func figures(f folder) (string, []*figure, error) {
	name, err := experimentOf(f.dir)
	if err != nil {
		return "", nil, err
	}
	build, ok := builders()[name]
	if !ok {
		return name, nil, fmt.Errorf("draw %s: unknown experiment %q (known: %s)", f.dir, name, strings.Join(known(), ", "))
	}
	figs, err := build(f)
	if err != nil {
		return name, nil, fmt.Errorf("draw %s: %w", name, err)
	}
	return name, uniqueNames(figs), nil
}

// DrawAll draws every experiment folder (a subfolder with a manifest.json)
// under out, keyed by folder name; it keeps going after an error and
// returns all errors joined. A multi-seed folder's figures are those over
// its seeds and its seeds' own (see Draw).
func DrawAll(out string) (map[string][]string, error) {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil, fmt.Errorf("draw all under %s: %w", out, err)
	}
	drawn := map[string][]string{}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(out, e.Name())
		if _, err := os.Stat(filepath.Join(dir, results.ManifestFile)); err != nil {
			continue
		}
		names, err := Draw(dir)
		if err != nil {
			errs = append(errs, err)
		}
		if len(names) > 0 {
			drawn[e.Name()] = names
		}
	}
	return drawn, errors.Join(errs...)
}

// known returns the experiments Draw knows, sorted.
func known() []string {
	var names []string
	for n := range builders() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// uniqueNames makes figure names distinct: two table values that map to the
// same file name (say "a b" and "a/b") get "-2", "-3", ... appended.
func uniqueNames(figs []*figure) []*figure {
	seen := map[string]bool{}
	for _, f := range figs {
		base := f.name
		for i := 2; seen[f.name]; i++ {
			f.name = fmt.Sprintf("%s-%d", base, i)
		}
		seen[f.name] = true
	}
	return figs
}
