package runner

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"hw1/runner/results"
)

// What a run does with an experiment's folder.
type action int

const (
	actFresh   action = iota // nothing there: start
	actResume                // an unfinished run of the same run: continue it
	actSkip                  // a finished run of the same run: nothing to do
	actReplace               // --force: keep what is there aside, start anew
)

// plan is what the run does with one experiment's folder, and what it found.
type plan struct {
	act   action
	old   *results.Manifest // nil when there is none (or it cannot be read)
	aside string            // with actReplace, the folder to keep aside when not the run's own
}

// ReplacedDir is the folder, inside the results folder, where --force keeps
// the results it replaces, each as <experiment>-<UTC date and time>.
const ReplacedDir = ".replaced"

// inspect decides what to do with the folder of experiment name for cfg. A
// finished result is never replaced without --force: a folder holding a
// result of another profile, seed or configuration, or a manifest that
// cannot be read, is an *InputError that says what is there and how to go
// on. An unfinished run of the same profile, seed and configuration is
// resumed; a finished one is skipped when it covers this run's shard.
func (r *Runner) inspect(name string, cfg any) (plan, error) {
	if r.opts.SeedFolder {
		// The experiment's folder holds the seeds and their aggregate: a
		// single-seed result there would be overwritten by the aggregate.
		parent := r.ExperimentDir(name)
		old, err := results.ReadManifest(parent)
		var what string
		switch {
		case errors.Is(err, fs.ErrNotExist) && resultFiles(parent):
			what = "tables or figures without a manifest.json (not a result of this hw1)"
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			what = "a manifest.json that cannot be read (" + err.Error() + ")"
		case len(old.Seeds) == 0:
			what = describe(old) + " of a single seed, where a run of several seeds (--seeds) keeps its seed-<k>/ folders and their aggregate"
		case old.Profile != r.opts.Profile || old.Experiment != name || !results.SameConfig(old.Config, cfg):
			what = "the aggregate of seeds of another profile or configuration (" + describe(old) + ")"
		}
		if what != "" && r.opts.Force {
			return plan{act: actReplace, old: old, aside: parent}, nil
		}
		if what != "" {
			return plan{}, r.refuse(parent, what, err)
		}
	}
	dir := r.Dir(name)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return plan{act: actFresh}, nil
	case err != nil:
		return plan{}, &InputError{Path: dir, Problem: "cannot read the experiment's folder: " + err.Error(), Fix: "choose another folder with --out DIR", Err: err}
	case !info.IsDir():
		return plan{}, &InputError{Path: dir, Problem: "is a file where the experiment's folder should be", Fix: "move it away, or choose another folder with --out DIR"}
	}
	replace := func() (plan, error) { return plan{act: actReplace}, nil }
	old, err := results.ReadManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if !resultFiles(dir) {
			return plan{act: actFresh}, nil
		}
		if r.opts.Force {
			return replace()
		}
		return plan{}, r.refuse(dir, "tables or figures without a manifest.json (not a result of this hw1)", err)
	}
	if err != nil {
		if r.opts.Force {
			return replace()
		}
		return plan{}, r.refuse(dir, "a manifest.json that cannot be read ("+err.Error()+")", err)
	}
	if r.opts.Force {
		return plan{act: actReplace, old: old}, nil
	}
	if len(old.Seeds) > 0 {
		return plan{}, r.refuse(dir, fmt.Sprintf("the aggregate of a run of %d seeds (--seeds), not a single seed's result", len(old.Seeds)), nil)
	}
	if diff := r.differences(old, name, cfg); len(diff) > 0 {
		return plan{}, r.refuse(dir, describe(old)+", of another "+strings.Join(diff, " and "), nil)
	}
	if old.Status == results.StatusDone && covers(old.Shards, r.opts.Shard.String()) {
		return plan{act: actSkip, old: old}, nil
	}
	return plan{act: actResume, old: old}, nil
}

// refuse is the error for a folder whose content a run would replace.
func (r *Runner) refuse(dir, what string, err error) error {
	return &InputError{Path: dir, Problem: "holds " + what + "; hw1 never replaces a result unasked",
		Fix: fmt.Sprintf("write elsewhere with --out DIR, or pass --force to keep it aside in %s and run anew",
			filepath.Join(r.opts.Out, ReplacedDir)), Err: err}
}

// differences names what differs between the run in a manifest and this
// one: experiment, profile, seed, configuration.
func (r *Runner) differences(old *results.Manifest, name string, cfg any) []string {
	var diff []string
	if old.Experiment != name {
		diff = append(diff, fmt.Sprintf("experiment (%q)", old.Experiment))
	}
	if old.Profile != r.opts.Profile {
		diff = append(diff, fmt.Sprintf("profile (%s, not %s)", old.Profile, r.opts.Profile))
	}
	if old.Seed != r.opts.Seed {
		diff = append(diff, fmt.Sprintf("seed (%d, not %d)", old.Seed, r.opts.Seed))
	}
	if len(diff) == 0 && !results.SameConfig(old.Config, cfg) {
		diff = append(diff, "configuration (other --set values)")
	}
	return diff
}

// describe is one line about the run of a manifest.
func describe(m *results.Manifest) string {
	s := fmt.Sprintf("a result of profile %s, seed %d, status %s, started %s", m.Profile, m.Seed, m.Status, m.Start.UTC().Format("2006-01-02 15:04 UTC"))
	if len(m.Shards) > 0 {
		s += ", shards " + strings.Join(m.Shards, ", ")
	}
	return s
}

// covers reports whether a finished run of shards (none: the whole run)
// holds the runs of shard (""; the whole run).
func covers(shards []string, shard string) bool {
	if len(shards) == 0 {
		return true
	}
	return shard != "" && slices.Contains(shards, shard)
}

// resumed is the manifest of the run that p continues, nil when p does not
// resume (a fresh run, or --force, which keeps the old result aside).
func resumed(p plan) *results.Manifest {
	if p.act != actResume {
		return nil
	}
	return p.old
}

// resumedShards are the shards a run of shard that resumes old holds when
// it finishes: the whole run for a plain run; else its shard and the shards
// old finished.
func resumedShards(old *results.Manifest, shard string) []string {
	if shard == "" {
		return nil
	}
	var out []string
	if old != nil && old.Status == results.StatusDone {
		out = append(out, old.Shards...)
	}
	if !slices.Contains(out, shard) {
		out = append(out, shard)
	}
	return out
}

// keepAside moves the experiment's folder dir into the results folder's
// ReplacedDir, under a dated name, and returns where it went.
func keepAside(out, dir string, now time.Time) (string, error) {
	label := filepath.Base(dir)
	if rel, err := filepath.Rel(out, dir); err == nil && !strings.HasPrefix(rel, "..") {
		label = strings.ReplaceAll(rel, string(filepath.Separator), "-") // e.g. grad-norm-seed-3
	}
	base := filepath.Join(out, ReplacedDir, label+"-"+now.UTC().Format("20060102-150405"))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return "", fmt.Errorf("keep the earlier result aside: %w", err)
	}
	dst := base
	for i := 1; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s.%d", base, i)
	}
	if err := os.Rename(dir, dst); err != nil {
		return "", fmt.Errorf("keep the earlier result aside: %w", err)
	}
	return dst, nil
}

// removeTempFiles removes the temporary files (.<name>.tmp*) of atomic
// writes that a killed run left in dir; the run holds the folder's lock, so
// no other writer owns them.
func removeTempFiles(dir string) error {
	tmps, err := filepath.Glob(filepath.Join(dir, ".*.tmp*"))
	if err != nil {
		return fmt.Errorf("clean up %s: %w", dir, err)
	}
	for _, f := range tmps {
		if err := os.Remove(f); err != nil {
			return fmt.Errorf("clean up %s: %w", dir, err)
		}
	}
	return nil
}
