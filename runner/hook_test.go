package runner

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hw1/graphs"
	"hw1/runner/tensorboard"
)

// recorder is a hook that logs every call it gets, as "name:what".
type recorder struct {
	name string
	log  *[]string
}

func (r recorder) Name() string    { return r.name }
func (r recorder) EveryStep() bool { return false }
func (r recorder) End()            { *r.log = append(*r.log, r.name+":end") }
func (r recorder) AfterStep(s Step) error {
	*r.log = append(*r.log, fmt.Sprintf("%s:step%d", r.name, s.Step))
	return nil
}
func (r recorder) AfterEpoch(ep Epoch) error {
	*r.log = append(*r.log, fmt.Sprintf("%s:epoch%d", r.name, ep.Epoch))
	return nil
}

// tinyFit is a Fit of the small sinc model: 50 examples in batches of 25,
// two steps per epoch.
func tinyFit(t *testing.T, env *Env, epochs int, hooks ...Hook) Fit {
	t.Helper()
	m, ds := loopModel(t, env, graphs.Optimizer{Kind: graphs.Adam, LR: 0.01})
	return Fit{Name: "tiny", Model: m, Train: ds, Epochs: epochs, BatchSize: 25, Seed: 2, Hooks: hooks}
}

func epochsOf(hist []Epoch) []int {
	var out []int
	for _, ep := range hist {
		out = append(out, ep.Epoch)
	}
	return out
}

// TestFitHookOrder: every step reaches the hooks in the Fit's order, then
// every evaluated epoch, then the end; and Env.Fit's own TensorBoard hook
// has written an epoch before the Fit's hooks see it.
func TestFitHookOrder(t *testing.T) {
	env := testEnv(t)
	var log []string
	tbSeen := 0
	tb := OnEpoch("read-tensorboard", func(ep Epoch) error {
		files, err := filepath.Glob(filepath.Join(env.Dir, "tb", "tiny", "*tfevents*"))
		if err != nil || len(files) != 1 {
			return fmt.Errorf("event files %v (%v)", files, err)
		}
		s, err := tensorboard.ReadScalars(files[0])
		if err != nil {
			return err
		}
		if len(s) > 0 && s[len(s)-1].Step == int64(ep.Epoch) && s[len(s)-1].Tag == "train_loss" {
			tbSeen++
		}
		return nil
	})
	_, err := env.Fit(tinyFit(t, env, 2, recorder{"a", &log}, tb, recorder{"b", &log}))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a:step1", "b:step1", "a:step2", "b:step2", "a:epoch1", "b:epoch1",
		"a:step3", "b:step3", "a:step4", "b:step4", "a:epoch2", "b:epoch2", "a:end", "b:end"}
	if !slices.Equal(log, want) {
		t.Errorf("hook calls\n%v\nwant\n%v", log, want)
	}
	if tbSeen != 2 {
		t.Errorf("TensorBoard held the epoch's train_loss before the Fit's hooks ran at %d of 2 epochs", tbSeen)
	}
}

// TestFitStop: early stopping ends training after the epoch it says, without
// error and without calling the epoch hooks after it; ErrStop from a hook
// that needs every step ends it at that very step, whose epoch is then
// evaluated as the last one.
func TestFitStop(t *testing.T) {
	env := testEnv(t)
	var log []string
	hist, err := env.Fit(tinyFit(t, env, 10, StopWhen("stop", func(ep Epoch) bool { return ep.Epoch == 3 }), recorder{"after", &log}))
	if err != nil {
		t.Fatal(err)
	}
	if got := epochsOf(hist); !slices.Equal(got, []int{1, 2, 3}) || slices.Contains(log, "after:epoch3") || !slices.Contains(log, "after:epoch2") {
		t.Errorf("stopped at epoch 3: evaluated %v, hook after the stop saw %v", got, log)
	}

	hist, err = env.Fit(tinyFit(t, env, 10, OnStep("stop", func(s Step) error {
		if s.Step == 7 {
			return fmt.Errorf("enough: %w", ErrStop)
		}
		return nil
	})))
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 4 || hist[3].Epoch != 4 || hist[3].Steps != 7 {
		t.Errorf("stopped at step 7 (epoch 4): evaluated %+v, want epochs 1 to 4, the last after 7 steps", hist)
	}
}

// scheduleAt evaluates the epochs it lists.
type scheduleAt []int

func (scheduleAt) Name() string               { return "at" }
func (s scheduleAt) Evaluates(epoch int) bool { return slices.Contains(s, epoch) }

// budget is a step limit of its own name.
type budget int

func (budget) Name() string     { return "budget" }
func (b budget) StepLimit() int { return int(b) }

// TestFitSchedule: the evaluated epochs are those any scheduler asks for,
// and the last; without a scheduler, every epoch; the smallest step
// budget ends training in the epoch it runs out, evaluated as the last.
func TestFitSchedule(t *testing.T) {
	env := testEnv(t)
	for _, c := range []struct {
		name  string
		every int
		max   int
		hooks []Hook
		want  []int
	}{
		{"every epoch", 0, 0, nil, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"every third", 3, 0, nil, []int{3, 6, 9, 10}},
		{"every third and the fifth", 3, 0, []Hook{scheduleAt{5}}, []int{3, 5, 6, 9, 10}},
		{"the fifth only", 0, 0, []Hook{scheduleAt{5}}, []int{5, 10}},
		{"budget of 9 steps", 4, 9, nil, []int{4, 5}},
		{"budget of 9 steps as a hook", 4, 0, []Hook{MaxSteps(9)}, []int{4, 5}},
		{"budgets of 12 and 9 steps", 4, 12, []Hook{budget(9)}, []int{4, 5}},
	} {
		f := tinyFit(t, env, 10, c.hooks...)
		f.EvalEvery, f.MaxSteps = c.every, c.max
		hist, err := env.Fit(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := epochsOf(hist); !slices.Equal(got, c.want) {
			t.Errorf("%s: evaluated epochs %v, want %v", c.name, got, c.want)
		}
		if strings.HasPrefix(c.name, "budget") && hist[len(hist)-1].Steps != 9 {
			t.Errorf("%s: %d steps taken, want 9", c.name, hist[len(hist)-1].Steps)
		}
	}
}

// TestFitHookError: an error from a hook ends training with an error that
// names the run and the hook and wraps the hook's own; hooks without a
// name of their own are refused before training.
func TestFitHookError(t *testing.T) {
	env := testEnv(t)
	bad := errors.New("disk full")
	hist, err := env.Fit(tinyFit(t, env, 5, OnEpoch("rows", func(ep Epoch) error {
		if ep.Epoch == 2 {
			return bad
		}
		return nil
	})))
	if !errors.Is(err, bad) || !strings.Contains(err.Error(), "tiny: rows hook at epoch 2") || len(hist) != 2 {
		t.Errorf("error %v after %d epochs; want one naming run tiny and hook rows at epoch 2, wrapping %v, after 2", err, len(hist), bad)
	}
	_, err = env.Fit(tinyFit(t, env, 5, WatchSteps("curves", func(Step) error { return bad })))
	if !errors.Is(err, bad) || !strings.Contains(err.Error(), "curves hook at epoch 1 step 1") {
		t.Errorf("step hook error %v, want one naming hook curves at step 1", err)
	}
	for _, hooks := range [][]Hook{{OnEpoch("x", nil), OnEpoch("x", nil)}, {OnEpoch("progress", nil)}, {OnEpoch("", nil)}} {
		if _, err := env.Fit(tinyFit(t, env, 1, hooks...)); err == nil || !strings.Contains(err.Error(), "name of its own") {
			t.Errorf("hooks named %q, %v: error %v, want a refusal", hooks[0].Name(), len(hooks), err)
		}
	}
}

// TestHooksThatWatchKeepSeveralStepsPerRun: only a step hook that must see
// every step makes a Fit take one step per TensorFlow run.
func TestHooksThatWatchKeepSeveralStepsPerRun(t *testing.T) {
	env := testEnv(t)
	watch := func(Step) error { return nil }
	for _, c := range []struct {
		hooks []Hook
		every bool
	}{
		{[]Hook{env.progressHook("x", 1), env.tensorBoardHook("x"), WatchSteps("w", watch), EvalEvery(2), MaxSteps(3)}, false},
		{[]Hook{env.progressHook("x", 1), OnStep("o", watch)}, true},
	} {
		h, err := groupHooks(c.hooks)
		if err != nil {
			t.Fatal(err)
		}
		if h.everyStep != c.every {
			t.Errorf("hooks %v: every step %v, want %v", c.hooks, h.everyStep, c.every)
		}
	}
}
