package runner

import (
	"strings"
	"testing"
	"time"

	"hw1/runner/catalog"
	"hw1/runner/results"
)

// An experiment that declares no cost, or one without a time for a
// profile, is caught: its estimate would be 0 and its shard units weightless.
func TestAnExperimentWithoutACostIsCaught(t *testing.T) {
	bare := fakeEpochs(results.FunctionFit)
	if err := CheckCost(bare); err == nil || !strings.Contains(err.Error(), "function-fit") {
		t.Errorf("an experiment without a cost: %v, want an error naming it", err)
	}
	ff, err := catalog.Lookup(results.FunctionFit)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckCost(withCost(results.FunctionFit, ff.Cost)); err != nil {
		t.Errorf("function-fit's own cost: %v", err)
	}
	partial := catalog.Cost{Class: ff.Cost.Class, Seconds: map[string]float64{"smoke": 1, "quick": 2}, SeedShare: 0.9}
	if err := CheckCost(withCost(results.FunctionFit, partial)); err == nil || !strings.Contains(err.Error(), "full") {
		t.Errorf("a cost without a full time: %v, want an error naming the profile", err)
	}
	unknown := ff.Cost
	unknown.Class = "gpu"
	if err := CheckCost(withCost(results.FunctionFit, unknown)); err == nil || !strings.Contains(err.Error(), "gpu") {
		t.Errorf("a cost of an unknown speed class: %v", err)
	}
}

func TestEstimateScalesWithTheMachinesSpeed(t *testing.T) {
	r := New(Options{Profile: "full", Experiments: NewRegistry(fakeCosted(t, results.FunctionFit), fakeCosted(t, results.ParamCount))})
	var jobs []Job
	for _, name := range []string{results.FunctionFit, results.ParamCount} {
		exp, cfg, err := r.Prepare(name)
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, Job{Exp: exp, Cfg: cfg})
	}
	ref := r.Estimate(jobs, nil)
	// At the reference speed, the reference time itself.
	if want := time.Duration(jobs[0].Exp.Cost().Seconds["full"] * float64(time.Second)); want <= 0 || ref[0].Duration != want {
		t.Errorf("function-fit at the reference speed: %v, want the reference time %v", ref[0].Duration, want)
	}
	// A machine half as fast on small models and twice as fast on CNNs.
	speeds := referenceSpeeds()
	cal := Calibration{Speed: map[string]float64{classSmall: speeds[classSmall] / 2, classCNN: speeds[classCNN] * 2, classMLP: speeds[classMLP]}}
	got := r.Estimate(jobs, &cal)
	if got[0].Duration != 2*ref[0].Duration || got[1].Duration != ref[1].Duration/2 {
		t.Errorf("estimates %v, %v; want %v, %v", got[0].Duration, got[1].Duration, 2*ref[0].Duration, ref[1].Duration/2)
	}
	if got[0].Class != classSmall || got[1].Class != classCNN {
		t.Errorf("classes %q, %q; want the ones whose speeds scaled them, %q and %q", got[0].Class, got[1].Class, classSmall, classCNN)
	}
	if got[0].Custom || got[1].Custom {
		t.Error("the profile's own configuration is marked as changed by --set")
	}
	custom := New(Options{Profile: "full", Sets: []string{"epochs=3"}, Experiments: NewRegistry(fakeCosted(t, results.ParamCount))})
	exp, cfg, err := custom.Prepare(results.ParamCount)
	if err != nil {
		t.Fatal(err)
	}
	if e := custom.Estimate([]Job{{Exp: exp, Cfg: cfg}}, nil); !e[0].Custom {
		t.Error("--set epochs=3 is not marked as a changed configuration")
	}
}

// epochsConfig is a configuration with one setting, as the estimate sees it.
type epochsConfig struct {
	Epochs int `json:"epochs"`
}

// fakeEpochs is an experiment named name that trains nothing: the
// estimate reads only its name and whether --set changed its profile.
func fakeEpochs(name string) Experiment {
	return Define(Definition[epochsConfig]{Name: name, Profiles: map[string]epochsConfig{"full": {Epochs: 10}},
		Run: func(*Env, *epochsConfig) error { return nil }})
}

// withCost is an experiment named name that trains nothing, of cost c.
func withCost(name string, c catalog.Cost) Experiment {
	return Define(Definition[epochsConfig]{Name: name, Profiles: map[string]epochsConfig{"full": {Epochs: 10}},
		Run: func(*Env, *epochsConfig) error { return nil }, Cost: c})
}

// fakeCosted is an experiment named name that trains nothing, of the cost
// that the experiment of that name declares (as the catalog holds it).
func fakeCosted(t *testing.T, name string) Experiment {
	t.Helper()
	e, err := catalog.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return withCost(name, e.Cost)
}
