//go:build !notf

package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"hw1/runner"
	"hw1/runner/registry"
	"hw1/runner/results"
)

func TestRoundEstimate(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{6200 * time.Millisecond, "6s"},
		{4*time.Minute + 16*time.Second, "4m20s"},
		{4 * time.Minute, "4m"},
		{37*time.Minute + 20*time.Second, "37m"},
		{time.Hour + 36*time.Minute + 10*time.Second, "1h36m"},
		{2 * time.Hour, "2h"},
	} {
		if got := roundEstimate(c.d); got != c.want {
			t.Errorf("roundEstimate(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

// clockLine announces seed i of job j on s, whose writer is out, and
// checks the line it prints.
func clockLine(t *testing.T, s *suiteClock, out *bytes.Buffer, j, i int, name, want string) {
	t.Helper()
	out.Reset()
	s.next(j, i, name)
	if !strings.Contains(out.String(), want) {
		t.Errorf("announcing seed %d of %s: %q, want %q", i+1, name, out.String(), want)
	}
}

func TestSuiteClockScalesWhatIsLeftByWhatFinished(t *testing.T) {
	var out bytes.Buffer
	s := &suiteClock{w: &out, est: []time.Duration{10 * time.Minute, 20 * time.Minute, 30 * time.Minute, 40 * time.Minute},
		class: []string{"x", "x", "x", "y"}, seeds: 1, n: 4, mult: []float64{1, 1, 1, 1}, workers: 1,
		doneEst: map[string]time.Duration{}, doneTook: map[string]time.Duration{}}
	clockLine(t, s, &out, 0, 0, "a", "experiment 1 of 4: a; the suite has about 1h40m left")
	// a took twice its estimate: the 50 minutes left of its class become
	// 100; class y, with nothing finished, keeps its 40.
	s.finished(0, runner.Outcome{Status: results.StatusDone, Duration: 20 * time.Minute})
	clockLine(t, s, &out, 1, 0, "b", "experiment 2 of 4: b; the suite has about 2h20m left")
	// A skipped run leaves the scale as it was.
	s.finished(1, runner.Outcome{Status: "skipped"})
	clockLine(t, s, &out, 2, 0, "c", "experiment 3 of 4: c; the suite has about 1h40m left")
	// c took its estimate: class x has taken 50 minutes for 40 estimated,
	// which leaves class y's 40 as they are.
	s.finished(2, runner.Outcome{Status: results.StatusDone, Duration: 30 * time.Minute})
	clockLine(t, s, &out, 3, 0, "d", "experiment 4 of 4: d; the suite has about 40m left")
}

// With seeds side by side, a seed takes longer than alone: that is not a
// slow machine, and it must not scale what is left a second time.
func TestSuiteClockSeedsSideBySide(t *testing.T) {
	var out bytes.Buffer
	// Two seeds at once, each adding 0.8 of its time alone to the suite:
	// the suite takes 1.6 times a seed's estimate per job, and the suite's
	// last run, alone at the end, its whole time: 0.2 of b's 20 minutes
	// more.
	s := &suiteClock{w: &out, est: []time.Duration{10 * time.Minute, 20 * time.Minute},
		class: []string{"x", "x"}, seeds: 2, n: 4, mult: []float64{1.6, 1.6}, workers: 2,
		doneEst: map[string]time.Duration{}, doneTook: map[string]time.Duration{}}
	clockLine(t, s, &out, 0, 0, "a", "experiment 1 of 2: a, seed 1 of 2; the suite has about 52m left")
	// Side by side, each seed of a takes 2·0.8·10 = 16 minutes: just as
	// estimated, so b keeps its 20·1.6 + 4 = 36 minutes.
	for range 2 {
		s.finished(0, runner.Outcome{Status: results.StatusDone, Duration: 16 * time.Minute})
	}
	clockLine(t, s, &out, 1, 0, "b", "experiment 2 of 2: b, seed 1 of 2; the suite has about 36m left")
	// b's first seed took twice its 32 minutes: class x has now taken 96
	// minutes for 64, so b's second seed, 16 + 4 minutes of the suite, is
	// 30.
	s.finished(1, runner.Outcome{Status: results.StatusDone, Duration: 64 * time.Minute})
	clockLine(t, s, &out, 1, 1, "b", "experiment 2 of 2: b, seed 2 of 2; the suite has about 30m left")
}

// The printed estimate: each experiment's seeds at their shares, the last
// experiment with its last run alone, and the total their sum.
func TestSuiteClockPrintsSeedsEstimate(t *testing.T) {
	var out bytes.Buffer
	s := &suiteClock{w: &out, seeds: 2, n: 4, mult: []float64{1.6, 1.6}, workers: 2}
	est := []runner.Estimate{{Experiment: "a", Duration: 10 * time.Minute, Class: "x"}, {Experiment: "b", Duration: 20 * time.Minute, Class: "x", Custom: true}}
	s.setEstimates(est)
	s.print(est, runner.Calibration{Speed: map[string]float64{"x": 100}, Elapsed: 2 * time.Second})
	for _, want := range []string{
		"calibrated in 2s: x 100/s",
		"  a                      16m\n",
		"  b                      36m *\n", // 20·1.6, and 20·(1-0.8) for its last run alone
		"  total                  52m (2 seeds), ends about",
		"--set changed this configuration",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}

// A shard's estimate counts its own units of each experiment only: one
// seed of three takes one seed's time alone, not the three seeds'.
func TestSuiteClockOfAShardCountsItsUnits(t *testing.T) {
	r := runner.New(runner.Options{Profile: "quick", Quiet: true, Experiments: registry.New()})
	exp, cfg, err := r.Prepare(results.GradNorm)
	if err != nil {
		t.Fatal(err)
	}
	jobs := []runner.Job{{Exp: exp, Cfg: cfg}}
	one := r.Estimate(jobs, nil)[0].Duration
	all := newSuiteClock(context.Background(), io.Discard, r, "quick", jobs, 3, nil)
	shard := newSuiteClock(context.Background(), io.Discard, r, "quick", jobs, 3, []float64{1})
	if got := shard.total(); got != one {
		t.Errorf("a shard with 1 of 3 seeds: %s, want one seed's %s", got, one)
	}
	if all.total() <= shard.total() {
		t.Errorf("3 seeds %s, not more than a shard's one %s", all.total(), shard.total())
	}
}
