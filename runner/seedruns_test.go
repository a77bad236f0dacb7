package runner

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// suiteProbe is the experiments of a RunSuite test: each run records its
// start and end as "<experiment>/<seed> start|end", and runs act(name,
// seed) in between.
type suiteProbe struct {
	mu     sync.Mutex
	events []string
	act    func(name string, seed int64) error
}

func (p *suiteProbe) record(e string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.events = append(p.events, e)
}

func (p *suiteProbe) job(name string) Job {
	exp := &experiment[fakeConfig]{name: name, profiles: map[string]fakeConfig{"smoke": {Runs: 1}},
		run: func(env *Env, _ *fakeConfig) error {
			p.record(fmt.Sprintf("%s/%d start", name, env.Seed))
			defer p.record(fmt.Sprintf("%s/%d end", name, env.Seed))
			return p.act(name, env.Seed)
		}}
	return Job{Exp: exp, Cfg: &fakeConfig{Runs: 1}}
}

func (p *suiteProbe) index(e string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Index(p.events, e)
}

// suiteRun runs jobs a and b for seeds over a probe and returns the
// outcomes, the outcomes ended got per job and the order of the start
// calls.
func suiteRun(ctx context.Context, t *testing.T, p *suiteProbe, seeds []int64) ([][]Outcome, map[int][]Outcome, []string) {
	t.Helper()
	runners := quietRunner(t.TempDir()).SeedRunners(seeds)
	jobs := []Job{p.job("a"), p.job("b")}
	ended := map[int][]Outcome{}
	var starts []string
	var mu sync.Mutex
	out := RunSuite(ctx, jobs, runners,
		func(j, i int) { starts = append(starts, fmt.Sprintf("%d/%d", j, i)) },
		func(int, Outcome) {},
		func(j int, started []Outcome) {
			mu.Lock()
			defer mu.Unlock()
			if _, twice := ended[j]; twice {
				t.Errorf("job %d ended twice", j)
			}
			ended[j] = started
		})
	return out, ended, starts
}

// TestRunSuiteStartsNextSeedsOnFreeCores checks that the next experiment's
// seeds start while the last seed of one still runs: experiment a's last
// seed waits for b's first to start, which one experiment after the other
// would never do.
func TestRunSuiteStartsNextSeedsOnFreeCores(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("needs two cores: one seed per core")
	}
	p := &suiteProbe{}
	p.act = func(name string, seed int64) error {
		if name != "a" || seed != 3 {
			return nil
		}
		// A minute: long enough for any host, while one experiment after
		// the other would wait for ever.
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if p.index("b/1 start") >= 0 {
				return nil
			}
		}
		return fmt.Errorf("b's first seed did not start while a's last seed ran")
	}
	out, ended, _ := suiteRun(context.Background(), t, p, []int64{1, 2, 3})
	for j, runs := range out {
		if len(runs) != 3 {
			t.Fatalf("job %d: %d outcomes, want 3", j, len(runs))
		}
		for i, o := range runs {
			if o.Err != nil || o.Status != "done" {
				t.Errorf("job %d seed %d: %s %v", j, i+1, o.Status, o.Err)
			}
			if want := fmt.Sprintf("seed-%d", i+1); !strings.HasSuffix(o.Dir, want) {
				t.Errorf("job %d outcome %d is of %s, want seed order", j, i, o.Dir)
			}
		}
		if len(ended[j]) != 3 {
			t.Errorf("job %d ended with %d outcomes, want 3", j, len(ended[j]))
		}
	}
}

// TestRunSuiteOneSeedOneJobAtATime checks that a single seed runs its
// experiments one after the other: each holds every core.
func TestRunSuiteOneSeedOneJobAtATime(t *testing.T) {
	p := &suiteProbe{act: func(string, int64) error { time.Sleep(20 * time.Millisecond); return nil }}
	out, ended, _ := suiteRun(context.Background(), t, p, []int64{1})
	if len(out) != 2 || len(out[0]) != 1 || len(out[1]) != 1 || len(ended) != 2 {
		t.Fatalf("outcomes %v, ended %v: want one run and one end per job", out, ended)
	}
	if want := []string{"a/1 start", "a/1 end", "b/1 start", "b/1 end"}; !slices.Equal(p.events, want) {
		t.Errorf("events %q, want %q", p.events, want)
	}
}

// TestRunSuiteInterruptStartsNothing checks that after an interrupt no run
// starts and a job none of whose runs started does not end, while the
// runs under way end and their job reports them.
func TestRunSuiteInterruptStartsNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &suiteProbe{}
	p.act = func(name string, seed int64) error {
		if name == "a" && seed == 1 {
			cancel()
			return nil
		}
		// Any other run waits for the interrupt: on a loaded host it could
		// otherwise end before seed 1 cancels, and free its core for a
		// third run that the check below would count against the suite.
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
		return nil
	}
	out, ended, starts := suiteRun(ctx, t, p, []int64{1, 2, 3})
	if len(out[1]) != 0 {
		t.Errorf("b ran %d seeds after the interrupt", len(out[1]))
	}
	if _, ok := ended[1]; ok {
		t.Error("b ended though none of its runs started")
	}
	// Seed 1 of a, and seed 2 if it started before the interrupt.
	if len(out[0]) < 1 || len(out[0]) > min(2, runtime.NumCPU()) || len(ended[0]) != len(out[0]) {
		t.Errorf("a: %d outcomes, %d ended; starts %v", len(out[0]), len(ended[0]), starts)
	}
}
