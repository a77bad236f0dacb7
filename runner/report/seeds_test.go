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
	for _, want := range []string{"agrees in 3 of 3 seeds", "-0.7 ± 0.2", "range -0.9 to -0.5", "Seed 1: ρ = x"} {
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
