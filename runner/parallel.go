package runner

import (
	"fmt"
	"sync"
)

// parallel calls work(0), ..., work(n-1), at most workers at a time, and
// returns the error of the first call (in index order) that failed; after a
// failure it starts no further call. It runs the seeds of a multi-seed run
// side by side (RunSuite): each keeps its session settings and gives the
// same numbers as alone. (Within an experiment, runs go side by side on the
// cores it may use: Env.sideBySide.) work must touch no state it shares
// with the other calls unguarded; Env's scalars and progress are safe.
func parallel(n, workers int, work func(i int) error) error {
	if workers < 1 {
		workers = 1
	}
	errs := make([]error, n)
	next := make(chan int)
	failed := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if errs[i] = protected(i, work); errs[i] != nil {
					once.Do(func() { close(failed) })
				}
			}
		}()
	}
dispatch:
	for i := range n {
		select {
		case next <- i:
		case <-failed:
			break dispatch
		}
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// protected calls work(i) and turns a panic into an error, as Runner.protect
// does for a whole experiment: a panic in a goroutine of parallel would end
// the process.
func protected(i int, work func(i int) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error (please report): %v", p)
		}
	}()
	return work(i)
}
