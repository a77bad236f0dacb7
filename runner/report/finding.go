package report

import (
	"fmt"
	"math"
	"path/filepath"

	"hw1/runner/results"
)

// Values of Finding.Agrees.
const (
	AgreesYes    = "yes"
	AgreesNo     = "no"
	AgreesPartly = "partly"
	AgreesNA     = "n/a"
)

// Finding is one result of an experiment, computed from its tables and set
// against the literature.
type Finding struct {
	Experiment string
	// Statement is what our data show, with the numbers.
	Statement string
	// Literature is what the literature or the assignment reports, with
	// the source.
	Literature string
	// Agrees is "yes", "no", "partly" or "n/a", computed from the numbers
	// by Rule.
	Agrees string
	// Rule states how Agrees was decided from the numbers.
	Rule string
	// Value is the headline number (NaN if none).
	Value float64
	// Robustness says, for a result of several seeds, whether every seed
	// reached the same yes, no or partly ("robust") or not ("mixed");
	// "single-seed" for one seed, "" for a single-seed run or when every
	// seed's verdict is n/a.
	Robustness string
}

// Values of Finding.Robustness.
const (
	Robust     = "robust"
	Mixed      = "mixed"
	SingleSeed = "single-seed"
)

// folderFindings computes the findings of one single-seed experiment
// folder from its tables. The experiment is named by the folder's
// manifest.json, or by the folder's name when the manifest is missing.
// (The page builds its sections with findingsOf; a multi-seed folder's
// findings are combined over its seeds by seedsSection.)
func folderFindings(expDir string) ([]Finding, error) {
	m, _ := results.ReadManifest(expDir) // no manifest: named by the folder
	return findingsOf(newFolder(expDir), experimentName(m, expDir))
}

// experimentName returns the experiment a folder holds: the one its
// manifest m names, else the folder's name.
func experimentName(m *results.Manifest, expDir string) string {
	if m != nil && m.Experiment != "" {
		return m.Experiment
	}
	if abs, err := filepath.Abs(expDir); err == nil {
		return filepath.Base(abs)
	}
	return filepath.Base(expDir)
}

// agreeBoth returns yes when both conditions hold, partly when one does and
// no when neither does.
func agreeBoth(a, b bool) string {
	switch {
	case a && b:
		return AgreesYes
	case a || b:
		return AgreesPartly
	default:
		return AgreesNo
	}
}

// agreeIf returns yes or no.
func agreeIf(ok bool) string {
	if ok {
		return AgreesYes
	}
	return AgreesNo
}

// rankCorrelation returns the Spearman correlation ρ of xs and ys
// (described by what, e.g. "loss and minimal ratio") and a sentence stating
// it over the number of points, noting when it is undefined or weak.
func rankCorrelation(what string, xs, ys []float64) (float64, string) {
	r, n := spearman(xs, ys)
	s := fmt.Sprintf("Spearman rank correlation of %s over %s: ρ = %s", what, plural(n, "point"), rho(r))
	switch {
	case math.IsNaN(r):
		s += " (one of the two is constant, or fewer than two points)."
	case math.Abs(r) < 0.3:
		s += " (weak: |ρ| < 0.3)."
	default:
		s += "."
	}
	return r, s
}

// correlation builds a finding from the Spearman correlation of xs and ys
// (see rankCorrelation); it agrees when the sign of ρ is the sign the
// literature expects (+1 or -1), and is n/a when ρ is undefined.
func correlation(what string, xs, ys []float64, wantSign int, literature string) Finding {
	r, statement := rankCorrelation(what, xs, ys)
	sign := "positive"
	if wantSign < 0 {
		sign = "negative"
	}
	f := Finding{
		Statement:  statement,
		Literature: literature,
		Agrees:     AgreesNA,
		Rule:       "yes if ρ is " + sign + ", else no; |ρ| < 0.3 is weak evidence either way",
		Value:      r,
	}
	if !math.IsNaN(r) {
		f.Agrees = agreeIf(r*float64(wantSign) > 0)
	}
	return f
}
