// Package record makes hw1's record: the compact, versioned form of a
// results folder (in practice the full profile over several seeds) that the
// repository keeps as the reference to compare a run with (hw1 compare).
// A record keeps each experiment's manifests (its own and every seed's),
// its aggregate tables, compressed, and its findings as computed from every
// seed's tables when the record was made (report.FindingsFile), plus a
// README.md that lists the findings. It keeps no seed's tables and no
// figures: they are large, and the aggregates and findings are what a run
// is held against. It imports nothing of TensorFlow.
package record

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"hw1/runner/config"
	"hw1/runner/report"
	"hw1/runner/results"
	"hw1/runner/table"
)

// Summary is what Write wrote.
type Summary struct {
	Experiments int
	Findings    int
	Bytes       int64 // the record's size on disk
}

// Write makes the record of the results folder from in the folder to,
// replacing a record there. Every experiment in from must have finished
// (every seed of it); a folder to that holds anything but a record is
// refused, so that nothing else is written over. Bad input (a folder that
// holds no results or an unfinished run, a folder to of something else) is
// a *results.NoResultsError or a *config.UsageError.
func Write(from, to string) (Summary, error) {
	var sum Summary
	folders, err := results.ExperimentFolders(from)
	if err != nil {
		return sum, err
	}
	if len(folders) == 0 {
		return sum, fmt.Errorf("record: %w", results.CheckResultsFolder(from))
	}
	if err := checkReplaceable(to); err != nil {
		return sum, err
	}
	var names, unfinished []string
	for _, e := range results.Experiments() {
		dir, ok := folders[e.Name]
		if !ok {
			// A folder without a manifest: a multi-seed run writes its
			// own when its last seed ends.
			if fi, err := os.Stat(filepath.Join(from, e.Name)); err == nil && fi.IsDir() {
				unfinished = append(unfinished, e.Name+" (no manifest yet)")
			}
			continue
		}
		m, err := results.ReadManifest(dir)
		if err != nil {
			return sum, err
		}
		if m.Status != results.StatusDone {
			unfinished = append(unfinished, fmt.Sprintf("%s (%s)", e.Name, m.Status))
		}
		names = append(names, e.Name)
	}
	if len(unfinished) > 0 {
		return sum, &config.UsageError{Msg: fmt.Sprintf("record: %s is not finished (%s): finish the run first (the same 'hw1 run' command resumes it)",
			from, strings.Join(unfinished, ", "))}
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(to)), 0o755); err != nil {
		return sum, fmt.Errorf("record: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(to)), "."+filepath.Base(to)+".tmp*")
	if err != nil {
		return sum, fmt.Errorf("record: %w", err)
	}
	defer os.RemoveAll(tmp)
	var all [][]report.Finding
	for _, name := range names {
		found, err := writeExperiment(folders[name], filepath.Join(tmp, name))
		if err != nil {
			return sum, fmt.Errorf("record of %s: %w", name, err)
		}
		all = append(all, found)
		sum.Findings += len(found)
	}
	sum.Experiments = len(names)
	if err := writeReadme(tmp, from, all); err != nil {
		return sum, err
	}
	if err := os.RemoveAll(to); err != nil {
		return sum, fmt.Errorf("record: replace %s: %w", to, err)
	}
	if err := os.Rename(tmp, to); err != nil {
		return sum, fmt.Errorf("record: %w", err)
	}
	sum.Bytes, err = size(to)
	return sum, err
}

// writeExperiment writes the record of one experiment's folder from in to
// and returns its findings.
func writeExperiment(from, to string) ([]report.Finding, error) {
	m, err := results.ReadManifest(from)
	if err != nil {
		return nil, err
	}
	if err := m.Write(to); err != nil {
		return nil, err
	}
	for _, s := range m.Seeds {
		sm, err := results.ReadManifest(filepath.Join(from, s.Dir))
		if err != nil {
			return nil, err
		}
		if err := sm.Write(filepath.Join(to, s.Dir)); err != nil {
			return nil, err
		}
	}
	for _, t := range m.Tables {
		if err := table.Gzipped(filepath.Join(from, t), filepath.Join(to, t)); err != nil {
			return nil, err
		}
	}
	found, err := report.Findings(from)
	if err != nil {
		return nil, err
	}
	return found, report.SaveFindings(to, found)
}

// checkReplaceable refuses a folder to that exists and holds anything but
// a record: files other than README.md and folders without a findings
// file.
func checkReplaceable(to string) error {
	entries, err := os.ReadDir(to)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	for _, e := range entries {
		if e.Name() == readmeFile {
			continue
		}
		_, err := os.Stat(filepath.Join(to, e.Name(), report.FindingsFile))
		if !e.IsDir() || err != nil {
			return &config.UsageError{Msg: fmt.Sprintf("record: %s holds %s, which is not part of a record: give an empty folder, or the folder of a record to replace", to, e.Name())}
		}
	}
	return nil
}

// size is the bytes of the files under dir.
func size(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	return n, err
}
