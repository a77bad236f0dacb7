package results

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ExperimentFolders maps the experiments whose results the results folder
// dir (the --out of a `hw1 run`) holds, each a folder EXPERIMENT/ with a
// manifest, to those folders.
func ExperimentFolders(dir string) (map[string]string, error) {
	out := map[string]string{}
	for _, e := range Experiments() {
		sub := filepath.Join(dir, e.Name)
		if _, err := os.Stat(filepath.Join(sub, ManifestFile)); err == nil {
			out[e.Name] = sub
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read %s: %w", dir, err)
		}
	}
	return out, nil
}

// NoResultsError is a folder given as a results folder that holds no
// experiment's results; it says what the folder is and what to give.
type NoResultsError struct {
	Dir string
	// Experiment is the experiment whose own folder Dir is, if it is one.
	Experiment string
}

func (e *NoResultsError) Error() string {
	if e.Experiment != "" {
		return fmt.Sprintf("%s is the folder of one experiment (%s), not a results folder: give the folder that holds it, %s",
			e.Dir, e.Experiment, filepath.Dir(filepath.Clean(e.Dir)))
	}
	return fmt.Sprintf("%s holds no experiment results (no EXPERIMENT/%s): give the --out folder of a 'hw1 run'", e.Dir, ManifestFile)
}

// CheckResultsFolder returns a *NoResultsError unless dir holds the results
// of at least one experiment, and whether it is one experiment's folder.
func CheckResultsFolder(dir string) error {
	found, err := ExperimentFolders(dir)
	if err != nil {
		return err
	}
	if len(found) > 0 {
		return nil
	}
	e := &NoResultsError{Dir: dir}
	if m, err := ReadManifest(dir); err == nil {
		e.Experiment = m.Experiment
	}
	return e
}
