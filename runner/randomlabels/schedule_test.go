package randomlabels

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/runnertest"
)

// TestPlateauSchedule feeds a run of training accuracies to the schedule:
// it decays only once patience epochs bring no new best, counts the
// patience again from the decay, stops at the floor, and evaluations every
// second epoch count epochs, not evaluations.
func TestPlateauSchedule(t *testing.T) {
	type obs struct {
		epoch int
		acc   float64
		lr    float64 // want after the observation
	}
	cases := []struct {
		name  string
		sched *plateauSchedule
		obs   []obs
		drops string
	}{
		{"decays on a stall, again after patience, not below the floor", newPlateauSchedule(1e-3, 0.1, 3, 5e-5), []obs{
			{1, 0.5, 1e-3}, {2, 0.6, 1e-3}, {3, 0.55, 1e-3}, {4, 0.6, 1e-3}, // 0.6 again is no new best
			{5, 0.59, 1e-4}, // 3 epochs since epoch 2's best
			{6, 0.58, 1e-4}, {7, 0.58, 1e-4},
			{8, 0.58, 5e-5}, // 3 epochs since the decay: floor
			{20, 0.5, 5e-5},
		}, "0.0001 after epoch 5, 5e-05 after epoch 8"},
		{"new bests keep the rate", newPlateauSchedule(1e-3, 0.5, 2, 0), []obs{
			{1, 0.1, 1e-3}, {2, 0.2, 1e-3}, {3, 0.3, 1e-3}, {4, 0.4, 1e-3}, {5, 0.4, 1e-3}, {6, 0.41, 1e-3},
		}, "never decayed"},
		{"patience in epochs with every second epoch evaluated", newPlateauSchedule(1e-3, 0.1, 4, 0), []obs{
			{2, 0.5, 1e-3}, {4, 0.4, 1e-3}, {6, 0.45, 1e-4},
		}, "0.0001 after epoch 6"},
		{"factor 0 is constant", newPlateauSchedule(1e-3, 0, 1, 0), []obs{
			{1, 0.5, 1e-3}, {2, 0.4, 1e-3}, {3, 0.3, 1e-3},
		}, "never decayed"},
	}
	for _, c := range cases {
		for _, o := range c.obs {
			lr, _ := c.sched.observe(o.epoch, o.acc)
			if !closeEnough(lr, o.lr) {
				t.Errorf("%s: after epoch %d (accuracy %v) lr %g, want %g", c.name, o.epoch, o.acc, lr, o.lr)
			}
		}
		if got := c.sched.history(); !strings.Contains(got, c.drops) {
			t.Errorf("%s: history %q, want it to contain %q", c.name, got, c.drops)
		}
	}
}

func closeEnough(a, b float64) bool { return a == b || (a-b)*(a-b) < 1e-30 }

// TestCheckPlateau requires every bad schedule setting to be named.
func TestCheckPlateau(t *testing.T) {
	if err := checkPlateau(0.1, 10, 1e-6); err != nil {
		t.Errorf("good settings: %v", err)
	}
	if err := checkPlateau(0, 0, 0); err != nil {
		t.Errorf("a constant rate needs no patience: %v", err)
	}
	if err := checkPlateau(0.1, 0, 0); err == nil || !strings.Contains(err.Error(), "lr_patience") {
		t.Errorf("a decay without patience: %v, want an error naming lr_patience", err)
	}
	err := checkPlateau(1.5, -1, -1)
	for _, key := range []string{"lr_decay", "lr_patience", "lr_min"} {
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("bad settings: error %v does not name %s", err, key)
		}
	}
}

// TestRandomLabelsScheduleDecays trains random-labels' smoke model past
// memorisation twice, at a constant rate and with the plateau schedule:
// the histories agree until the first decay and differ after it, so the
// decay reached the model's optimizer, and the notes state the schedule
// and the decays taken.
func TestRandomLabelsScheduleDecays(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	run := func(decay float64) (*runner.Env, []float64) {
		cfg := runnertest.SmokeConfig[randomLabelsConfig](t, exp)
		cfg.Epochs, cfg.StopTrainAcc, cfg.LRDecay, cfg.LRPatience = 35, 0, decay, 3
		env := runnertest.Env(t)
		if err := exp.Run(env, cfg); err != nil {
			t.Fatal(err)
		}
		return env, runnertest.FiniteColumn(t, runnertest.ReadTable(t, env, results.RandomLabelsHistory), results.ColTrainLoss)
	}
	_, constant := run(0)
	env, decayed := run(0.1)
	notes := strings.Join(env.Notes(), "\n")
	m := regexp.MustCompile(`decayed to 0\.0001 after epoch (\d+)`).FindStringSubmatch(notes)
	if m == nil || !strings.Contains(notes, "multiplied by 0.1 whenever 3 epochs pass") {
		t.Fatalf("the notes state no schedule or no decay to 0.0001:\n%s", notes)
	}
	first, _ := strconv.Atoi(m[1])
	if len(constant) != 35 || len(decayed) != 35 || first >= 35 {
		t.Fatalf("%d and %d epochs, first decay after epoch %d; want 35, 35 and a decay before the end", len(constant), len(decayed), first)
	}
	if !slices.Equal(constant[:first], decayed[:first]) {
		t.Errorf("the histories differ before the first decay (after epoch %d)", first)
	}
	if slices.Equal(constant[first:], decayed[first:]) {
		t.Errorf("the histories agree after the decay after epoch %d: the new rate did not reach the optimizer", first)
	}
}
