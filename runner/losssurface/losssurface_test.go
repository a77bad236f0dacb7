package losssurface

import (
	"math"
	"strconv"
	"testing"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/data"
	"hw1/runner/models"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"hw1/runner/table"
	"hw1/runner/weightpca"
)

// TestLossSurface runs the smoke profile and checks the tables: the grids'
// sizes, the surface at (0, 0) equal to the model's own loss at θ* to the
// bit, the trajectory ending at the origin; and recomputes one corner of
// the sinc network's surface independently: θ* by training the same spec
// again, the directions from their seeds, and the loss by a forward pass
// in Go, not TensorFlow.
func TestLossSurface(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[lossSurfaceConfig](t, exp)
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	models := runnertest.ReadTable(t, env, results.LossSurfaceModels)
	surf := runnertest.ReadTable(t, env, results.LossSurfaceSurface)
	traj := runnertest.ReadTable(t, env, results.LossSurfaceTrajectory)
	names, _ := models.Strings(results.ColModel)
	centre, _ := models.Strings(results.ColTrainLoss)
	if len(names) != 3 {
		t.Fatalf("models %v, want the sinc network and two MNIST batch sizes", names)
	}
	for i, m := range names {
		rows, err := surf.Where(results.ColModel, m)
		if err != nil {
			t.Fatal(err)
		}
		random, _ := rows.Where(results.ColPlane, results.PlaneRandom)
		pca, _ := rows.Where(results.ColPlane, results.PlanePCA)
		if len(random.Rows) != cfg.GridPoints*cfg.GridPoints || len(pca.Rows) != cfg.PlanePoints*cfg.PlanePoints {
			t.Errorf("%s: %d and %d points, want %d² and %d²", m, len(random.Rows), len(pca.Rows), cfg.GridPoints, cfg.PlanePoints)
		}
		a, b := runnertest.FiniteColumn(t, random, results.ColA), runnertest.FiniteColumn(t, random, results.ColB)
		loss, _ := random.Strings(results.ColTrainLoss)
		origin := 0
		for k := range a {
			if math.Abs(a[k]) > 1 || math.Abs(b[k]) > 1 {
				t.Errorf("%s: point (%v, %v) outside [-1, 1]²", m, a[k], b[k])
			}
			if a[k] == 0 && b[k] == 0 {
				origin++
				if loss[k] != centre[i] {
					t.Errorf("%s: surface at (0, 0) = %s, the model's loss at θ* %s", m, loss[k], centre[i])
				}
			}
		}
		if origin != 1 {
			t.Errorf("%s: (0, 0) is %d times on the grid, want once", m, origin)
		}
		tr, _ := traj.Where(results.ColModel, m)
		epochs := runnertest.FiniteColumn(t, tr, results.ColEpoch)
		last := len(tr.Rows) - 1
		if len(tr.Rows) != epochsOf(cfg, m)+1 || epochs[0] != 0 || int(epochs[last]) != epochsOf(cfg, m) {
			t.Errorf("%s: trajectory epochs %v, want 0 to %d", m, epochs, epochsOf(cfg, m))
		}
		pc1, _ := tr.Strings(results.ColPC1)
		pc2, _ := tr.Strings(results.ColPC2)
		tl, _ := tr.Strings(results.ColLoss)
		if pc1[last] != "0" || pc2[last] != "0" || tl[last] != centre[i] {
			t.Errorf("%s: trajectory ends at (%s, %s) with loss %s, want the origin with %s", m, pc1[last], pc2[last], tl[last], centre[i])
		}
	}
	e1 := runnertest.FiniteColumn(t, models, results.ColPC1Explained)
	e2 := runnertest.FiniteColumn(t, models, results.ColPC2Explained)
	for i := range e1 {
		if e1[i] < e2[i] || e2[i] < 0 || e1[i]+e2[i] > 1+1e-12 {
			t.Errorf("%s: explained %v and %v", names[i], e1[i], e2[i])
		}
	}
	checkSincCorner(t, env, cfg, surf)
}

func epochsOf(cfg *lossSurfaceConfig, model string) int {
	if model == surfaceSincModel {
		return cfg.SincEpochs
	}
	return cfg.Epochs
}

// checkSincCorner recomputes the sinc network's surface at (1, 1).
func checkSincCorner(t *testing.T, env *runner.Env, cfg *lossSurfaceConfig, surf *table.Table) {
	t.Helper()
	spec := models.FitSpec(models.FitModel{Hidden: cfg.SincHidden}, cfg.SincActivation, graphs.InitTorch, cfg.SincLR, weightpca.RunSeed(env.Seed, 0), env.Session)
	if cfg.SincActivation != string(graphs.ReLU) {
		t.Fatalf("the forward pass below is for ReLU, the smoke profile has %s", cfg.SincActivation)
	}
	m, err := graphs.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	pts := models.Curve(data.Sinc, cfg.SincPoints)
	ds, err := m.Load(pts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.Fit(runner.Fit{Name: "check", Model: m, Train: ds, Epochs: cfg.SincEpochs, BatchSize: cfg.SincBatchSize,
		Seed: weightpca.ShuffleSeed(env.Seed, 0)}); err != nil {
		t.Fatal(err)
	}
	theta, err := m.Params()
	if err != nil {
		t.Fatal(err)
	}
	p := append([]float64(nil), theta...)
	for i := 1; i <= 2; i++ {
		d, err := spec.RandomDirection(theta, uint64(runner.SubSeed(env.Seed, results.LossSurface, "direction", strconv.Itoa(i))))
		if err != nil {
			t.Fatal(err)
		}
		for j := range p {
			p[j] += d[j]
		}
	}
	widths := append(append([]int{1}, cfg.SincHidden...), 1)
	want := 0.0
	for k := range pts.N {
		y := mlpForward(p, widths, float64(pts.X[k])) - float64(pts.Y[k])
		want += y * y / float64(pts.N)
	}
	rows, _ := surf.Where(results.ColModel, surfaceSincModel)
	rows, _ = rows.Where(results.ColPlane, results.PlaneRandom)
	a, b := runnertest.FiniteColumn(t, rows, results.ColA), runnertest.FiniteColumn(t, rows, results.ColB)
	loss := runnertest.FiniteColumn(t, rows, results.ColTrainLoss)
	for k := range a {
		if a[k] == 1 && b[k] == 1 {
			if math.Abs(loss[k]-want) > 1e-5*math.Max(1, want) {
				t.Errorf("sinc surface at (1, 1) = %v, a forward pass in Go gives %v", loss[k], want)
			}
			return
		}
	}
	t.Error("no point (1, 1) on the sinc network's grid")
}

// mlpForward evaluates a ReLU network with one input and one linear output
// on x: the parameters are, layer by layer, the weights [in, out]
// row-major and then the biases.
func mlpForward(p []float64, widths []int, x float64) float64 {
	h := []float64{x}
	off := 0
	for l := 1; l < len(widths); l++ {
		in, out := widths[l-1], widths[l]
		next := make([]float64, out)
		for u := range out {
			s := p[off+in*out+u]
			for i := range in {
				s += h[i] * p[off+i*out+u]
			}
			if l < len(widths)-1 {
				s = math.Max(s, 0)
			}
			next[u] = s
		}
		off += in*out + out
		h = next
	}
	return h[0]
}
