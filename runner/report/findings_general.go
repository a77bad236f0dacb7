package report

import (
	"fmt"
	"math"
	"strings"

	"hw1/runner/results"
)

// randomLabelsFindings: best training accuracy, the first epoch at 99%, and
// the final test accuracy against chance.
func randomLabelsFindings(f *folder) ([]Finding, error) {
	ht := readTable(f, results.RandomLabelsHistory)
	epoch := ht.floats(results.ColEpoch)
	trainAcc := ht.floats(results.ColTrainAcc)
	testAcc := ht.floats(results.ColTestAcc)
	if ht.err != nil {
		return nil, ht.err
	}
	idx := orderBy(epoch)
	epoch, trainAcc, testAcc = pick(epoch, idx), pick(trainAcc, idx), pick(testAcc, idx)
	n := len(epoch)
	best := argMax(trainAcc)
	reached := fmt.Sprintf("training accuracy never reached 99%% in %s epochs", count(epoch[n-1]))
	for i, a := range trainAcc {
		if a >= 0.99 {
			reached = fmt.Sprintf("training accuracy first reached 99%% at epoch %s", count(epoch[i]))
			break
		}
	}
	const chance = 0.1
	fd := Finding{
		Statement: fmt.Sprintf("Best training accuracy on random labels: %s (epoch %s); %s. Final test accuracy (epoch %s): %s; chance is %s.",
			pct(trainAcc[best]), count(epoch[best]), reached, count(epoch[n-1]), pct(testAcc[n-1]), pct(chance)),
		Literature: "Zhang et al. 2017: networks memorise random labels to 100% training accuracy, " +
			"while the test accuracy stays at chance.",
		Agrees: agreeBoth(trainAcc[best] >= 0.95, testAcc[n-1] < 0.2),
		Rule:   "yes if the best training accuracy is ≥ 95% and the final test accuracy < 20%; partly if only one holds; else no",
		Value:  trainAcc[best],
	}
	return []Finding{fd}, nil
}

// improveTolerance is the relative test-loss improvement below which a
// larger model no longer counts as better (param-count).
const improveTolerance = 0.01

// plateauIndex returns the first index i such that no later value is below
// xs[i]·(1 − tol): past it, no later entry improves by more than tol.
func plateauIndex(xs []float64, tol float64) int {
	for i := range xs {
		better := false
		for _, x := range xs[i+1:] {
			if x < xs[i]*(1-tol) {
				better = true
				break
			}
		}
		if !better {
			return i
		}
	}
	return len(xs) - 1
}

// paramCountFindings: training loss against size, where the test loss is
// lowest and stops improving, and the generalisation gap at both ends.
func paramCountFindings(f *folder) ([]Finding, error) {
	rt := readTable(f, results.ParamCountResults)
	model := rt.strings(results.ColModel)
	params := rt.floats(results.ColParams)
	trainLoss := rt.floats(results.ColTrainLoss)
	testLoss := rt.floats(results.ColTestLoss)
	testAcc := rt.floats(results.ColTestAcc)
	if rt.err != nil {
		return nil, rt.err
	}
	idx := orderBy(params)
	model, params = pickStrings(model, idx), pick(params, idx)
	trainLoss, testLoss, testAcc = pick(trainLoss, idx), pick(testLoss, idx), pick(testAcc, idx)
	n := len(params)
	first, last := 0, n-1
	size := func(i int) string { return fmt.Sprintf("%s, %s params", model[i], count(params[i])) }

	r, corr := rankCorrelation("parameter count and training loss", params, trainLoss)
	train := Finding{
		Statement: fmt.Sprintf("Training loss from the smallest model (%s) to the largest (%s): %s → %s. ",
			size(first), size(last), num(trainLoss[first]), num(trainLoss[last])) + corr,
		Literature: "The homework: bigger models reach a lower training loss.",
		Agrees:     AgreesNA,
		Rule:       "yes if ρ(params, training loss) < 0 and the largest model's training loss is below the smallest's; partly if one holds; else no",
		Value:      r,
	}
	if !math.IsNaN(r) {
		train.Agrees = agreeBoth(r < 0, trainLoss[last] < trainLoss[first])
	}

	best := argMin(testLoss)
	plateau := plateauIndex(testLoss, improveTolerance)
	improved := testLoss[best] < testLoss[first]*(1-improveTolerance)
	test := Finding{
		Statement: fmt.Sprintf("Test loss is lowest (%s) at %s params (%s), against %s for the smallest model. From %s params (%s) on, no larger model lowers the test loss by more than %.0f%%.",
			num(testLoss[best]), count(params[best]), model[best], num(testLoss[first]), count(params[plateau]), model[plateau], 100*improveTolerance),
		Literature: "The homework: the test loss improves with the parameter count, then levels off.",
		Rule:       "yes if some model improves on the smallest model's test loss by more than 1% and the improvement stops before the largest model; partly if it improves up to the largest; no if it never improves",
		Value:      params[plateau],
	}
	switch {
	case improved && plateau < last:
		test.Agrees = AgreesYes
	case improved:
		test.Agrees = AgreesPartly
	default:
		test.Agrees = AgreesNo
	}

	gap := Finding{
		Statement: fmt.Sprintf("Generalisation gap (test − train loss): smallest model (%s) %s, largest (%s) %s. Test accuracy: %s → %s.",
			size(first), num(testLoss[first]-trainLoss[first]), size(last), num(testLoss[last]-trainLoss[last]), pct(testAcc[first]), pct(testAcc[last])),
		Literature: "Neyshabur et al. 2017; Zhang et al. 2017: over-parameterised networks still generalise, " +
			"although they have the capacity to fit their training set.",
		Agrees: agreeIf(testAcc[last] >= testAcc[first]),
		Rule:   "yes if the largest model's test accuracy is at least the smallest model's (growing the model did not hurt generalisation), else no",
		Value:  testLoss[last] - trainLoss[last],
	}
	return []Finding{train, test, gap}, nil
}

// interpolationFindings: per pair, the losses at α = −1, 0, 0.5, 1, 2,
// whether α = 0.5 is a barrier, and which end is flatter.
func interpolationFindings(f *folder) ([]Finding, error) {
	ct := readTable(f, results.InterpolationCurve)
	pairs := ct.distinct(results.ColPair)
	if ct.err != nil {
		return nil, ct.err
	}
	var out []Finding
	for _, pair := range pairs {
		sub := ct.where(results.ColPair, pair)
		alpha := ct.floatsOf(sub, results.ColAlpha)
		train := ct.floatsOf(sub, results.ColTrainLoss)
		test := ct.floatsOf(sub, results.ColTestLoss)
		if ct.err != nil {
			return nil, ct.err
		}
		at := func(a float64) int { return nearest(alpha, a) }
		var parts []string
		for _, a := range []float64{-1, 0, 0.5, 1, 2} {
			i := at(a)
			parts = append(parts, fmt.Sprintf("%s %s / %s", alphaLabel(alpha[i]), num(train[i]), num(test[i])))
		}
		lm1, l0, mid, l1, l2 := train[at(-1)], train[at(0)], train[at(0.5)], train[at(1)], train[at(2)]
		var shape string
		switch {
		case mid > l0 && mid > l1:
			shape = "above both ends (a barrier)"
		case mid < l0 && mid < l1:
			shape = "below both ends"
		default:
			shape = "between the two ends"
		}
		beyond := mid < lm1 && mid < l2
		beyondText := "below"
		if !beyond {
			beyondText = "not below"
		}
		line := Finding{
			Statement: fmt.Sprintf("Pair %s, loss along (1−α)·θ₁ + α·θ₂, train / test: %s. At %s the training loss is %s, and %s the loss at both outer points (%s, %s).",
				pair, strings.Join(parts, "; "), alphaLabel(alpha[at(0.5)]), shape, beyondText, alphaLabel(alpha[at(-1)]), alphaLabel(alpha[at(2)])),
			Literature: "Keskar et al. 2017 (Fig. 3, for a small-batch and a large-batch solution): along the line through " +
				"the two solutions the loss is lower in between than beyond the ends; there is no barrier between them.",
			Agrees: agreeBoth(!(mid > l0 && mid > l1), beyond),
			Rule:   "yes if the training loss at α=0.5 is not above both ends and is below the loss at α=−1 and α=2; partly if one holds; else no",
			Value:  mid,
		}
		rise0 := train[at(-0.5)] - l0
		rise1 := train[at(1.5)] - l1
		flatter := "α=0 (θ₁)"
		if rise1 < rise0 {
			flatter = "α=1 (θ₂)"
		}
		flat := Finding{
			Statement: fmt.Sprintf("Pair %s, rise of the training loss over Δα = 0.5 outward: at α=0 (θ₁) %+.3g (to %s), at α=1 (θ₂) %+.3g (to %s). Flatter end: %s.",
				pair, rise0, alphaLabel(alpha[at(-0.5)]), rise1, alphaLabel(alpha[at(1.5)]), flatter),
			Value: rise1 - rise0,
		}
		switch pair {
		case results.PairBatch:
			flat.Literature = "Keskar et al. 2017: the large-batch solution sits in a sharper minimum. " +
				"θ₂ (α=1) is the model trained with the larger batch, θ₁ (α=0) the one with the smaller batch."
			flat.Agrees = agreeIf(rise1 > rise0)
			flat.Rule = "yes if the loss rises more beyond α=1 (large batch) than beyond α=0, else no"
		case results.PairLR:
			flat.Literature = "Jastrzębski et al. 2017: a larger ratio of learning rate to batch size leads to wider minima. " +
				"θ₂ (α=1) is the model trained with the larger learning rate, θ₁ (α=0) the one with the smaller."
			flat.Agrees = agreeIf(rise1 < rise0)
			flat.Rule = "yes if the loss rises less beyond α=1 (larger learning rate) than beyond α=0, else no"
		default:
			flat.Literature = "No reference for this pair."
			flat.Agrees = AgreesNA
			flat.Rule = "n/a: unknown pair"
		}
		out = append(out, line, flat)
	}
	return out, nil
}

// sensitivityFindings: rank correlations of the batch size with
// sensitivity, the loss's input gradient, sharpness and test accuracy, and
// of sensitivity with the generalisation gap.
func sensitivityFindings(f *folder) ([]Finding, error) {
	rt := readTable(f, results.SensitivityResults)
	batch := rt.floats(results.ColBatchSize)
	trainLoss := rt.floats(results.ColTrainLoss)
	testLoss := rt.floats(results.ColTestLoss)
	testAcc := rt.floats(results.ColTestAcc)
	sens := rt.floats(results.ColSensitivity)
	lgn := rt.floats(results.ColLossGradNorm)
	sharp := rt.floats(results.ColSharpness)
	if rt.err != nil {
		return nil, rt.err
	}
	idx := orderBy(batch)
	batch, trainLoss, testLoss, testAcc = pick(batch, idx), pick(trainLoss, idx), pick(testLoss, idx), pick(testAcc, idx)
	sens, lgn, sharp = pick(sens, idx), pick(lgn, idx), pick(sharp, idx)
	n := len(batch)
	gap := make([]float64, n)
	for i := range gap {
		gap[i] = testLoss[i] - trainLoss[i]
	}
	ends := func(name string, ys []float64, format func(float64) string) string {
		return fmt.Sprintf(" %s: %s at batch %s, %s at batch %s.", name, format(ys[0]), count(batch[0]), format(ys[n-1]), count(batch[n-1]))
	}
	const conflict = " The three references pull apart: Keskar (large batches generalise worse) and Novak (worse generalisation goes with higher sensitivity) together predict that sensitivity rises with the batch size; the slides say it falls."
	slides := "The assignment's slides: sensitivity falls as the batch size grows."

	fs := []Finding{
		correlation("batch size and sensitivity (Frobenius norm of the input Jacobian of the softmax output, Novak et al. 2018)",
			batch, sens, -1, slides+conflict),
		correlation("batch size and the norm of the loss's gradient with respect to the input (the slides' definition of sensitivity)",
			batch, lgn, -1, slides),
		correlation("batch size and sharpness", batch, sharp, +1,
			"Keskar et al. 2017: sharpness grows with the batch size (large-batch training converges to sharp minima)."),
		correlation("batch size and test accuracy", batch, testAcc, -1,
			"Keskar et al. 2017: large-batch training generalises worse."),
		correlation("sensitivity and the generalisation gap (test − train loss)", sens, gap, +1,
			"Novak et al. 2018: a higher input-Jacobian norm goes with worse generalisation."+conflict),
	}
	// The references disagree on these two: the verdict is against the
	// one reference each rule names, and says so.
	fs[0].Rule += "; judged against the slides alone: Keskar with Novak predict the opposite sign, so for them the verdict flips"
	fs[4].Rule += "; judged against Novak alone: the slides with Keskar predict the opposite sign, so for them the verdict flips"
	fs[0].Statement += ends("Sensitivity", sens, num)
	fs[1].Statement += ends("Loss input-gradient norm", lgn, num)
	fs[2].Statement += ends("Sharpness", sharp, num)
	fs[3].Statement += ends("Test accuracy", testAcc, pct)
	fs[4].Statement += ends("Gap", gap, num)
	return fs, nil
}
