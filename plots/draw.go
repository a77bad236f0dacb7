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

// builder makes the figures of one experiment from the tables in dir.
type builder func(dir string) ([]*figure, error)

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
	}
}

// Experiment returns the name of the experiment whose results dir holds: the
// manifest's, or the folder's base name when there is no manifest.
func Experiment(dir string) (string, error) {
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
// error naming the file and column. In a multi-seed folder (its manifest
// lists Seeds: OUT/NAME holds the aggregate tables and one seed-<k>/ folder
// per seed) Draw draws every seed's figures in that seed's folder, from the
// seed's tables (not the aggregates), and returns them as seed-<k>/NAME.
func Draw(dir string) ([]string, error) {
	if m, err := results.ReadManifest(dir); err == nil && len(m.Seeds) > 0 {
		var names []string
		var errs []error
		for _, s := range m.Seeds {
			figs, err := Draw(filepath.Join(dir, s.Dir))
			if err != nil {
				errs = append(errs, err)
			}
			for _, f := range figs {
				names = append(names, s.Dir+"/"+f)
			}
		}
		return names, errors.Join(errs...)
	}
	name, err := Experiment(dir)
	if err != nil {
		return nil, err
	}
	build, ok := builders()[name]
	if !ok {
		return nil, fmt.Errorf("draw %s: unknown experiment %q (known: %s)", dir, name, strings.Join(known(), ", "))
	}
	figs, err := build(dir)
	if err != nil {
		return nil, fmt.Errorf("draw %s: %w", name, err)
	}
	names := make([]string, 0, len(figs))
	for _, f := range uniqueNames(figs) {
		if err := f.save(dir); err != nil {
			return names, fmt.Errorf("draw %s: %w", name, err)
		}
		names = append(names, f.name)
	}
	return names, nil
}

// DrawAll draws every experiment folder (a subfolder with a manifest.json)
// under out, keyed by folder name; it keeps going after an error and
// returns all errors joined. A multi-seed folder's figures are its seeds'
// (see Draw).
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
