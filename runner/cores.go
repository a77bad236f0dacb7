package runner

import (
	"context"
	"sync"
)

// cores is the machine's cores as a budget that the experiments of one
// process share: each experiment holds one while it runs (Runner.Run), and
// the runs of an experiment too small to use two cores go side by side on
// the free ones (Env.SideBySide, Env.SweepSideBySide). So a single
// min-ratio uses both cores, while seeds side by side each keep to their
// own; a core a finished seed frees goes to whichever waits for one first,
// the next seed or the next run of a seed still running. A nil *cores has
// no core to spare.
type cores struct {
	free chan struct{}
}

// newCores returns a budget of n free cores.
func newCores(n int) *cores {
	c := &cores{free: make(chan struct{}, max(n, 1))}
	for range cap(c.free) {
		c.free <- struct{}{}
	}
	return c
}

// take waits for a free core and reports whether it got one: false once
// ctx is done, or for a nil budget.
func (c *cores) take(ctx context.Context) bool {
	if c == nil {
		return false
	}
	select {
	case <-c.free:
		return true
	case <-ctx.Done():
		return false
	}
}

// give returns a core that take or the channel of spare gave.
func (c *cores) give() { c.free <- struct{}{} }

// spare is the channel a free core is received from, to wait for one
// beside other events; nil (never ready) for a nil budget.
func (c *cores) spare() <-chan struct{} {
	if c == nil {
		return nil
	}
	return c.free
}

// SideBySide calls work(0), …, work(n-1): one at a time on the core the
// experiment holds, and, if spare, one more at once on every spare core of
// e.cores that is free as a call starts. Calls are started in index order;
// after a failed call or an interrupt no further call starts. It waits for
// the calls under way and returns the error of the first failed call in
// index order, or else the interrupt's. A panic in work is a failed call.
// work must touch no state it shares with the other calls unguarded.
func (e *Env) SideBySide(n int, spare bool, work func(i int) error) error {
	own := make(chan struct{}, 1)
	own <- struct{}{}
	var extra <-chan struct{}
	if spare {
		extra = e.cores.spare()
	}
	errs := make([]error, n)
	var mu sync.Mutex
	failed := false
	var wg sync.WaitGroup
	var stop error
	for i := range n {
		var give func()
		select {
		case <-own:
			give = func() { own <- struct{}{} }
		case <-extra:
			give = e.cores.give
		case <-e.Ctx.Done():
		}
		mu.Lock()
		quit := failed
		mu.Unlock()
		if stop = e.Canceled(); stop != nil || quit {
			if give != nil {
				give()
			}
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer give()
			if err := protected(i, work); err != nil {
				mu.Lock()
				errs[i], failed = err, true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return stop
}
