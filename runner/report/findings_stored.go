package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"hw1/runner/table"
)

// FindingsFile is the file in which a record (hw1 record) keeps an
// experiment's findings, computed when the record was made from the tables
// of every seed, which a record does not keep.
const FindingsFile = "findings.json"

// storedFinding is a Finding as FindingsFile holds it: JSON has no NaN, so
// a headline value that is not finite is left out.
type storedFinding struct {
	Experiment string   `json:"experiment"`
	Statement  string   `json:"statement"`
	Literature string   `json:"literature"`
	Agrees     string   `json:"agrees"`
	Rule       string   `json:"rule"`
	Value      *float64 `json:"value,omitempty"`
	Robustness string   `json:"robustness,omitempty"`
}

// SaveFindings writes fs to expDir's FindingsFile atomically.
func SaveFindings(expDir string, fs []Finding) error {
	out := make([]storedFinding, len(fs))
	for i, f := range fs {
		out[i] = storedFinding{Experiment: f.Experiment, Statement: f.Statement, Literature: f.Literature,
			Agrees: f.Agrees, Rule: f.Rule, Robustness: f.Robustness}
		if !math.IsNaN(f.Value) && !math.IsInf(f.Value, 0) {
			v := f.Value
			out[i].Value = &v
		}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the findings of %s: %w", expDir, err)
	}
	return table.WriteFileAtomic(filepath.Join(expDir, FindingsFile), append(b, '\n'))
}

// storedFindings reads expDir's FindingsFile; ok is false when there is
// none (a folder of a run, not of a record).
func storedFindings(expDir string) (found []Finding, ok bool, err error) {
	path := filepath.Join(expDir, FindingsFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	var in []storedFinding
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, false, fmt.Errorf("read %s: %w", path, err)
	}
	found = make([]Finding, len(in))
	for i, s := range in {
		found[i] = Finding{Experiment: s.Experiment, Statement: s.Statement, Literature: s.Literature,
			Agrees: s.Agrees, Rule: s.Rule, Robustness: s.Robustness, Value: math.NaN()}
		if s.Value != nil {
			found[i].Value = *s.Value
		}
	}
	return found, true, nil
}

// IsRecord reports whether the experiment folder dir is part of a record
// (hw1 record): it keeps its findings (FindingsFile), not its seeds' tables.
func IsRecord(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, FindingsFile))
	return err == nil
}
