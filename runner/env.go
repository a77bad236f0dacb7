package runner

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"hw1/graphs"
	"hw1/runner/results"
	"hw1/runner/table"
	"hw1/runner/tensorboard"
)

// Env is what an experiment gets from the runner: where to write, the seed,
// the session settings, the data, a logger, and the way to report progress.
// One Env serves one experiment run.
type Env struct {
	Ctx     context.Context
	Dir     string // OUT/<experiment>, or its seed-<k>/ folder in a multi-seed run
	Seed    int64
	Session graphs.SessionConfig
	Shard   Shard // sweeps run only the runs this shard owns
	Log     *slog.Logger

	data     *dataCache
	progress progressFactory
	// mu guards events and eventsErr: runs trained side by side (parallel)
	// write their scalars at once.
	mu        sync.Mutex
	events    map[string]*tensorboard.EventWriter // by run, its folder under tb/
	eventsErr error                               // an event file could not be opened
	tables    []string
	notes     []string
	// cores are the machine's cores not held by a running experiment
	// (nil: none to spare); SweepSideBySide runs extra runs on them.
	cores  *cores
	resume bool // the folder holds an unfinished run of this configuration
}

// Resume returns the table as an unfinished earlier run of the same
// configuration left it, so that a sweep can skip the runs it holds; or a new
// empty table with the schema's columns. A table there that cannot be read
// or does not match the schema is an error, not a table to start over: its
// rows are a result, and starting over would write over them.
func (e *Env) Resume(spec results.Table) (*table.Table, error) {
	if !e.resume {
		return spec.New(false), nil
	}
	path := filepath.Join(e.Dir, spec.File)
	t, err := table.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return spec.New(false), nil
	}
	if err == nil {
		err = spec.Check(t)
	}
	if err != nil {
		return nil, &InputError{Path: path, Problem: "cannot be resumed: " + err.Error(),
			Fix: "move it away, or pass --force to keep the folder aside and run anew"}
	}
	e.Log.Info("resuming", "table", spec.File, "rows", len(t.Rows))
	return t, nil
}

// WriteTable writes t as spec's file in the experiment's folder atomically,
// after checking it against the schema, and records it for the manifest.
// Experiments write each table as soon as it is complete, so an interrupted
// run keeps it.
func (e *Env) WriteTable(spec results.Table, t *table.Table) error {
	if err := spec.Check(t); err != nil {
		return fmt.Errorf("table does not match the schema (a bug in the experiment): %w", err)
	}
	if err := t.Write(filepath.Join(e.Dir, spec.File)); err != nil {
		return err
	}
	if !slices.Contains(e.tables, spec.File) {
		e.tables = append(e.tables, spec.File)
	}
	return nil
}

// TableOut is one table to write: its schema and its rows.
type TableOut struct {
	Spec results.Table
	Rows *table.Table
}

// WriteTables writes several tables with WriteTable, in order.
func (e *Env) WriteTables(outs ...TableOut) error {
	for _, o := range outs {
		if err := e.WriteTable(o.Spec, o.Rows); err != nil {
			return err
		}
	}
	return nil
}

// Note adds a line to the manifest's notes (a choice the experiment made
// that a reader should know, e.g. the training subset it picked).
func (e *Env) Note(format string, args ...any) {
	e.notes = append(e.notes, fmt.Sprintf(format, args...))
}

// Scalar writes a TensorBoard scalar. tag is RUN/METRIC, e.g.
// "mnist-depth/deep/test_acc": each run (the model, less the experiment's
// name) gets an event file of its own under the folder's tb/RUN/, with the
// metric as its tag, so that TensorBoard overlays the runs' curves of one
// metric in one chart (and the seeds', whose folders each have a tb/). An
// event file that could not be opened is not tried again.
func (e *Env) Scalar(tag string, step int64, v float64) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.eventsErr != nil {
		return e.eventsErr
	}
	run, metric := splitTag(tag)
	w, ok := e.events[run]
	if !ok {
		open := tensorboard.NewEventWriter
		if e.resume {
			open = tensorboard.ResumeEventWriter
		}
		var err error
		if w, err = open(filepath.Join(e.Dir, results.EventsDir, filepath.FromSlash(run))); err != nil {
			e.eventsErr = err
			return err
		}
		if e.events == nil {
			e.events = map[string]*tensorboard.EventWriter{}
		}
		e.events[run] = w
	}
	return w.Scalar(metric, step, v)
}

// splitTag splits RUN/METRIC at its last slash and drops an experiment's
// name at the start of RUN, which every run of the folder shares.
func splitTag(tag string) (run, metric string) {
	i := strings.LastIndex(tag, "/")
	if i < 0 {
		return "", tag
	}
	run, metric = tag[:i], tag[i+1:]
	if first, rest, ok := strings.Cut(run, "/"); ok {
		if _, known := results.Lookup(first); known {
			run = rest
		}
	} else if _, known := results.Lookup(run); known {
		run = ""
	}
	return run, metric
}

// flushEvents flushes every event file, so that a running TensorBoard sees
// what was written.
func (e *Env) flushEvents() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var errs []error
	for _, w := range e.events {
		errs = append(errs, w.Flush())
	}
	return errors.Join(errs...)
}

// close flushes and closes the event files.
func (e *Env) close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var errs []error
	for _, w := range e.events {
		errs = append(errs, w.Close())
	}
	return errors.Join(errs...)
}

// Canceled reports the context's error, wrapped as an interruption: nil
// while the run may go on.
func (e *Env) Canceled() error {
	if err := e.Ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrInterrupted, err)
	}
	return nil
}
