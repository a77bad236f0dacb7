package runner

import (
	"testing"
	"time"

	"hw1/runner/results"
)

func TestEveryExperimentHasAReferenceCost(t *testing.T) {
	costs, speeds := referenceCosts(), referenceSpeeds()
	for _, name := range results.ExperimentNames() {
		e := &experiment[struct{}]{name: name}
		c, ok := costs[e.Name()]
		if !ok {
			t.Errorf("%s has no reference cost: add it to referenceCosts", e.Name())
			continue
		}
		if speeds[c.class] <= 0 {
			t.Errorf("%s: class %q has no reference speed", e.Name(), c.class)
		}
		for _, p := range []string{"smoke", "quick", "full"} {
			if c.seconds[p] <= 0 {
				t.Errorf("%s: no reference time for profile %s", e.Name(), p)
			}
		}
		// Seeds side by side on 2 cores: a seed costs more than half its
		// time alone, and not much more than all of it.
		if s := SeedShare(e); !(s > 0.5 && s <= 1.1) {
			t.Errorf("%s: seed share %g, want a measured value in (0.5, 1.1]", e.Name(), s)
		}
	}
}

func TestEstimateScalesWithTheMachinesSpeed(t *testing.T) {
	r := New(Options{Profile: "full", Experiments: NewRegistry(fakeEpochs(results.FunctionFit), fakeEpochs(results.ParamCount))})
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
	if want := time.Duration(referenceCosts()[results.FunctionFit].seconds["full"] * float64(time.Second)); ref[0].Duration != want {
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
	custom := New(Options{Profile: "full", Sets: []string{"epochs=3"}, Experiments: NewRegistry(fakeEpochs(results.ParamCount))})
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
