package runner

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestParallelRunsEveryCallAtMostWorkersAtOnce(t *testing.T) {
	var running, most atomic.Int32
	var mu sync.Mutex
	seen := map[int]int{}
	err := parallel(9, 2, func(i int) error {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		// The first call waits for a second to start, so that two run at
		// once however slow the host; a parallel that never starts a
		// second ends the wait after a minute and fails below.
		for deadline := time.Now().Add(time.Minute); i == 0 && most.Load() < 2 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		mu.Lock()
		seen[i]++
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 9 {
		if seen[i] != 1 {
			t.Errorf("work(%d) called %d times, want once", i, seen[i])
		}
	}
	if m := most.Load(); m != 2 {
		t.Errorf("at most %d calls ran at once, want 2 (the workers)", m)
	}
}

func TestParallelReturnsTheFirstErrorAndStopsStarting(t *testing.T) {
	var calls atomic.Int32
	errBad := errors.New("bad")
	err := parallel(50, 1, func(i int) error {
		calls.Add(1)
		if i == 3 {
			return errBad
		}
		return nil
	})
	if !errors.Is(err, errBad) {
		t.Fatalf("err = %v, want %v", err, errBad)
	}
	// One worker: calls 0-3, at most one more handed out as it failed.
	if n := calls.Load(); n > 5 {
		t.Errorf("%d calls after the failure of the 4th, want at most 5", n)
	}
}

func TestParallelTurnsAPanicIntoAnError(t *testing.T) {
	err := parallel(3, 2, func(i int) error {
		if i == 1 {
			panic("boom")
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v, want the panic's value", err)
	}
}
