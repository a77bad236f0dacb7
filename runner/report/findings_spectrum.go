package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"hw1/runner/results"
)

// Rules of hessian-spectrum's findings.
const (
	// lanczosAgreement: Lanczos agrees with the exact Hessian when its top
	// eigenvalues are within this of the exact ones, relative to λ_max.
	lanczosAgreement = 1e-6
	// outlierGap: the top eigenvalues stand out of the bulk above the
	// largest ratio λ_i/λ_{i+1} among the top k, if that ratio is at least
	// outlierGap.
	outlierGap = 1.5
	// bulkWidth and bulkMass: the bulk is near zero when at least bulkMass
	// of the density lies within bulkWidth·λ_max of 0.
	bulkWidth = 0.01
	bulkMass  = 0.9
)

// hessianSpectrumFindings: Lanczos against the exact Hessian; λ_max
// against batch size beside the Keskar sharpness; the bulk and its
// outliers; the sign structure at the min-ratio-like point.
func hessianSpectrumFindings(f *folder) ([]Finding, error) {
	et := readTable(f, results.HessianSpectrumEigenvalues)
	st := readTable(f, results.HessianSpectrumSummary)
	dt := readTable(f, results.HessianSpectrumDensity)
	if err := firstErr(et.err, st.err, dt.err); err != nil {
		return nil, err
	}
	models := st.distinct(results.ColModel)
	eig := map[string]map[string][]float64{} // model → method → eigenvalues by rank
	for _, m := range models {
		eig[m] = map[string][]float64{}
		rows := et.where(results.ColModel, m)
		for _, method := range []string{results.MethodLanczos, results.MethodExact} {
			sub, err := rows.Where(results.ColMethod, method)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", et.path, err)
			}
			idx := et.floatsOf(sub, results.ColIndex)
			val := et.floatsOf(sub, results.ColEigenvalue)
			eig[m][method] = pick(val, orderBy(idx))
		}
	}
	if et.err != nil {
		return nil, et.err
	}
	return []Finding{lanczosVsExact(eig, st), curvatureVsBatch(st), bulkAndOutliers(eig, st, dt), signStructure(eig, st)}, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// summaryRows returns the summary's rows of one family and method, in
// table order: model names and the named columns.
func summaryRows(st *tableReader, family, method string, cols ...string) ([]string, [][]float64) {
	rows := st.where(results.ColMethod, method)
	if family != "" {
		var err error
		if rows, err = rows.Where(results.ColFamily, family); err != nil {
			st.err = fmt.Errorf("%s: %w", st.path, err)
			return nil, nil
		}
	}
	out := make([][]float64, len(cols))
	for i, c := range cols {
		out[i] = st.floatsOf(rows, c)
	}
	return st.stringsOf(rows, results.ColModel), out
}

// lanczosVsExact compares, for every model with both methods, the top
// Lanczos eigenvalues and the Hutchinson trace with the exact ones.
func lanczosVsExact(eig map[string]map[string][]float64, st *tableReader) Finding {
	f := Finding{
		Literature: "Lanczos with full reorthogonalisation on exact Hessian-vector products converges to the extreme eigenvalues first (PyHessian, Yao et al. 2020; Ghorbani et al. 2019); Hutchinson's trace is unbiased.",
		Rule:       fmt.Sprintf("yes if every top eigenvalue is within %g·λ_max of the exact one, else no", lanczosAgreement),
		Value:      math.NaN(),
		Agrees:     AgreesNA,
	}
	names, lz := summaryRows(st, "", results.MethodLanczos, results.ColTrace, results.ColTraceStderr)
	_, ex := summaryRows(st, "", results.MethodExact, results.ColTrace)
	exNames, _ := summaryRows(st, "", results.MethodExact)
	var parts []string
	worst := 0.0
	for i, m := range names {
		l, e := eig[m][results.MethodLanczos], eig[m][results.MethodExact]
		if len(l) == 0 || len(e) < len(l) {
			continue
		}
		d := 0.0
		for k := range l {
			d = math.Max(d, math.Abs(l[k]-e[k]))
		}
		rel := d / math.Abs(e[0])
		worst = math.Max(worst, rel)
		trace := ""
		for j, n := range exNames {
			if n == m && len(ex) > 0 && j < len(ex[0]) {
				trace = fmt.Sprintf("; trace: Hutchinson %s ± %s, exact %s (%s standard errors apart)",
					num(lz[0][i]), num(lz[1][i]), num(ex[0][j]), num(math.Abs(lz[0][i]-ex[0][j])/lz[1][i]))
			}
		}
		parts = append(parts, fmt.Sprintf("%s: top %d eigenvalues (λ_max %s) within %s·λ_max of the exact Hessian's%s", m, len(l), num(e[0]), num(rel), trace))
	}
	if len(parts) == 0 {
		f.Statement = "No model has both Lanczos and exact eigenvalues."
		f.Rule = "n/a: " + f.Rule
		return f
	}
	f.Statement = strings.Join(parts, ". ") + "."
	f.Value = worst
	f.Agrees = agreeIf(worst <= lanczosAgreement)
	return f
}

// curvatureVsBatch: λ_max and the Keskar sharpness against batch size for
// the models of sensitivity's sweep.
func curvatureVsBatch(st *tableReader) Finding {
	_, c := summaryRows(st, results.Sensitivity, results.MethodLanczos, results.ColBatchSize, results.ColTopEigenvalue, results.ColSharpness)
	f := Finding{
		Literature: "Keskar et al. 2017: large-batch training converges to sharper minima (larger Hessian eigenvalues); their sharpness, the largest rise of the loss in a box of half-width ε(|θ_i| + 1) relative to 1 + L, " +
			"grows with that curvature as λ_max does (off a critical point the gradient's first-order term adds to it), so the two should rank the models alike.",
		Rule:  "yes if λ_max rises with batch size (Spearman ρ > 0) and the sharpness ranks the models as λ_max does (ρ > 0); partly if one of the two; else no",
		Value: math.NaN(), Agrees: AgreesNA,
	}
	if len(c) == 0 || len(c[0]) < 2 {
		f.Statement = "Fewer than two models of sensitivity's batch sizes: no trend."
		f.Rule = "n/a: " + f.Rule
		return f
	}
	idx := orderBy(c[0])
	bs, top, sharp := pick(c[0], idx), pick(c[1], idx), pick(c[2], idx)
	var side []string
	for i := range bs {
		side = append(side, fmt.Sprintf("%s: %s / %s", count(bs[i]), num(top[i]), num(sharp[i])))
	}
	rb, _ := spearman(bs, top)
	rs, _ := spearman(top, sharp)
	rbs, _ := spearman(bs, sharp)
	f.Statement = fmt.Sprintf("λ_max / Keskar sharpness by batch size: %s. Spearman ρ(batch size, λ_max) = %s, ρ(batch size, sharpness) = %s, ρ(λ_max, sharpness) = %s.",
		strings.Join(side, "; "), rho(rb), rho(rbs), rho(rs))
	f.Value = rs
	if !math.IsNaN(rb) && !math.IsNaN(rs) {
		f.Agrees = agreeBoth(rb > 0, rs > 0)
	}
	return f
}

// bulkAndOutliers: per MNIST model (families other than min-ratio's), how
// many top eigenvalues stand out and how much of the density is near 0.
func bulkAndOutliers(eig map[string]map[string][]float64, st, dt *tableReader) Finding {
	names, c := summaryRows(st, "", results.MethodLanczos, results.ColTopEigenvalue)
	fam := st.stringsOf(st.where(results.ColMethod, results.MethodLanczos), results.ColFamily)
	f := Finding{
		Literature: "Sagun et al. 2017 (and Ghorbani et al. 2019): the spectrum of a trained network is a bulk concentrated near zero and a few outliers, about as many as classes (10 on MNIST).",
		Rule: fmt.Sprintf("outliers: the eigenvalues above the largest ratio λ_i/λ_(i+1) among the top k, if it is ≥ %g (else none); bulk near zero: ≥ %s of the density within %g·λ_max of 0. "+
			"Yes if every MNIST model has outliers and its bulk near zero; partly if only one holds for all; else no", outlierGap, pct(bulkMass), bulkWidth),
		Value: math.NaN(), Agrees: AgreesNA,
	}
	var parts []string
	allOut, allBulk, n := true, true, 0
	var counts []float64
	for i, m := range names {
		if i < len(fam) && fam[i] == results.MinRatio {
			continue
		}
		k, gap := outliers(eig[m][results.MethodLanczos])
		rows := dt.where(results.ColModel, m)
		sub, err := rows.Where(results.ColMethod, results.MethodLanczos)
		if err != nil {
			continue
		}
		mass := massWithin(dt.floatsOf(sub, results.ColLambda), dt.floatsOf(sub, results.ColDensity), bulkWidth*c[0][i])
		kText := count(float64(k))
		if k == len(eig[m][results.MethodLanczos])-1 {
			kText = "≥ " + kText
		}
		parts = append(parts, fmt.Sprintf("%s: %s outliers (gap ×%s), %s of the density within %g·λ_max", m, kText, num(gap), pct(mass), bulkWidth))
		allOut = allOut && k > 0
		allBulk = allBulk && mass >= bulkMass
		counts = append(counts, float64(k))
		n++
	}
	if dt.err != nil || n == 0 {
		f.Statement = "No MNIST model in the tables."
		f.Rule = "n/a: " + f.Rule
		return f
	}
	f.Statement = strings.Join(parts, "; ") + "."
	f.Value = median(counts)
	f.Agrees = agreeBoth(allOut, allBulk)
	return f
}

// outliers returns how many of the top eigenvalues (largest first) stand
// above the largest ratio of consecutive ones, and that ratio; 0 if it is
// below outlierGap.
func outliers(top []float64) (int, float64) {
	best, at := 0.0, 0
	for i := 0; i+1 < len(top); i++ {
		if top[i+1] > 0 && top[i]/top[i+1] > best {
			best, at = top[i]/top[i+1], i+1
		}
	}
	if best < outlierGap {
		return 0, best
	}
	return at, best
}

// massWithin returns the share of the density's mass (trapezoids over the
// grid lambda, sorted here) within |λ| ≤ w.
func massWithin(lambda, density []float64, w float64) float64 {
	idx := make([]int, len(lambda))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return lambda[idx[a]] < lambda[idx[b]] })
	total, in := 0.0, 0.0
	for k := 0; k+1 < len(idx); k++ {
		x0, x1 := lambda[idx[k]], lambda[idx[k+1]]
		area := (x1 - x0) * (density[idx[k]] + density[idx[k+1]]) / 2
		total += area
		if math.Abs(x0) <= w && math.Abs(x1) <= w {
			in += area
		}
	}
	if total <= 0 {
		return math.NaN()
	}
	return in / total
}

// signStructure: the share of negative eigenvalues at the min-ratio-like
// point (exact) and, estimated by SLQ, at the MNIST models.
func signStructure(eig map[string]map[string][]float64, st *tableReader) Finding {
	f := Finding{
		Literature: "Dauphin et al. 2014: critical points of low loss have few negative eigenvalues (their relation with the loss needs many points; at one point near a minimum, the negative eigenvalues should be few and small); " +
			"Sagun et al. 2017: after training, a small share of small negative eigenvalues remains.",
		Rule:  "yes if at the min-ratio-like point fewer than half the eigenvalues are negative and the most negative, if any, is smaller in magnitude than 0.1·λ_max; partly if one of the two; else no",
		Value: math.NaN(), Agrees: AgreesNA,
	}
	names, c := summaryRows(st, results.MinRatio, results.MethodExact, results.ColNegativeShare, results.ColTrainLoss, results.ColParams)
	lzNames, lz := summaryRows(st, "", results.MethodLanczos, results.ColNegativeShare)
	lzFam := st.stringsOf(st.where(results.ColMethod, results.MethodLanczos), results.ColFamily)
	var others []string
	for i, m := range lzNames {
		if i < len(lzFam) && lzFam[i] != results.MinRatio {
			others = append(others, fmt.Sprintf("%s %s", m, pct(lz[0][i])))
		}
	}
	slq := ""
	if len(others) > 0 {
		slq = " SLQ's estimate of the negative share at the MNIST models (quadrature weight below −rel_tol_float32·max|λ|; coarse, since each node stands for a cluster of eigenvalues of the bulk): " +
			strings.Join(others, ", ") + "."
	}
	if len(names) == 0 {
		f.Statement = "No exact Hessian at a min-ratio-like point." + slq
		f.Rule = "n/a: " + f.Rule
		return f
	}
	m := names[0]
	e := eig[m][results.MethodExact]
	if len(e) == 0 {
		f.Statement = fmt.Sprintf("The summary has an exact Hessian of %s at the min-ratio-like point, but %s has no exact eigenvalues of it.%s",
			m, results.HessianSpectrumEigenvalues.File, slq)
		f.Rule = "n/a: " + f.Rule
		return f
	}
	share := c[0][0]
	lmin, lmax := e[len(e)-1], e[0]
	most := fmt.Sprintf("the most negative %s = −%s·λ_max", num(lmin), num(math.Abs(lmin)/lmax))
	if lmin >= 0 {
		most = "no negative eigenvalue (smallest " + num(lmin) + ")"
	}
	f.Statement = fmt.Sprintf("At the min-ratio-like point of %s (loss %s, exact Hessian of %s parameters): %s of the eigenvalues negative (below −rel_tol·max|λ|), %s (λ_max %s).%s",
		m, num(c[1][0]), count(c[2][0]), pct(share), most, num(lmax), slq)
	f.Value = share
	f.Agrees = agreeBoth(share < 0.5, lmin >= 0 || math.Abs(lmin) < 0.1*lmax)
	return f
}
