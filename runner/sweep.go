package runner

import (
	"fmt"
	"slices"
	"sync"

	"hw1/runner/results"
	"hw1/runner/table"
)

// SweepWorker runs the runs of a sweep one at a time (Env.SweepSideBySide);
// it may keep what its runs share, such as a model, between them.
type SweepWorker interface {
	// Run trains run k and returns its row, by column name.
	Run(k int) (results.Row, error)
	// Close releases what the worker holds; it is called once, when the
	// sweep ends.
	Close() error
}

// sweepFunc is a SweepWorker that keeps nothing between runs.
type sweepFunc func(k int) (results.Row, error)

func (f sweepFunc) Run(k int) (results.Row, error) { return f(k) }
func (f sweepFunc) Close() error                   { return nil }

// Sweep runs the runs of a sweep of independent runs into spec, a sweep
// table: keys are the runs' keys in sweep order, as the table's first column
// holds them, and run(k) trains run k and returns its row. Only the runs this
// shard owns run, and a run the table already holds (from an interrupted run
// of the same configuration) is skipped; the table is rewritten after every
// run, so an interrupt loses at most the run in progress. The runs go one
// after the other.
func (e *Env) Sweep(spec results.Table, keys []string, run func(k int) (results.Row, error)) error {
	return e.sweep(spec, keys, false, func() (SweepWorker, error) { return sweepFunc(run), nil })
}

// SweepSideBySide is Sweep for runs too small to use more than one core
// (small dense models, which run on one thread; graphs.Model): a run goes
// beside the others on every core that no other experiment holds, each on
// a worker of its own that newWorker makes when no idle one is left. The
// table is the one Sweep writes: the runs are independent, and the rows
// stand in key order. After a failed run no further run starts; the runs
// already under way finish, and their rows are kept.
func (e *Env) SweepSideBySide(spec results.Table, keys []string, newWorker func() (SweepWorker, error)) error {
	return e.sweep(spec, keys, true, newWorker)
}

func (e *Env) sweep(spec results.Table, keys []string, sideBySide bool, newWorker func() (SweepWorker, error)) error {
	if !spec.Sweep {
		return fmt.Errorf("%s is not a sweep table in the schema", spec.File)
	}
	t, err := e.Resume(spec)
	if err != nil {
		return err
	}
	done, err := t.Strings(spec.Columns[0].Name)
	if err != nil {
		return err
	}
	if err := e.WriteTable(spec, t); err != nil {
		return err
	}
	var todo []int
	for k, key := range keys {
		if e.Shard.Owns(k) && !slices.Contains(done, key) {
			todo = append(todo, k)
		}
	}
	s := &sweepRuns{env: e, spec: spec, keys: keys, t: t, newWorker: newWorker}
	defer s.close()
	return e.SideBySide(len(todo), sideBySide, func(i int) error { return s.run(todo[i]) })
}

// sweepRuns is the state of a sweep whose runs may go side by side: the
// table and the workers. mu guards them.
type sweepRuns struct {
	env       *Env
	spec      results.Table
	keys      []string
	newWorker func() (SweepWorker, error)

	mu      sync.Mutex
	t       *table.Table
	idle    []SweepWorker
	workers []SweepWorker
}

// run takes an idle worker (or makes one), runs run k on it, and adds the
// row to the table and writes it.
func (s *sweepRuns) run(k int) error {
	w, err := s.worker()
	if err != nil {
		return err
	}
	row, err := w.Run(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.idle = append(s.idle, w)
	if err != nil {
		return err
	}
	if err := s.spec.Append(s.t, row); err != nil {
		return err
	}
	inSweepOrder(s.t, s.keys)
	return s.env.WriteTable(s.spec, s.t)
}

// worker returns an idle worker, or a new one.
func (s *sweepRuns) worker() (SweepWorker, error) {
	s.mu.Lock()
	if n := len(s.idle); n > 0 {
		w := s.idle[n-1]
		s.idle = s.idle[:n-1]
		s.mu.Unlock()
		return w, nil
	}
	s.mu.Unlock()
	w, err := s.newWorker()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.workers = append(s.workers, w)
	s.mu.Unlock()
	return w, nil
}

// close closes every worker once the runs are over; a worker that cannot
// close is logged, as the rows are written already.
func (s *sweepRuns) close() {
	for _, w := range s.workers {
		if err := w.Close(); err != nil {
			s.env.Log.Warn("sweep worker did not close", "table", s.spec.File, "err", err)
		}
	}
}

// inSweepOrder orders the rows of a sweep table as keys orders their keys
// (rows of other keys last), so that a table a resumed run completes (after
// a shard, say) reads as one run's.
func inSweepOrder(t *table.Table, keys []string) {
	pos := make(map[string]int, len(keys))
	for i, k := range keys {
		pos[k] = i
	}
	at := func(r []string) int {
		if i, ok := pos[r[0]]; ok {
			return i
		}
		return len(keys)
	}
	slices.SortStableFunc(t.Rows, func(a, b []string) int { return at(a) - at(b) })
}
