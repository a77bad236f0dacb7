package compare

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"hw1/runner/report"
	"hw1/runner/results"
)

// ExperimentDiff is how one experiment of two results folders compares.
type ExperimentDiff struct {
	Name string
	// Skipped says why the experiment was not compared (in one folder
	// only, another profile, seeds or configuration); "" when it was.
	Skipped string
	// WhereA and WhereB are the hosts the two runs ran on
	// (results.Manifest.Where); they explain digits that differ.
	WhereA, WhereB string
	Tables         []TableDiff
	// SeedTablesSkipped says that the seeds' tables were not compared,
	// because one of the two is a record (hw1 record), which keeps only
	// the aggregates.
	SeedTablesSkipped bool
	Findings          []FindingDiff
	// FindingsError is why the findings could not be compared, if so.
	FindingsError string
}

// FindingDiff is one finding of both runs: the same verdict or not.
type FindingDiff struct {
	A, B report.Finding
	Same bool // the same verdict (Agrees) and robustness
}

// Agrees reports whether the experiment compares within the tolerance:
// compared, every table identical or within, every finding the same.
func (d ExperimentDiff) Agrees() bool {
	if d.Skipped != "" || d.FindingsError != "" {
		return false
	}
	for _, t := range d.Tables {
		if t.Verdict != Identical && t.Verdict != Within {
			return false
		}
	}
	for _, f := range d.Findings {
		if !f.Same {
			return false
		}
	}
	return true
}

// Result is how two results folders compare.
type Result struct {
	A, B        string
	Tolerance   Tolerance
	Experiments []ExperimentDiff
}

// Agrees reports whether every experiment agrees.
func (r *Result) Agrees() bool {
	for _, e := range r.Experiments {
		if !e.Agrees() {
			return false
		}
	}
	return len(r.Experiments) > 0
}

// InputError is a folder that holds no result to compare.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Folders compares the results folders a and b (each the --out of a
// `hw1 run`, or one experiment's folder), experiment by experiment, in
// the homework's order.
func Folders(a, b string, tol Tolerance) (*Result, error) {
	ea, err := experimentsIn(a)
	if err != nil {
		return nil, err
	}
	eb, err := experimentsIn(b)
	if err != nil {
		return nil, err
	}
	r := &Result{A: a, B: b, Tolerance: tol}
	for _, e := range results.Experiments() {
		da, inA := ea[e.Name]
		db, inB := eb[e.Name]
		switch {
		case !inA && !inB:
			continue
		case !inA:
			r.Experiments = append(r.Experiments, ExperimentDiff{Name: e.Name, Skipped: "only in " + b})
			continue
		case !inB:
			r.Experiments = append(r.Experiments, ExperimentDiff{Name: e.Name, Skipped: "only in " + a})
			continue
		}
		d, err := experimentDiff(e, da, db, tol)
		if err != nil {
			return nil, err
		}
		r.Experiments = append(r.Experiments, d)
	}
	return r, nil
}

// experimentsIn maps the experiments of a results folder (or of one
// experiment's folder) to their folders.
func experimentsIn(dir string) (map[string]string, error) {
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return nil, &InputError{fmt.Sprintf("%s is not a folder: give the --out folder of a 'hw1 run' (or one experiment's folder in it)", dir)}
	}
	if m, err := results.ReadManifest(dir); err == nil {
		return map[string]string{m.Experiment: dir}, nil
	}
	out, err := results.ExperimentFolders(dir)
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	if len(out) == 0 {
		return nil, &InputError{(&results.NoResultsError{Dir: dir}).Error()}
	}
	return out, nil
}

// experimentDiff compares one experiment's folders: their runs first (the
// same profile, seeds and configuration, or it says which differ), then
// the tables, top level and each seed's, then the findings.
func experimentDiff(e results.Schema, a, b string, tol Tolerance) (ExperimentDiff, error) {
	d := ExperimentDiff{Name: e.Name}
	ma, err := results.ReadManifest(a)
	if err != nil {
		return d, err
	}
	mb, err := results.ReadManifest(b)
	if err != nil {
		return d, err
	}
	d.WhereA, d.WhereB = ma.Where(), mb.Where()
	if why := runsDiffer(ma, mb); why != "" {
		d.Skipped = why
		return d, nil
	}
	if d.Tables, err = Tables(e, a, b, tol); err != nil {
		return d, err
	}
	// A record keeps no seed's tables: its aggregates and findings are
	// what a run is held against.
	d.SeedTablesSkipped = len(ma.Seeds) > 0 && (report.IsRecord(a) || report.IsRecord(b))
	for _, s := range ma.Seeds {
		if d.SeedTablesSkipped {
			break
		}
		seedTables, err := Tables(e, filepath.Join(a, s.Dir), filepath.Join(b, s.Dir), tol)
		if err != nil {
			return d, err
		}
		for _, t := range seedTables {
			t.File = s.Dir + "/" + t.File
			d.Tables = append(d.Tables, t)
		}
	}
	fa, errA := report.Findings(a)
	fb, errB := report.Findings(b)
	switch {
	case errA != nil:
		d.FindingsError = errA.Error()
	case errB != nil:
		d.FindingsError = errB.Error()
	case len(fa) != len(fb):
		d.FindingsError = fmt.Sprintf("%d findings against %d", len(fa), len(fb))
	default:
		for i := range fa {
			d.Findings = append(d.Findings, FindingDiff{A: fa[i], B: fb[i],
				Same: fa[i].Agrees == fb[i].Agrees && fa[i].Robustness == fb[i].Robustness})
		}
	}
	return d, nil
}

// runsDiffer says how two runs of one experiment differ in what they were
// asked to do (profile, seeds, configuration), or "" when they do not.
func runsDiffer(a, b *results.Manifest) string {
	seeds := func(m *results.Manifest) []int64 {
		if len(m.Seeds) == 0 {
			return []int64{m.Seed}
		}
		var s []int64
		for _, r := range m.Seeds {
			s = append(s, r.Seed)
		}
		return s
	}
	switch sa, sb := seeds(a), seeds(b); {
	case a.Profile != b.Profile:
		return fmt.Sprintf("not compared: profile %s against %s", a.Profile, b.Profile)
	case !slices.Equal(sa, sb):
		return fmt.Sprintf("not compared: seeds %v against %v", sa, sb)
	case !results.SameConfig(a.Config, b.Config):
		return "not compared: the configurations differ (see each manifest.json's config)"
	}
	return ""
}
