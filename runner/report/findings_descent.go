package report

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"hw1/runner/results"
)

// descentSeries is one draw of one label noise of double-descent, its rows
// in the order of the parameters.
type descentSeries struct {
	params, trainLoss, testErr []float64
}

// doubleDescentFindings: where the clean series' test error peaks against
// the interpolation threshold, draw by draw, and the peak with and without
// label noise.
func doubleDescentFindings(f *folder) ([]Finding, error) {
	rt := readTable(f, results.DoubleDescentResults)
	noise := rt.floats(results.ColLabelNoise)
	draw := rt.floats(results.ColDraw)
	params := rt.floats(results.ColParams)
	trainLoss := rt.floats(results.ColTrainLoss)
	testErr := rt.floats(results.ColTestError)
	if rt.err != nil {
		return nil, rt.err
	}
	series := map[float64]map[float64]*descentSeries{} // noise -> draw -> series
	for _, i := range orderBy(params) {
		if series[noise[i]] == nil {
			series[noise[i]] = map[float64]*descentSeries{}
		}
		s := series[noise[i]][draw[i]]
		if s == nil {
			s = &descentSeries{}
			series[noise[i]][draw[i]] = s
		}
		s.params, s.trainLoss, s.testErr = append(s.params, params[i]), append(s.trainLoss, trainLoss[i]), append(s.testErr, testErr[i])
	}
	peakFinding := Finding{
		Literature: "Belkin, Hsu, Ma & Mandal (PNAS 2019): for random Fourier features (and two-layer networks) on MNIST, test error peaks at the interpolation threshold, where the parameters reach examples × outputs, and falls again as the model grows past it.",
		Rule: fmt.Sprintf("threshold: the fewest parameters of a clean fit with training loss below %g; yes if in every draw the test error peaks within a factor of 2 of the threshold and the largest model's test error is below the peak; partly if in some draws; else no; n/a if no clean fit interpolates",
			results.InterpolationLoss),
		Agrees: AgreesNA,
		Value:  math.NaN(),
	}
	clean := series[0]
	thr := math.Inf(1)
	for _, s := range clean {
		for i, p := range s.params {
			if s.trainLoss[i] < results.InterpolationLoss {
				thr = math.Min(thr, p)
			}
		}
	}
	if len(clean) == 0 || math.IsInf(thr, 1) {
		peakFinding.Statement = "No fit of clean labels interpolates its training set: no threshold to set the peak against (fit larger models)."
		return []Finding{peakFinding, noiseFinding(series)}, nil
	}
	held, peaks := 0, ""
	for _, d := range slices.Sorted(maps.Keys(clean)) {
		s := clean[d]
		p := argMax(s.testErr)
		last := len(s.testErr) - 1
		ok := s.params[p] >= thr/2 && s.params[p] <= 2*thr && s.testErr[last] < s.testErr[p]
		if ok {
			held++
		}
		peaks += fmt.Sprintf(" Draw %s: peak %s at %s parameters (%s the threshold), %s at %s.", count(d), pct(s.testErr[p]), count(s.params[p]),
			num(s.params[p]/thr)+"×", pct(s.testErr[last]), count(s.params[last]))
	}
	n := len(clean)
	peakFinding.Statement = fmt.Sprintf("Clean labels: the interpolation threshold is at %s parameters. Test error peaks within a factor of 2 of it and falls beyond it in %d of %d draws.%s",
		count(thr), held, n, peaks)
	peakFinding.Value = float64(held) / float64(n)
	switch {
	case held == n:
		peakFinding.Agrees = AgreesYes
	case held > 0:
		peakFinding.Agrees = AgreesPartly
	default:
		peakFinding.Agrees = AgreesNo
	}
	return []Finding{peakFinding, noiseFinding(series)}, nil
}

// noiseFinding sets the mean peak test error of the noisy series against
// the clean one's.
func noiseFinding(series map[float64]map[float64]*descentSeries) Finding {
	f := Finding{
		Literature: "Nakkiran et al. (Deep Double Descent, 2019): label noise makes the test error's peak at the interpolation threshold larger.",
		Rule:       "yes if the peak test error, averaged over the draws, is higher with label noise than without; n/a without both series",
		Agrees:     AgreesNA,
		Value:      math.NaN(),
	}
	peak := func(byDraw map[float64]*descentSeries) float64 {
		sum := 0.0
		for _, s := range byDraw {
			sum += s.testErr[argMax(s.testErr)]
		}
		return sum / float64(len(byDraw))
	}
	var noisy float64
	for k := range series {
		if k > 0 {
			noisy = k
		}
	}
	if series[0] == nil || noisy == 0 {
		f.Statement = "Only one label-noise series was run (label_noise 0 runs the clean series alone): nothing to compare."
		return f
	}
	pc, pn := peak(series[0]), peak(series[noisy])
	f.Statement = fmt.Sprintf("Peak test error, mean over the draws: %s with clean labels, %s with %s of the training labels replaced at random.",
		pct(pc), pct(pn), pct(noisy))
	f.Value = pn - pc
	f.Agrees = agreeIf(pn > pc)
	return f
}
