package report

import (
	"math"
	"strings"
	"testing"
)

func TestCombineSeeds(t *testing.T) {
	f := func(agrees string, v float64) []Finding {
		return []Finding{{Statement: "ρ = x", Agrees: agrees, Rule: "yes if ρ < 0", Value: v}}
	}
	// Three seeds agree: robust; mean of -0.5, -0.7, -0.9 is -0.7, sd 0.2.
	got, err := combineSeeds([]int64{1, 2, 3}, [][]Finding{f(AgreesYes, -0.5), f(AgreesYes, -0.7), f(AgreesYes, -0.9)})
	if err != nil {
		t.Fatal(err)
	}
	g := got[0]
	if g.Robustness != Robust || g.Agrees != AgreesYes || math.Abs(g.Value+0.7) > 1e-12 {
		t.Errorf("robust case: %+v", g)
	}
	for _, want := range []string{"Over seeds 1, 2, 3: agrees in 3 of 3 seeds; headline value -0.7 ± 0.2 (mean ± sample sd over 3 seeds, range -0.9 to -0.5). Seed 1: ρ = x"} {
		if !strings.Contains(g.Statement, want) {
			t.Errorf("statement %q lacks %q", g.Statement, want)
		}
	}
	// Seeds disagree: mixed, and the verdict is partly.
	got, err = combineSeeds([]int64{1, 2}, [][]Finding{f(AgreesYes, -0.5), f(AgreesNo, 0.1)})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Robustness != Mixed || got[0].Agrees != AgreesPartly || !strings.Contains(got[0].Statement, "agrees in 1 of 2 seeds, disagrees in 1 of 2 seeds") {
		t.Errorf("mixed case: %+v", got[0])
	}
	// Every seed n/a: no verdict, so not robust either; no headline value.
	got, err = combineSeeds([]int64{1, 2}, [][]Finding{f(AgreesNA, math.NaN()), f(AgreesNA, math.NaN())})
	if err != nil || got[0].Robustness != "" || got[0].Agrees != AgreesNA || !math.IsNaN(got[0].Value) ||
		!strings.Contains(got[0].Statement, "no verdict (n/a) in 2 of 2 seeds. Seed 1") {
		t.Errorf("all n/a: %+v, %v", got, err)
	}
	// A headline value in only some seeds: the statement says in how many.
	got, err = combineSeeds([]int64{1, 2, 3}, [][]Finding{f(AgreesYes, -0.5), f(AgreesYes, math.NaN()), f(AgreesYes, -0.9)})
	if err != nil || got[0].Robustness != Robust || math.Abs(got[0].Value+0.7) > 1e-12 ||
		!strings.Contains(got[0].Statement, "(mean ± sample sd over 2 of 3 seeds, range -0.9 to -0.5)") {
		t.Errorf("two of three values: %+v, %v", got, err)
	}
	got, err = combineSeeds([]int64{1, 2, 3}, [][]Finding{f(AgreesYes, math.Inf(1)), f(AgreesYes, math.NaN()), f(AgreesYes, 0.25)})
	if err != nil || got[0].Value != 0.25 || !strings.Contains(got[0].Statement, "headline value 0.25 (over 1 of 3 seeds)") {
		t.Errorf("one finite value of three: %+v, %v", got, err)
	}
	// One seed: single-seed, no spread.
	got, err = combineSeeds([]int64{7}, [][]Finding{f(AgreesNo, math.NaN())})
	if err != nil || got[0].Robustness != SingleSeed || strings.Contains(got[0].Statement, "±") {
		t.Errorf("single seed: %+v, %v", got, err)
	}
	// Findings that do not line up are refused.
	other := []Finding{{Rule: "another rule"}}
	if _, err := combineSeeds([]int64{1, 2}, [][]Finding{f(AgreesYes, 1), other}); err == nil {
		t.Error("findings of different rules combined")
	}
	if _, err := combineSeeds([]int64{1, 2}, [][]Finding{f(AgreesYes, 1), nil}); err == nil {
		t.Error("lists of different lengths combined")
	}
}
