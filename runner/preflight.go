package runner

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"hw1/runner/data"
)

// Job is one experiment with its resolved configuration, as Prepare gives it.
type Job struct {
	Exp Experiment
	Cfg any
}

// CheckInput checks what the jobs read before any of them trains, in the
// order a user fixes them: every configuration value, then every dataset
// (present, complete, consistent: it is read in full and kept for the run).
// Errors are *config.UsageError or *InputError.
func (r *Runner) CheckInput(jobs []Job) error {
	for _, j := range jobs {
		if err := j.Exp.Check(j.Cfg); err != nil {
			return err
		}
	}
	for _, j := range jobs {
		for _, name := range j.Exp.Datasets(j.Cfg) {
			if err := r.checkData(name); err != nil {
				return fmt.Errorf("%s needs %s: %w", j.Exp.Name(), name, err)
			}
		}
	}
	return nil
}

// CheckFolders checks that no experiment folder of the jobs holds a result
// the run would have to replace without --force (see inspect); errors are
// *InputError. The caller holds the results folder's lock (LockOut), so
// that the folders do not change between the check and the run.
func (r *Runner) CheckFolders(jobs []Job) error {
	for _, j := range jobs {
		if _, err := r.inspect(j.Exp.Name(), j.Cfg); err != nil {
			return err
		}
	}
	return nil
}

// checkData reads the named dataset in full (the runner keeps it for the
// experiments), so that a missing, truncated or inconsistent file stops the
// run before anything trains.
func (r *Runner) checkData(name string) error {
	_, _, err := r.data.load(name, r.opts.Log)
	if err == nil {
		return nil
	}
	var missing *data.MissingError
	if errors.As(err, &missing) {
		return &InputError{Path: missing.Dir, Problem: "no dataset here (" + err.Error() + ")",
			Fix: "pass --data DIR with the four MNIST files or Kaggle's CSV pair", Err: err}
	}
	return &InputError{Path: r.data.dirOf(name), Problem: err.Error(),
		Fix: "fetch the files again with 'make data' (or pass --data DIR with complete MNIST-format files)", Err: err}
}

// CheckWritable makes sure that dir is a folder this process can write:
// it creates it if needed and writes and removes a probe file. Nothing is
// left behind when it cannot.
func CheckWritable(dir string) error {
	const fix = "choose a folder you can write with --out DIR"
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return &InputError{Path: dir, Problem: "is a file, not a folder", Fix: fix}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &InputError{Path: dir, Problem: "cannot create the output folder: " + err.Error(), Fix: fix, Err: err}
	}
	f, err := os.CreateTemp(dir, ".hw1-probe-*")
	if err != nil {
		return &InputError{Path: dir, Problem: "cannot write in the output folder: " + err.Error(), Fix: fix, Err: err}
	}
	_, werr := f.Write([]byte("hw1\n"))
	werr = errors.Join(werr, f.Sync(), f.Close(), os.Remove(f.Name()))
	if werr != nil {
		return &InputError{Path: dir, Problem: "cannot write in the output folder: " + werr.Error(), Fix: fix, Err: werr}
	}
	return nil
}

// resultFiles reports whether dir holds files of a result (tables, figures,
// events) even without a manifest.
func resultFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(entries, func(e os.DirEntry) bool {
		ext := filepath.Ext(e.Name())
		return e.Name() == "tb" || ext == ".csv" || ext == ".png" || ext == ".svg"
	})
}
