package report

import (
	"fmt"
	"math"
	"strings"

	"hw1/runner/results"
)

// weightPCAFindings: runs and snapshots, the spread of the runs' final points
// against their first points in PC space, the final loss range.
func weightPCAFindings(f *folder) ([]Finding, error) {
	st := readTable(f, results.WeightPCASnapshots)
	runs := st.distinct(results.ColRun)
	scopes := st.distinct(results.ColScope)
	if st.err != nil {
		return nil, st.err
	}
	scope := results.ScopeModel
	if !contains(scopes, scope) {
		scope = scopes[0]
	}
	sub := st.where(results.ColScope, scope)
	run := st.stringsOf(sub, results.ColRun)
	epoch := st.floatsOf(sub, results.ColEpoch)
	loss := st.floatsOf(sub, results.ColLoss)
	pc1 := st.floatsOf(sub, results.ColPC1)
	pc2 := st.floatsOf(sub, results.ColPC2)
	if st.err != nil {
		return nil, st.err
	}
	first, last := map[string]int{}, map[string]int{}
	perRun := map[string]int{}
	for i, r := range run {
		perRun[r]++
		if j, ok := first[r]; !ok || epoch[i] < epoch[j] {
			first[r] = i
		}
		if j, ok := last[r]; !ok || epoch[i] >= epoch[j] {
			last[r] = i
		}
	}
	var starts, ends []point
	var finalLoss, counts []float64
	var lastEpoch float64
	for _, r := range runs {
		if _, ok := first[r]; !ok {
			continue
		}
		i, j := first[r], last[r]
		starts = append(starts, point{pc1[i], pc2[i]})
		ends = append(ends, point{pc1[j], pc2[j]})
		finalLoss = append(finalLoss, loss[j])
		counts = append(counts, float64(perRun[r]))
		lastEpoch = math.Max(lastEpoch, epoch[j])
	}
	lo, hi := minMax(finalLoss)
	cLo, cHi := minMax(counts)
	perRunText := count(cLo)
	if cHi != cLo {
		perRunText += "–" + count(cHi)
	}
	describe := Finding{
		Statement: fmt.Sprintf("%d runs; %d snapshots in scope %s (%s per run); scopes: %s. Final loss across runs (last epoch up to %s): %s to %s.",
			len(runs), len(run), scope, perRunText, strings.Join(scopes, ", "), count(lastEpoch), num(lo), num(hi)),
		Literature: "The assignment: train the same network 8 times and collect its weights every few epochs " +
			"(the homework's report: a 57-parameter network on sinc, 30 epochs).",
		Agrees: AgreesNA,
		Rule:   "n/a: a description of the run",
		Value:  float64(len(runs)),
	}
	dStart, dEnd := meanPairwiseDistance(starts), meanPairwiseDistance(ends)
	spread := Finding{
		Literature: "The assignment's figure: runs from different seeds move to different minima; their trajectories end in different places.",
		Rule:       "yes if the final points are at least half as far apart as the first points (ratio ≥ 0.5); partly if the ratio is in [0.1, 0.5); no below 0.1",
		Value:      dEnd / dStart,
	}
	switch {
	case len(ends) < 2:
		spread.Statement = fmt.Sprintf("Only %d run in scope %s: no distance between runs.", len(ends), scope)
		spread.Agrees, spread.Rule, spread.Value = AgreesNA, "n/a: fewer than two runs", math.NaN()
	case dStart == 0 && dEnd == 0:
		spread.Statement = fmt.Sprintf("In PC space (scope %s) all runs start and end at the same point.", scope)
		spread.Agrees, spread.Value = AgreesNo, 0
	default:
		spread.Statement = fmt.Sprintf("In PC space (scope %s) the runs' final points are on average %s apart, their first points %s apart: ratio %s.",
			scope, num(dEnd), num(dStart), num(spread.Value))
		switch r := spread.Value; {
		case r >= 0.5:
			spread.Agrees = AgreesYes
		case r >= 0.1:
			spread.Agrees = AgreesPartly
		default:
			spread.Agrees = AgreesNo
		}
	}
	return []Finding{describe, spread}, nil
}

// gradNormFindings: final loss and gradient norm, whether the norm rises
// after the start and spikes, and its rank correlation with the loss.
func gradNormFindings(f *folder) ([]Finding, error) {
	ht := readTable(f, results.GradNormHistory)
	step := ht.floats(results.ColStep)
	epoch := ht.floats(results.ColEpoch)
	loss := ht.floats(results.ColLoss)
	gn := ht.floats(results.ColGradNorm)
	if ht.err != nil {
		return nil, ht.err
	}
	idx := orderBy(step)
	step, epoch, loss, gn = pick(step, idx), pick(epoch, idx), pick(loss, idx), pick(gn, idx)
	n := len(step)
	final := Finding{
		Statement: fmt.Sprintf("Over %s (up to epoch %s): loss %s → %s, gradient norm %s → %s (first → last step).",
			plural(n, "step"), count(epoch[n-1]), num(loss[0]), num(loss[n-1]), num(gn[0]), num(gn[n-1])),
		Literature: "The assignment: record the loss and the gradient norm at every step.",
		Agrees:     AgreesNA,
		Rule:       "n/a: a description of the run",
		Value:      loss[n-1],
	}
	peak := argMax(gn)
	spikes := spikeRuns(spikeSteps(gn, spikeWindow, spikeMinWindow))
	var at []string
	for k, r := range spikes {
		if k == 5 {
			at = append(at, "…")
			break
		}
		if r.first == r.last {
			at = append(at, count(step[r.first]))
		} else {
			at = append(at, count(step[r.first])+"–"+count(step[r.last]))
		}
	}
	spikeText := fmt.Sprintf("%s (a spike: a run of consecutive steps whose norm exceeds twice the median of the previous %d steps, judged from the %dth step on)",
		plural(len(spikes), "spike"), spikeWindow, spikeMinWindow+1)
	if len(spikes) > 0 {
		spikeText += ", at steps " + strings.Join(at, ", ")
	}
	where := "after the first step"
	if peak == 0 {
		where = "at the first step"
	}
	shape := Finding{
		Statement:  fmt.Sprintf("The gradient norm peaks at step %s (%s), %s; %s.", count(step[peak]), num(gn[peak]), where, spikeText),
		Literature: "The assignment: the gradient norm does not fall monotonically; it spikes while the loss plateaus or drops.",
		Agrees:     agreeBoth(peak > 0, len(spikes) > 0),
		Rule:       "yes if the norm peaks after the first step and spikes at least once; partly if only one of these; else no",
		Value:      float64(len(spikes)),
	}
	r, m := spearman(loss, gn)
	corr := Finding{
		Statement: fmt.Sprintf("Spearman rank correlation of loss and gradient norm over %s: ρ = %s.", plural(m, "step"), rho(r)),
		Literature: "The assignment: the norm spikes while the loss plateaus or drops, so it does not simply track the loss; " +
			"no sign of the correlation is stated.",
		Agrees: AgreesNA,
		Rule:   "n/a: no reference value",
		Value:  r,
	}
	return []Finding{final, shape, corr}, nil
}

// Spike rule of grad-norm: a step spikes when its norm exceeds twice the
// median of the previous spikeWindow steps; steps with fewer than
// spikeMinWindow predecessors are not judged.
const (
	spikeWindow    = 50
	spikeMinWindow = 10
)

// spikeSteps returns the indices i ≥ minWindow with xs[i] > 2·median of the
// previous up to window values.
func spikeSteps(xs []float64, window, minWindow int) []int {
	var out []int
	for i := minWindow; i < len(xs); i++ {
		if xs[i] > 2*median(xs[max(0, i-window):i]) {
			out = append(out, i)
		}
	}
	return out
}

// stepRun is a run of consecutive indices, first to last.
type stepRun struct{ first, last int }

// spikeRuns groups spike indices (ascending) into runs of consecutive
// steps: one spike as a reader of the curve counts one.
func spikeRuns(idx []int) []stepRun {
	var out []stepRun
	for _, i := range idx {
		if n := len(out); n > 0 && out[n-1].last == i-1 {
			out[n-1].last = i
			continue
		}
		out = append(out, stepRun{i, i})
	}
	return out
}

// minRatioFindings: runs and the ranges reached; the rank correlation of
// loss with the minimal ratio over the clearly nonzero eigenvalues (the
// judged definition), beside the one over all eigenvalues and the
// near-zero count that separates them; and whether the tolerance exceeds
// the Hessian's numerical error.
func minRatioFindings(f *folder) ([]Finding, error) {
	pt := readTable(f, results.MinRatioPoints)
	runs := pt.strings(results.ColRun)
	loss := pt.floats(results.ColLoss)
	gn := pt.floats(results.ColGradNorm)
	ratio := pt.floats(results.ColMinRatio)
	nearZero := pt.floats(results.ColNearZero)
	clear := pt.floats(results.ColMinRatioClear)
	tol := pt.floats(results.ColTolerance)
	herr := pt.floats(results.ColHessianError)
	if pt.err != nil {
		return nil, pt.err
	}
	gLo, gHi := minMax(gn)
	rLo, rHi := minMax(ratio)
	cLo, cHi := minMax(finiteOnly(clear))
	lLo, lHi := minMax(loss)
	describe := Finding{
		Statement: fmt.Sprintf("%d runs. Gradient norm reached: %s to %s (median %s). Minimal ratio over all eigenvalues: %s to %s; over those outside the tolerance: %s to %s. Loss: %s to %s. Eigenvalues counted as near zero: %.1f per run on average.",
			len(runs), num(gLo), num(gHi), num(median(gn)), num(rLo), num(rHi), num(cLo), num(cHi), num(lLo), num(lHi), mean(nearZero)),
		Literature: "The assignment: repeat 100 times; the gradient norm should be near zero at every point.",
		Agrees:     AgreesNA,
		Rule:       "n/a: a description of the run",
		Value:      float64(len(runs)),
	}
	judged := correlation("loss and minimal ratio over the eigenvalues outside the tolerance (positive / (all − near zero))", loss, clear, -1,
		"Dauphin et al. 2014 and the assignment's figure: lower loss goes with a higher minimal ratio "+
			"(critical points of low loss are minima, those of high loss saddles).")
	judged.Statement = "Judged definition: the share of positive eigenvalues among those outside the tolerance, because an eigenvalue within it has no reliable sign " +
		"and counting it as not positive mixes flatness into the ratio. " + judged.Statement
	rAll, sAll := rankCorrelation("loss and minimal ratio over all eigenvalues (near-zero ones counted as not positive)", loss, ratio)
	_, sNZ := rankCorrelation("loss and the near-zero count", loss, nearZero)
	all := Finding{
		Statement: sAll + " " + sNZ + " Lower-loss points with more near-zero eigenvalues pull the all-eigenvalue ratio down, which is why it is not the judged one.",
		Literature: "Dauphin et al. 2014 classify critical points by the signs of the eigenvalues; " +
			"Sagun et al. 2017: near a minimum most eigenvalues are close to zero, so a ratio over all of them measures flatness as much as the index.",
		Agrees: AgreesNA,
		Rule:   "n/a: shown beside the judged definition, not judged",
		Value:  rAll,
	}
	ratios := make([]float64, len(herr))
	below := 0
	for i := range herr {
		ratios[i] = herr[i] / tol[i]
		if herr[i] < tol[i] {
			below++
		}
	}
	_, worst := minMax(ratios)
	eLo, eHi := minMax(herr)
	tLo, tHi := minMax(tol)
	check := Finding{
		Statement: fmt.Sprintf("The float64 Hessian agrees with central differences of exact gradients to ‖H − H_fd‖_F = %s to %s; the tolerance (rel_tol·max|λ|) is %s to %s: the difference, an estimate of the error, is below it in %d of %d runs (largest difference/tolerance %s).",
			num(eLo), num(eHi), num(tLo), num(tHi), below, len(herr), num(worst)),
		Literature: "Weyl's inequality: no eigenvalue moves by more than the matrix's error in norm, so an eigenvalue outside a tolerance above that error has a reliable sign; " +
			"this is what the near-zero count must respect.",
		Agrees: agreeIf(below == len(herr)),
		Rule:   "yes if ‖H − H_fd‖_F, the difference to central differences of exact gradients (an estimate of the Hessian's error, not a bound), is below the tolerance in every run, else no",
		Value:  worst,
	}
	return []Finding{describe, judged, all, check}, nil
}

// finiteOnly returns the finite values of xs.
func finiteOnly(xs []float64) []float64 {
	var out []float64
	for _, x := range xs {
		if finite(x) {
			out = append(out, x)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
