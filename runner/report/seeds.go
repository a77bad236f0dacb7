package report

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"gonum.org/v1/gonum/stat"

	"hw1/runner/results"
)

// combineSeeds turns the findings of several seeds of one experiment (the
// same findings, computed on each seed's own tables, in the same order)
// into one finding each that says how many seeds reached each verdict and
// the spread of the headline value over the seeds where it is finite:
//
//	Over seeds 1, 2, 3: agrees in 2 of 3 seeds, disagrees in 1 of 3 seeds;
//	headline value -0.71 ± 0.12 (mean ± sample sd over 3 seeds, range -0.85
//	to -0.6). Seed 1: <seed 1's statement>
//
// ("over 2 of 3 seeds" when only two have a finite headline value). The
// verdict is the seeds' common one, or "partly" when they differ.
// Robustness is single-seed for one seed, robust when every seed reached
// the same yes, no or partly, mixed when they differ, and "" when every
// seed's verdict is n/a.
func combineSeeds(seeds []int64, perSeed [][]Finding) ([]Finding, error) {
	if len(seeds) == 0 || len(seeds) != len(perSeed) {
		return nil, fmt.Errorf("combine findings: %d seeds, %d finding lists", len(seeds), len(perSeed))
	}
	first := perSeed[0]
	for i, fs := range perSeed[1:] {
		if len(fs) != len(first) {
			return nil, fmt.Errorf("combine findings: seed %d has %d findings, seed %d has %d", seeds[i+1], len(fs), seeds[0], len(first))
		}
	}
	out := make([]Finding, len(first))
	for j := range first {
		f := first[j]
		verdicts := map[string]int{}
		var order []string
		var values []float64
		for i, fs := range perSeed {
			g := fs[j]
			if g.Rule != f.Rule {
				return nil, fmt.Errorf("combine findings: finding %d of seed %d follows another rule than seed %d's", j+1, seeds[i], seeds[0])
			}
			if verdicts[g.Agrees] == 0 {
				order = append(order, g.Agrees)
			}
			verdicts[g.Agrees]++
			if finite(g.Value) {
				values = append(values, g.Value)
			}
		}
		n := len(perSeed)
		switch {
		case n == 1:
			f.Robustness = SingleSeed
		case len(order) > 1:
			f.Robustness = Mixed
			f.Agrees = AgreesPartly
		case order[0] == AgreesNA:
			f.Robustness = "" // no verdict to be robust
		default:
			f.Robustness = Robust
		}
		var counts []string
		for _, v := range order {
			counts = append(counts, fmt.Sprintf("%s in %d of %d seeds", verdictWord(v), verdicts[v], n))
		}
		summary := strings.Join(counts, ", ")
		f.Value = mean(values) // NaN when no seed has a finite value
		over := fmt.Sprintf("%d seeds", len(values))
		if len(values) < n {
			over = fmt.Sprintf("%d of %d seeds", len(values), n)
		}
		switch {
		case len(values) == 1 && n == 1:
			summary += "; headline value " + num(f.Value)
		case len(values) == 1:
			summary += fmt.Sprintf("; headline value %s (over %s)", num(f.Value), over)
		case len(values) > 1:
			lo, hi := minMax(values)
			summary += fmt.Sprintf("; headline value %s ± %s (mean ± sample sd over %s, range %s to %s)",
				num(f.Value), num(stat.StdDev(values, nil)), over, num(lo), num(hi))
		}
		f.Statement = fmt.Sprintf("Over seeds %s: %s. Seed %d: %s", seedList(seeds), summary, seeds[0], f.Statement)
		out[j] = f
	}
	return out, nil
}

// verdictWord names a verdict for the seed counts.
func verdictWord(agrees string) string {
	switch agrees {
	case AgreesYes:
		return "agrees"
	case AgreesNo:
		return "disagrees"
	case AgreesPartly:
		return "agrees partly"
	default:
		return "no verdict (n/a)"
	}
}

func seedList(seeds []int64) string {
	parts := make([]string, len(seeds))
	for i, s := range seeds {
		parts[i] = fmt.Sprint(s)
	}
	return strings.Join(parts, ", ")
}

// seedsSection fills the section of a multi-seed result (hw1 run --seeds):
// every finished seed's tables are checked and its findings computed, then
// combined (combineSeeds); the figures are those over the seeds where
// there are, else the first finished seed's (seedFigures); the models are
// the first finished seed's, and the tables listed are the aggregates over
// the seeds. It returns the section's problems, as buildSection does.
func seedsSection(s *section, expDir string, e experiment, m *results.Manifest, n int) []error {
	var problems []error
	var seeds []int64
	var perSeed [][]Finding
	var first *folder
	for _, sr := range m.Seeds {
		if sr.Status != results.StatusDone {
			continue
		}
		f := newFolder(filepath.Join(expDir, sr.Dir))
		for _, spec := range e.Tables {
			if _, err := f.table(spec); err != nil {
				s.TableErrors = append(s.TableErrors, err.Error())
				problems = append(problems, err)
			}
		}
		found, err := findingsOf(f, e.Name)
		if err != nil {
			var te *tableError
			if !errors.As(err, &te) {
				problems = append(problems, err)
			}
			s.FindingsError = fmt.Sprintf("seed %d: %v", sr.Seed, err)
			continue
		}
		if first == nil {
			first = f
		}
		seeds = append(seeds, sr.Seed)
		perSeed = append(perSeed, found)
	}
	if first == nil {
		if s.FindingsError == "" {
			s.FindingsError = "no seed finished"
		}
		return problems
	}
	combined, err := combineSeeds(seeds, perSeed)
	if err != nil {
		s.FindingsError = err.Error()
		return append(problems, err)
	}
	s.Findings = combined
	s.Figures = seedFigures(expDir, e.Name, first.dir, seeds, n)
	s.Models = modelGrid(first, e.models)
	s.Tables = tableLinks(newFolder(expDir), e)
	var statuses []string
	for _, sr := range m.Seeds {
		statuses = append(statuses, fmt.Sprintf("%d: %s", sr.Seed, sr.Status))
	}
	s.Run = append(s.Run, kv{"seeds", strings.Join(statuses, ", ")})
	return problems
}

// seedFigures returns the figures of a multi-seed experiment in name order
// (naturalLess):
// every figure drawn over the seeds in expDir (plots.Draw draws them from
// the aggregate tables, the mean with the spread over the seeds, or with
// the seeds' points pooled), and the first finished seed's figures (in
// firstDir) that have none of their name over the seeds: those of tables
// kept per seed, or all of them when expDir has no figures (the run draws
// each seed; hw1 plot draws over the seeds).
func seedFigures(expDir, name, firstDir string, seeds []int64, n int) []figure {
	files := pngFiles(expDir, name)
	over := map[string]bool{}
	drawn := "each curve is the mean over the seeds, with a band from their minimum to their maximum"
	if name == results.MinRatio {
		drawn = "the seeds' points pooled"
	}
	for i, f := range files {
		files[i].note = fmt.Sprintf("Over seeds %s: %s.", seedList(seeds), drawn)
		over[filepath.Base(f.path)] = true
	}
	sub := filepath.Base(firstDir)
	for _, f := range pngFiles(firstDir, name+"/"+sub) {
		if over[filepath.Base(f.path)] {
			continue
		}
		f.name = sub + "/" + f.name
		f.note = fmt.Sprintf("Seed %d alone, of seeds %s.", seeds[0], seedList(seeds))
		files = append(files, f)
	}
	sort.SliceStable(files, func(i, j int) bool {
		return naturalLess(filepath.Base(files[i].path), filepath.Base(files[j].path))
	})
	return embedFigures(name, files, n)
}
