package report

import (
	"strconv"
	"testing"

	"hw1/runner/results"
)

// fakeSincExact are the exact eigenvalues of an 8-parameter sinc network:
// two of eight negative, the most negative 0.002 of λ_max.
var fakeSincExact = []float64{5, 2, 0.5, 0.1, 0.01, 0, -0.001, -0.01}

// fakeLossSurface writes loss-surface's tables into dir: models small
// (batch 64) and large (batch 1024) of one size, each a paraboloid
// 0.01 + steep·(a² + b²) on a 5×5 grid of [-1, 1]², and trajectories whose
// two components explain 95% and 60%.
func fakeLossSurface(t *testing.T, dir string, steepSmall, steepLarge float64) {
	t.Helper()
	writeTable(t, dir, results.LossSurfaceModels,
		[]any{"small", 100, 64, 0.01, 0.9, 0.05}, []any{"large", 100, 1024, 0.01, 0.4, 0.2})
	var surf, traj [][]any
	for _, ms := range []struct {
		m     string
		steep float64
	}{{"small", steepSmall}, {"large", steepLarge}} {
		m, steep := ms.m, ms.steep
		for i := range 5 {
			for j := range 5 {
				a, b := -1+float64(i)/2, -1+float64(j)/2
				surf = append(surf, []any{m, a, b, 0.01 + steep*(a*a+b*b), results.PlaneRandom})
				surf = append(surf, []any{m, 3 * a, b, 0.01 + steep*(a*a+b*b), results.PlanePCA})
			}
		}
		for e := range 5 {
			traj = append(traj, []any{m, e, float64(e - 4), 0, 0.01 + float64(4-e)})
		}
	}
	writeTable(t, dir, results.LossSurfaceSurface, surf...)
	writeTable(t, dir, results.LossSurfaceTrajectory, traj...)
}

// fakeHessianSpectrum writes hessian-spectrum's tables into dir: the sinc
// network (exact eigenvalues exact, Lanczos's lanczos), three models of
// sensitivity's sweep (batch 10, 100, 1000) with λ_max 2, 4, 8 and the
// given sharpness, each with ten outliers over a bulk, and a density with
// 95% of its mass at 0.
func fakeHessianSpectrum(t *testing.T, dir string, exact, lanczos, sharp []float64) {
	t.Helper()
	var eig, dens, sum [][]any
	density := func(m, method string) {
		// A box of height 47.5 on [-0.01, 0.01] (mass 0.95) and 0.05 spread
		// thinly up to λ = 10.
		for _, p := range [][2]float64{{-0.01, 47.5}, {0.01, 47.5}, {0.0100001, 0.005}, {10, 0.005}} {
			dens = append(dens, []any{m, p[0], p[1], method})
		}
	}
	for k, v := range lanczos {
		eig = append(eig, []any{"sinc", k + 1, v, results.MethodLanczos})
	}
	for k, v := range exact {
		eig = append(eig, []any{"sinc", k + 1, v, results.MethodExact})
	}
	density("sinc", results.MethodLanczos)
	density("sinc", results.MethodExact)
	sum = append(sum, []any{"sinc", 8, lanczos[0], 7.4, 0.2, results.MethodLanczos, results.MinRatio, 100, 0.001, 1e-4, 0.2},
		[]any{"sinc", 8, exact[0], 7.6, 0, results.MethodExact, results.MinRatio, 100, 0.001, 1e-4, 0.25})
	for i, bs := range []int{10, 100, 1000} {
		m := "sens-bs" + strconv.Itoa(bs)
		top := float64(int(2) << i)
		for k := range 12 {
			v := top / float64(k+1) / 10
			if k < 10 {
				v = top * (1 - 0.05*float64(k))
			}
			eig = append(eig, []any{m, k + 1, v, results.MethodLanczos})
		}
		density(m, results.MethodLanczos)
		sum = append(sum, []any{m, 16609, top, 100.0, 5.0, results.MethodLanczos, results.Sensitivity, bs, 0.1, sharp[i], 0.01})
	}
	writeTable(t, dir, results.HessianSpectrumEigenvalues, eig...)
	writeTable(t, dir, results.HessianSpectrumDensity, dens...)
	writeTable(t, dir, results.HessianSpectrumSummary, sum...)
}
