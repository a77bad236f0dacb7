package report

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"hw1/runner/results"
)

// widthFactor sets loss-surface's width threshold: τ = widthFactor × the
// higher of the two compared minima's losses.
const widthFactor = 2

// trajectoryShareRule is the share of variance the trajectory's two
// principal components must explain to agree with Li et al.
const trajectoryShareRule = 0.5

// lossSurfaceFindings: the models and their surfaces; the width of the
// small- against the large-batch minimum; the trajectory's share of
// variance on its two principal components.
func lossSurfaceFindings(f *folder) ([]Finding, error) {
	mt := readTable(f, results.LossSurfaceModels)
	names := mt.strings(results.ColModel)
	params := mt.floats(results.ColParams)
	batch := mt.floats(results.ColBatchSize)
	center := mt.floats(results.ColTrainLoss)
	pc1 := mt.floats(results.ColPC1Explained)
	pc2 := mt.floats(results.ColPC2Explained)
	if mt.err != nil {
		return nil, mt.err
	}
	st := readTable(f, results.LossSurfaceSurface)
	random := st.where(results.ColPlane, results.PlaneRandom)
	if st.err != nil {
		return nil, st.err
	}
	// widthOf returns the area of model's random-plane grid where the loss
	// is at most tau (the share of grid points there times the grid's
	// area), the grid's area (a_max − a_min)·(b_max − b_min), and its
	// number of points.
	widthOf := func(model string, tau float64) (area, gridArea float64, points int) {
		rows, err := random.Where(results.ColModel, model)
		if err != nil {
			return math.NaN(), math.NaN(), 0
		}
		loss := st.floatsOf(rows, results.ColTrainLoss)
		a := st.floatsOf(rows, results.ColA)
		b := st.floatsOf(rows, results.ColB)
		if len(loss) == 0 {
			return math.NaN(), math.NaN(), 0
		}
		below := 0
		for _, l := range loss {
			if l <= tau {
				below++
			}
		}
		aLo, aHi := minMax(a)
		bLo, bHi := minMax(b)
		gridArea = (aHi - aLo) * (bHi - bLo)
		return float64(below) / float64(len(loss)) * gridArea, gridArea, len(loss)
	}
	var desc []string
	for i, m := range names {
		_, _, pts := widthOf(m, math.Inf(1))
		desc = append(desc, fmt.Sprintf("%s (%s parameters, batch %s, loss at θ* %s, %s grid points)", m, count(params[i]), count(batch[i]), num(center[i]), count(float64(pts))))
	}
	if st.err != nil {
		return nil, st.err
	}
	describe := Finding{
		Statement:  fmt.Sprintf("%s: %s.", plural(len(names), "model"), strings.Join(desc, "; ")),
		Literature: "Li et al. 2018: plot L(θ* + a·δ + b·η) for random Gaussian directions δ, η normalised filter by filter to θ*, so that surfaces of different networks compare.",
		Agrees:     AgreesNA,
		Rule:       "n/a: a description of the run",
		Value:      float64(len(names)),
	}

	// The pair: the models of one size trained with different batches.
	small, large := -1, -1
	for i := range names {
		for j := range names {
			if i != j && params[i] == params[j] && batch[i] < batch[j] && (small < 0 || batch[j]-batch[i] > batch[large]-batch[small]) {
				small, large = i, j
			}
		}
	}
	width := Finding{
		Literature: "Keskar et al. 2017 and Li et al. 2018 (filter-normalised plots): small-batch training ends in wider minima than large-batch training.",
		Rule: fmt.Sprintf("width = area of the random plane's (a, b) grid where the train loss is ≤ τ = %d × the higher of the two minima's losses "+
			"(the share of grid points below τ times the grid's area (a_max − a_min)·(b_max − b_min)); yes if the small batch's width is larger, no if smaller or equal",
			widthFactor),
	}
	if small < 0 {
		width.Statement = "No two models of the same size with different batch sizes: no width to compare."
		width.Agrees, width.Value = AgreesNA, math.NaN()
		width.Rule = "n/a: " + width.Rule
	} else {
		tau := widthFactor * math.Max(center[small], center[large])
		ws, gs, _ := widthOf(names[small], tau)
		wl, gl, _ := widthOf(names[large], tau)
		area := "the grid's area " + num(gs)
		if gs != gl {
			area = fmt.Sprintf("grids of area %s and %s", num(gs), num(gl))
		}
		width.Statement = fmt.Sprintf("Width at train loss ≤ τ = %s: batch %s (%s) %s, batch %s (%s) %s of %s; ratio small/large %s.",
			num(tau), count(batch[small]), names[small], num(ws), count(batch[large]), names[large], num(wl), area, num(ws/wl))
		width.Value = ws / wl
		width.Agrees = agreeIf(ws > wl)
	}

	// The trajectories, when trajectory.csv is there (the figures do
	// without it too).
	trajLiterature := "Li et al. 2018, section 7: optimisation trajectories lie in a very low-dimensional space; " +
		"two principal components of the snapshots θ_t − θ* capture most of their variation."
	trajRule := "yes if the two components explain at least " + strconv.Itoa(int(100*trajectoryShareRule)) + "% for every model, else no (with m snapshots, two of the m − 1 components explain 2/(m − 1) of isotropic noise)"
	tt := readTable(f, results.LossSurfaceTrajectory)
	if te := (*tableError)(nil); errors.As(tt.err, &te) && te.missing {
		traj := Finding{
			Statement:  "No trajectory to judge: " + te.Error() + ".",
			Literature: trajLiterature,
			Agrees:     AgreesNA,
			Rule:       "n/a: " + trajRule,
			Value:      math.NaN(),
		}
		return []Finding{describe, width, traj}, nil
	}
	var shares []string
	all, worst := true, math.Inf(1)
	for i, m := range names {
		snaps := len(tt.where(results.ColModel, m).Rows)
		share := pc1[i] + pc2[i]
		worst = math.Min(worst, share)
		chance := ""
		if snaps > 2 {
			chance = fmt.Sprintf(", chance level for %d snapshots %s", snaps, pct(math.Min(1, 2/float64(snaps-1))))
		}
		shares = append(shares, fmt.Sprintf("%s %s (PC 1 %s, PC 2 %s%s)", m, pct(share), pct(pc1[i]), pct(pc2[i]), chance))
		all = all && share >= trajectoryShareRule
	}
	if tt.err != nil {
		return nil, tt.err
	}
	traj := Finding{
		Statement:  "Share of the training trajectory's variance on its first two principal components: " + strings.Join(shares, "; ") + ".",
		Literature: trajLiterature,
		Agrees:     agreeIf(all),
		Rule:       trajRule,
		Value:      worst,
	}
	return []Finding{describe, width, traj}, nil
}
