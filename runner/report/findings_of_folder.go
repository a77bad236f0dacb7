package report

import (
	"fmt"
	"path/filepath"

	"hw1/runner/results"
)

// Findings computes the findings of the experiment folder expDir as the
// report shows them: from its tables for a single-seed run, combined over
// the finished seeds (with their robustness) for a multi-seed one. The
// folder of a record (hw1 record) keeps its findings as they were computed
// (FindingsFile); they are read, not computed.
func Findings(expDir string) ([]Finding, error) {
	if found, ok, err := storedFindings(expDir); ok || err != nil {
		return found, err
	}
	m, err := results.ReadManifest(expDir)
	if err != nil {
		return nil, err
	}
	if len(m.Seeds) == 0 {
		return findingsOf(newFolder(expDir), experimentName(m, expDir))
	}
	var seeds []int64
	var perSeed [][]Finding
	for _, sr := range m.Seeds {
		if sr.Status != results.StatusDone {
			continue
		}
		found, err := findingsOf(newFolder(filepath.Join(expDir, sr.Dir)), m.Experiment)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", sr.Seed, err)
		}
		seeds, perSeed = append(seeds, sr.Seed), append(perSeed, found)
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("findings of %s: no seed finished", expDir)
	}
	return combineSeeds(seeds, perSeed)
}
