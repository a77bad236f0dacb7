package losssurface

import (
	"fmt"
	"math"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/pca"
	"hw1/runner/results"
	"hw1/runner/table"
)

// surfaceTables are loss-surface's three tables, rewritten after every
// model.
type surfaceTables struct {
	models, surface, trajectory *table.Table
}

func newSurfaceTables() *surfaceTables {
	return &surfaceTables{
		models:     results.LossSurfaceModels.New(false),
		surface:    results.LossSurfaceSurface.New(false),
		trajectory: results.LossSurfaceTrajectory.New(false),
	}
}

func (o *surfaceTables) write(env *runner.Env) error {
	return env.WriteTables(runner.TableOut{Spec: results.LossSurfaceModels, Rows: o.models}, runner.TableOut{Spec: results.LossSurfaceSurface, Rows: o.surface},
		runner.TableOut{Spec: results.LossSurfaceTrajectory, Rows: o.trajectory})
}

// surfaceOf trains m, keeping its parameters after every epoch, and
// evaluates its surfaces: the random plane and the principal-component
// plane of its trajectory.
func surfaceOf(env *runner.Env, cfg *lossSurfaceConfig, m surfaceModel, out *surfaceTables) error {
	name := results.LossSurface + "/" + m.name
	model, err := graphs.New(m.spec)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer model.Close()
	train, err := model.Load(m.train)
	if err != nil {
		return fmt.Errorf("%s: load data: %w", name, err)
	}
	surf := train
	if m.surface.N > 0 {
		if surf, err = model.Load(m.surface); err != nil {
			return fmt.Errorf("%s: load the surface's examples: %w", name, err)
		}
	}
	theta0, err := model.Params()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	snaps := [][]float64{theta0}
	_, err = env.Fit(runner.Fit{Name: name, Model: model, Train: train, Epochs: m.epochs, BatchSize: m.batchSize, Seed: m.shuffle, EvalEvery: 1,
		Hooks: []runner.Hook{runner.OnEpoch("snapshots", func(runner.Epoch) error {
			p, err := model.Params()
			snaps = append(snaps, p)
			return err
		})}})
	if err != nil {
		return err
	}
	theta := snaps[len(snaps)-1]

	// The random plane.
	var dirs [2][]float64
	for i := range dirs {
		if dirs[i], err = m.spec.RandomDirection(theta, uint64(runner.SubSeed(env.Seed, results.LossSurface, "direction", fmt.Sprint(i+1)))); err != nil {
			return fmt.Errorf("%s: direction %d: %w", name, i+1, err)
		}
	}
	grid := symmetricGrid(cfg.GridPoints)
	s, err := lossGrid(env, name+" surface", model, surf, theta, dirs[0], dirs[1], grid, grid)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := out.appendSurface(m.name, results.PlaneRandom, s); err != nil {
		return err
	}

	// The trajectory and its plane.
	ax, err := pca.PrincipalAxes(snaps)
	if err != nil {
		return fmt.Errorf("%s: trajectory: %w", name, err)
	}
	if ax.Dirs[1] == nil {
		ax.Dirs[1] = make([]float64, len(theta))
	}
	pcs := make([][2]float64, len(snaps))
	var center graphs.Metrics // at θ*, the trajectory's last point
	for t, p := range snaps {
		for c, u := range ax.Dirs {
			for j, v := range p {
				pcs[t][c] += (v - theta[j]) * u[j]
			}
		}
		if err := model.SetParams(p); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		met, err := model.Evaluate(surf, runner.EvalBatch)
		if err != nil {
			return fmt.Errorf("%s: evaluate epoch %d: %w", name, t, err)
		}
		if err := results.LossSurfaceTrajectory.Append(out.trajectory, results.Row{results.ColModel: m.name, results.ColEpoch: t,
			results.ColPC1: pcs[t][0], results.ColPC2: pcs[t][1], results.ColLoss: met.Loss}); err != nil {
			return err
		}
		center = met
	}
	as, bs := planeRange(pcs, 0, cfg.PlanePoints, cfg.PlaneMargin), planeRange(pcs, 1, cfg.PlanePoints, cfg.PlaneMargin)
	ps, err := lossGrid(env, name+" pca plane", model, surf, theta, ax.Dirs[0], ax.Dirs[1], as, bs)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := out.appendSurface(m.name, results.PlanePCA, ps); err != nil {
		return err
	}
	env.Note("model %s: %d parameters; trajectory of %d snapshots, PC 1 and PC 2 explain %.1f%% and %.1f%% of its variance",
		m.name, len(theta), len(snaps), 100*ax.Explained[0], 100*ax.Explained[1])
	return results.LossSurfaceModels.Append(out.models, results.Row{results.ColModel: m.name, results.ColParams: len(theta), results.ColBatchSize: m.batchSize,
		results.ColTrainLoss: center.Loss, results.ColPC1Explained: ax.Explained[0], results.ColPC2Explained: ax.Explained[1]})
}

// appendSurface appends the points of s in the plane plane.
func (o *surfaceTables) appendSurface(model, plane string, s graphs.Surface) error {
	for i, a := range s.A {
		for j, b := range s.B {
			if err := results.LossSurfaceSurface.Append(o.surface, results.Row{results.ColModel: model, results.ColA: a, results.ColB: b,
				results.ColTrainLoss: s.Loss[i*len(s.B)+j], results.ColPlane: plane}); err != nil {
				return err
			}
		}
	}
	return nil
}

// lossGrid evaluates the loss over ds on the grid as × bs of the plane
// θ + a·d1 + b·d2 (Model.LossSurface, on one graph), a row of the grid per
// call, so that progress shows.
func lossGrid(env *runner.Env, what string, m *graphs.Model, ds *graphs.Dataset, theta, d1, d2, as, bs []float64) (graphs.Surface, error) {
	bar := env.StartProgress(what, len(as)*len(bs))
	defer bar.Done()
	out := graphs.Surface{A: as, B: bs}
	for i, a := range as {
		if err := env.Canceled(); err != nil {
			return out, err
		}
		row, err := m.LossSurface(ds, runner.EvalBatch, theta, d1, d2, []float64{a}, bs)
		if err != nil {
			return out, err
		}
		out.Loss = append(out.Loss, row.Loss...)
		bar.Update((i+1)*len(bs), row.Loss[len(row.Loss)/2])
	}
	return out, nil
}

// symmetricGrid returns n values evenly spaced over [-1, 1], each an exact
// integer ratio, so that an odd n has exactly 0 in the middle.
func symmetricGrid(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(2*i-(n-1)) / float64(n-1)
	}
	return out
}

// planeRange returns n values evenly spaced over the range of coordinate
// c of pts, widened by margin of it on each side (±1 if the range is
// empty).
func planeRange(pts [][2]float64, c, n int, margin float64) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lo, hi = min(lo, p[c]), max(hi, p[c])
	}
	w := hi - lo
	if !(w > 0) {
		lo, hi, w = lo-1, hi+1, 2
	}
	lo, hi = lo-margin*w, hi+margin*w
	out := make([]float64, n)
	for i := range out {
		out[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return out
}
