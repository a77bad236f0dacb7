package plots

import (
	"math"
	"slices"
	"testing"

	"hw1/runner/results"
)

// fixtureLossSurface: two models of one size, small and large batch, each
// a paraboloid on a 5×5 random plane (the large batch's 4 times as
// steep), a 4×4 principal-component plane and a trajectory of 5 epochs
// ending at the origin.
func fixtureLossSurface(t *testing.T, dir string) {
	t.Helper()
	models := results.LossSurfaceModels.New(false)
	surf := results.LossSurfaceSurface.New(false)
	traj := results.LossSurfaceTrajectory.New(false)
	for m, name := range []string{"small", "large"} {
		steep := 1 + 3*float64(m)
		appendRow(t, models, cells{results.ColModel: name, results.ColParams: 100, results.ColBatchSize: 64 << (4 * m),
			results.ColTrainLoss: 0.01, results.ColPC1Explained: 0.9, results.ColPC2Explained: 0.08})
		for i := range 5 {
			for j := range 5 {
				a, b := -1+float64(i)/2, -1+float64(j)/2
				appendRow(t, surf, cells{results.ColModel: name, results.ColA: a, results.ColB: b,
					results.ColTrainLoss: 0.01 + steep*(a*a+b*b), results.ColPlane: results.PlaneRandom})
			}
		}
		for i := range 4 {
			for j := range 4 {
				a, b := -2.5+float64(i), -0.3+0.2*float64(j)
				appendRow(t, surf, cells{results.ColModel: name, results.ColA: a, results.ColB: b,
					results.ColTrainLoss: 0.01 + 0.1*steep*(a*a+10*b*b), results.ColPlane: results.PlanePCA})
			}
		}
		for e := range 5 {
			appendRow(t, traj, cells{results.ColModel: name, results.ColEpoch: e, results.ColPC1: -0.5 * float64(4-e),
				results.ColPC2: 0.2 * math.Sin(float64(4-e)), results.ColLoss: 0.01 + 0.2*float64(4-e)})
		}
	}
	writeTable(t, dir, results.LossSurfaceModels, models)
	writeTable(t, dir, results.LossSurfaceSurface, surf)
	writeTable(t, dir, results.LossSurfaceTrajectory, traj)
}

// fixtureHessianSpectrum: an 8-parameter sinc network with Lanczos and
// exact eigenvalues, two models of sensitivity's sweep, and densities of
// two Gaussian bumps (a bulk at 0 and an outlier).
func fixtureHessianSpectrum(t *testing.T, dir string) {
	t.Helper()
	eig := results.HessianSpectrumEigenvalues.New(false)
	dens := results.HessianSpectrumDensity.New(false)
	sum := results.HessianSpectrumSummary.New(false)
	exact := []float64{5, 2, 0.5, 0.1, 0.01, 0, -0.001, -0.02}
	type model struct {
		name, family string
		batch        int
		top          []float64
		sharp        float64
	}
	ms := []model{
		{"sinc", results.MinRatio, 100, exact[:5], 1e-4},
		{"sens-bs16", results.Sensitivity, 16, []float64{6, 4, 3, 0.2, 0.1}, 0.02},
		{"sens-bs500", results.Sensitivity, 500, []float64{15, 9, 8, 0.5, 0.3}, 0.03},
	}
	grid := []float64{0}
	for k := range 25 {
		v := 1e-4 * math.Pow(10, float64(k)/4)
		grid = append(grid, v, -v)
	}
	for _, m := range ms {
		methods := []string{results.MethodLanczos}
		if m.family == results.MinRatio {
			methods = append(methods, results.MethodExact)
		}
		for _, method := range methods {
			vals := m.top
			if method == results.MethodExact {
				vals = exact
			}
			for k, v := range vals {
				appendRow(t, eig, cells{results.ColModel: m.name, results.ColIndex: k + 1, results.ColEigenvalue: v, results.ColMethod: method})
			}
			for _, l := range slices.Sorted(slices.Values(grid)) {
				d := 0.9*gauss(l, 0, 0.01) + 0.1*gauss(l, m.top[0], 0.05)
				appendRow(t, dens, cells{results.ColModel: m.name, results.ColLambda: l, results.ColDensity: d, results.ColMethod: method})
			}
			appendRow(t, sum, cells{results.ColModel: m.name, results.ColParams: 8, results.ColTopEigenvalue: vals[0],
				results.ColTrace: 7.6, results.ColTraceStderr: 0.3, results.ColMethod: method, results.ColFamily: m.family,
				results.ColBatchSize: m.batch, results.ColTrainLoss: 0.01, results.ColSharpness: m.sharp, results.ColNegativeShare: 0.25})
		}
	}
	writeTable(t, dir, results.HessianSpectrumEigenvalues, eig)
	writeTable(t, dir, results.HessianSpectrumDensity, dens)
	writeTable(t, dir, results.HessianSpectrumSummary, sum)
}

func gauss(x, mu, sigma float64) float64 {
	d := (x - mu) / sigma
	return math.Exp(-d*d/2) / (sigma * math.Sqrt(2*math.Pi))
}
