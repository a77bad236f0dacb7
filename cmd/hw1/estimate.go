//go:build !notf

package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"hw1/runner"
	"hw1/runner/results"
)

// longRun is the estimated time above which `hw1 run` calibrates its
// estimate and prints it before training (always for the full profile).
const longRun = 10 * time.Minute

// suiteClock tells the user what a run will cost: the estimate per
// experiment and in total before training, and, as each experiment starts,
// "experiment k of n" with the time the suite has left.
type suiteClock struct {
	w     io.Writer
	est   []time.Duration // per job, for one seed
	class []string        // per job, its speed class (runner.Estimate)
	seeds int
	// mult is the wall time of each job's seeds in units of one seed's
	// alone: the seeds run side by side (runner.SeedShare).
	mult []float64
	// workers is the number of runs at once (runner.RunSuite): each run
	// takes workers·mult/seeds times its time alone, as it shares the
	// machine with the others.
	workers int
	// the estimates and the times of the runs finished so far, by class
	doneEst, doneTook map[string]time.Duration
	n                 int // runs in all
}

// newSuiteClock estimates the jobs' times. A run estimated over longRun, or
// at the full profile, is calibrated first (a few seconds of timed steps)
// and its estimate printed.
func newSuiteClock(ctx context.Context, w io.Writer, r *runner.Runner, profile string, jobs []runner.Job, seeds int) *suiteClock {
	s := &suiteClock{w: w, seeds: seeds, n: len(jobs) * seeds, workers: min(seeds, runner.SeedWorkers()),
		doneEst: map[string]time.Duration{}, doneTook: map[string]time.Duration{}}
	for _, j := range jobs {
		m := float64(seeds) // one seed after the other
		if s.workers > 1 {
			m *= runner.SeedShare(j.Exp)
		}
		s.mult = append(s.mult, m)
	}
	est := r.Estimate(jobs, nil)
	s.setEstimates(est)
	if s.total() > longRun || profile == "full" {
		cal, err := r.Calibrate(ctx, jobs)
		if err != nil {
			fmt.Fprintf(s.w, "hw1: no time estimate: %v\n", err)
		} else {
			est = r.Estimate(jobs, &cal)
			s.setEstimates(est)
			s.print(est, cal)
		}
	}
	return s
}

// setEstimates takes the jobs' estimates, one seed's time alone each.
func (s *suiteClock) setEstimates(est []runner.Estimate) {
	s.est, s.class = nil, nil
	for _, e := range est {
		s.est = append(s.est, e.Duration)
		s.class = append(s.class, e.Class)
	}
}

// wall is the time job x adds to the suite when the first started of its
// seeds have started already: the others at their shares (mult). The suite's last
// run has no other beside it for most of its time, so with several seeds
// the last job also adds what that run takes alone beyond its share.
func (s *suiteClock) wall(x, started int) time.Duration {
	t := float64(s.est[x]) * s.mult[x] * (1 - float64(started)/float64(s.seeds))
	if x == len(s.est)-1 && s.workers > 1 {
		t += float64(s.est[x]) * (1 - s.mult[x]/float64(s.seeds))
	}
	return time.Duration(t)
}

// total is the suite's time.
func (s *suiteClock) total() time.Duration {
	var t time.Duration
	for x := range s.est {
		t += s.wall(x, 0)
	}
	return t
}

// print prints the time per experiment and in total.
func (s *suiteClock) print(est []runner.Estimate, cal runner.Calibration) {
	var speeds []string
	for class, v := range cal.Speed {
		speeds = append(speeds, fmt.Sprintf("%s %.0f/s", class, v))
	}
	sort.Strings(speeds)
	fmt.Fprintf(s.w, "hw1: estimated time on this machine (calibrated in %s: %s):\n", cal.Elapsed.Round(100*time.Millisecond), strings.Join(speeds, ", "))
	custom := false
	for x, e := range est {
		mark := ""
		if e.Custom {
			mark, custom = " *", true
		}
		fmt.Fprintf(s.w, "  %-17s %8s%s\n", e.Experiment, roundEstimate(s.wall(x, 0)), mark)
	}
	t := s.total()
	per := ""
	if s.seeds > 1 {
		per = fmt.Sprintf(" (%d seeds)", s.seeds)
	}
	fmt.Fprintf(s.w, "  %-17s %8s%s, ends about %s\n", "total", roundEstimate(t), per, time.Now().Add(t).Format("15:04"))
	if custom {
		fmt.Fprintln(s.w, "  * --set changed this configuration; the estimate is the profile's")
	}
}

// roundEstimate rounds an estimate to what it can claim: "1h36m", "37m",
// "4m20s", "6s".
func roundEstimate(d time.Duration) string {
	switch {
	case d >= 10*time.Minute:
		d = d.Round(time.Minute)
	case d >= time.Minute:
		d = d.Round(10 * time.Second)
	default:
		d = d.Round(time.Second)
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// next announces the next run, seed i of job j, with the suite's time left:
// the estimates of the runs still to go, each scaled by how the finished
// runs of its speed class compared with theirs (a class none of whose runs
// has finished keeps its calibrated estimate).
func (s *suiteClock) next(j, i int, name string) {
	if s.n < 2 {
		return
	}
	left := time.Duration(0)
	for x := j; x < len(s.est); x++ {
		started := 0
		if x == j { // the seeds of job j already started
			started = i
		}
		part := float64(s.wall(x, started))
		if e := s.doneEst[s.class[x]]; e > 0 {
			part *= float64(s.doneTook[s.class[x]]) / float64(e)
		}
		left += time.Duration(part)
	}
	what := fmt.Sprintf("experiment %d of %d: %s", j+1, len(s.est), name)
	if s.seeds > 1 {
		what += fmt.Sprintf(", seed %d of %d", i+1, s.seeds)
	}
	fmt.Fprintf(s.w, "hw1: %s; the suite has about %s left (ends about %s)\n",
		what, roundEstimate(left), time.Now().Add(left).Format("15:04"))
}

// finished records the end of a run of job j. Only a run that trained to
// its end scales the estimates of the others of its class: a skipped one (already done)
// took no time, an interrupted or failed one part of its time. Its time is
// set against what it takes beside the other runs, not alone: a seed side
// by side takes longer than alone, and the suite's estimate counts that
// once already, in mult.
func (s *suiteClock) finished(j int, o runner.Outcome) {
	if o.Status == results.StatusDone {
		s.doneEst[s.class[j]] += time.Duration(float64(s.est[j]) * s.mult[j] * float64(s.workers) / float64(s.seeds))
		s.doneTook[s.class[j]] += o.Duration
	}
}
