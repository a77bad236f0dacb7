package runner

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hw1/runner/results"
)

// sweepProbe is a SweepWorker of min-ratio's table that counts the runs
// going at once and its workers, and fails or panics at the runs asked.
type sweepProbe struct {
	running, most, made, closed atomic.Int32
	failAt, panicAt             int
	errBad                      error
	mu                          sync.Mutex
	ran                         []int
}

func newSweepProbe() *sweepProbe {
	return &sweepProbe{failAt: -1, panicAt: -1, errBad: errors.New("run failed")}
}

func (p *sweepProbe) newWorker() (SweepWorker, error) {
	p.made.Add(1)
	return &sweepProbeWorker{p}, nil
}

type sweepProbeWorker struct{ p *sweepProbe }

func (w *sweepProbeWorker) Run(k int) (results.Row, error) {
	p := w.p
	n := p.running.Add(1)
	defer p.running.Add(-1)
	for m := p.most.Load(); n > m && !p.most.CompareAndSwap(m, n); m = p.most.Load() {
	}
	time.Sleep(20 * time.Millisecond)
	p.mu.Lock()
	p.ran = append(p.ran, k)
	p.mu.Unlock()
	switch k {
	case p.failAt:
		return nil, p.errBad
	case p.panicAt:
		panic("probe")
	}
	return results.Row{results.ColRun: k, results.ColLoss: 0.5, results.ColGradNorm: 1e-5, results.ColMinRatio: 0.25,
		results.ColMinEigenvalue: -1.0, results.ColMaxEigenvalue: 2.0, results.ColNearZero: 3, results.ColSteps: 10,
		results.ColRefineSteps: 2, results.ColReached: true, results.ColMinRatioClear: 0.5, results.ColTolerance: 1e-6,
		results.ColHessianError: 1e-9}, nil
}

func (w *sweepProbeWorker) Close() error { w.p.closed.Add(1); return nil }

func sweepKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = strconv.Itoa(i)
	}
	return keys
}

// sweepEnv is a test Env holding one of n cores, as Runner.Run leaves it.
func sweepEnv(t *testing.T, n int) *Env {
	env := testEnv(t)
	env.cores = newCores(n)
	if !env.cores.take(context.Background()) {
		t.Fatal("no core to take")
	}
	return env
}

func TestSweepSideBySideRunsOnTheSpareCoresInKeyOrder(t *testing.T) {
	for _, c := range []struct {
		name       string
		cores      int
		sideBySide bool
		want       int32
	}{
		{"side by side, 2 cores", 2, true, 2},
		{"side by side, 3 cores", 3, true, 3},
		{"side by side, no spare core", 1, true, 1},
		{"Sweep, 2 cores", 2, false, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			env, p := sweepEnv(t, c.cores), newSweepProbe()
			var err error
			if c.sideBySide {
				err = env.SweepSideBySide(results.MinRatioPoints, sweepKeys(8), p.newWorker)
			} else {
				err = env.sweep(results.MinRatioPoints, sweepKeys(8), false, p.newWorker)
			}
			if err != nil {
				t.Fatal(err)
			}
			if m := p.most.Load(); m != c.want {
				t.Errorf("at most %d runs went at once, want %d", m, c.want)
			}
			if p.made.Load() != c.want || p.closed.Load() != c.want {
				t.Errorf("%d workers made, %d closed; want %d each", p.made.Load(), p.closed.Load(), c.want)
			}
			runs, _ := readTable(t, env, results.MinRatioPoints).Strings("run")
			if !slices.Equal(runs, sweepKeys(8)) {
				t.Errorf("table holds runs %v, want them all in key order", runs)
			}
			if n := len(env.cores.free); n != c.cores-1 {
				t.Errorf("%d cores free after the sweep, want %d (the spare ones given back)", n, c.cores-1)
			}
		})
	}
}

// A failed run ends the sweep with its error; the runs that finished keep
// their rows, and no run starts after the failure is known.
func TestSweepSideBySideKeepsTheFinishedRunsOfAFailedSweep(t *testing.T) {
	env, p := sweepEnv(t, 2), newSweepProbe()
	p.failAt = 3
	err := env.SweepSideBySide(results.MinRatioPoints, sweepKeys(20), p.newWorker)
	if !errors.Is(err, p.errBad) {
		t.Fatalf("err = %v, want the failure of run 3", err)
	}
	runs, _ := readTable(t, env, results.MinRatioPoints).Strings("run")
	if slices.Contains(runs, "3") || len(runs) != len(p.ran)-1 {
		t.Errorf("table holds runs %v of the runs %v: want every run but the failed one", runs, p.ran)
	}
	// Two at a time: run 3 fails among the first five started, and at most
	// one more starts while it fails.
	if len(p.ran) > 6 {
		t.Errorf("%d runs went (%v), want no new run after the failure", len(p.ran), p.ran)
	}
}

func TestSweepSideBySideTurnsAPanicIntoAnError(t *testing.T) {
	env, p := sweepEnv(t, 2), newSweepProbe()
	p.panicAt = 1
	err := env.SweepSideBySide(results.MinRatioPoints, sweepKeys(4), p.newWorker)
	if err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("err = %v, want an internal error from the panic", err)
	}
	if n := len(env.cores.free); n != 1 {
		t.Errorf("%d cores free after a panic, want 1", n)
	}
}

func TestSweepSideBySideStopsWhenInterrupted(t *testing.T) {
	env, p := sweepEnv(t, 2), newSweepProbe()
	ctx, cancel := context.WithCancel(context.Background())
	env.Ctx = ctx
	var once sync.Once
	err := env.SweepSideBySide(results.MinRatioPoints, sweepKeys(40), func() (SweepWorker, error) {
		once.Do(cancel)
		return p.newWorker()
	})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	runs, _ := readTable(t, env, results.MinRatioPoints).Strings("run")
	if len(runs) != len(p.ran) || len(runs) > 2 {
		t.Errorf("table holds runs %v of %v: want the runs under way at the interrupt, and no more", runs, p.ran)
	}
}
