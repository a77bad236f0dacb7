package graphs

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// This file holds the loss surface of Li et al. 2018 ("Visualizing the
// Loss Landscape of Neural Nets"): the loss on the plane θ* + a·δ + b·η
// spanned by two random, filter-normalised directions δ and η.

// FilterNormalize returns dir scaled unit by unit to theta, as Li et al.
// 2018 normalise a random direction: for every layer with weights, the
// entries of one output unit, a Dense layer's column weights[:, u] (the
// weights into unit u) or a Conv2D layer's filter weights[:, :, :, f], are
// scaled so that their 2-norm equals the norm of the same entries of
// theta; every bias entry is set to 0. A unit whose entries of dir are all
// zero stays zero. dir and theta are in the order of Model.Params; dir is
// not changed.
func (s Spec) FilterNormalize(dir, theta []float64) ([]float64, error) {
	p, err := s.plan()
	if err != nil {
		return nil, err
	}
	n, err := s.NumParams()
	if err != nil {
		return nil, err
	}
	if len(dir) != n || len(theta) != n {
		return nil, fmt.Errorf("filter normalisation: direction of %d and parameters of %d values, but the model has %d parameters",
			len(dir), len(theta), n)
	}
	out := make([]float64, n)
	off := 0
	for _, l := range p.layers {
		if l.weightShape == nil {
			continue
		}
		// The weights are row-major with the output units (Dense units,
		// Conv2D filters) last: unit u holds entries u, u+units, ….
		size := prod(l.weightShape)
		units := l.weightShape[len(l.weightShape)-1]
		w, t := dir[off:off+size], theta[off:off+size]
		for u := range units {
			var dn, tn float64
			for i := u; i < size; i += units {
				dn += w[i] * w[i]
				tn += t[i] * t[i]
			}
			if dn == 0 {
				continue
			}
			f := math.Sqrt(tn) / math.Sqrt(dn)
			for i := u; i < size; i += units {
				out[off+i] = w[i] * f
			}
		}
		off += size + prod(l.biasShape) // biases stay 0
	}
	return out, nil
}

// RandomDirection draws a direction from seed, standard normal entry by
// entry, and filter-normalises it to theta (FilterNormalize): Li et al.'s
// random direction for a loss surface around theta.
func (s Spec) RandomDirection(theta []float64, seed uint64) ([]float64, error) {
	rng := rand.New(rand.NewPCG(seed, 0x737572666163)) // "surface"
	dir := make([]float64, len(theta))
	for i := range dir {
		dir[i] = rng.NormFloat64()
	}
	return s.FilterNormalize(dir, theta)
}

// Surface is the loss on a grid of the plane θ + a·δ + b·η.
type Surface struct {
	A, B []float64 // the coordinates along δ and η
	// Loss[i·len(B)+j] is the mean loss over the dataset at
	// θ + A[i]·δ + B[j]·η.
	Loss []float64
	// Accuracy holds the accuracies likewise, for classifiers; nil for
	// MSE models.
	Accuracy []float64
}

// LossSurface evaluates the mean loss (and accuracy) over all of ds at
// θ + a·δ + b·η for every a in as and b in bs, batchSize examples per run
// (as Evaluate; the loss at a = b = 0 is Evaluate's at θ, to the bit).
// With d2 and bs nil it evaluates the line θ + a·δ (B = {0}). Each point
// is one SetParams and Evaluate on the same graph: nothing is built per
// point. The model's parameters are restored afterwards, also on error.
func (m *Model) LossSurface(ds *Dataset, batchSize int, theta, d1, d2, as, bs []float64) (surf Surface, err error) {
	if batchSize <= 0 {
		return Surface{}, fmt.Errorf("loss surface: batch size %d, want a positive number", batchSize)
	}
	if ds == nil {
		return Surface{}, errors.New("loss surface: no dataset")
	}
	if d2 == nil && bs == nil {
		d2, bs = make([]float64, len(theta)), []float64{0}
	}
	if len(theta) != m.nParams || len(d1) != m.nParams || len(d2) != m.nParams {
		return Surface{}, fmt.Errorf("loss surface: θ, δ and η have %d, %d and %d values, but the model has %d parameters",
			len(theta), len(d1), len(d2), m.nParams)
	}
	if len(as) == 0 || len(bs) == 0 {
		return Surface{}, fmt.Errorf("loss surface: %d by %d points, want at least one each way", len(as), len(bs))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return Surface{}, fmt.Errorf("loss surface: %w", err)
	}
	batches, err := m.evalBatches(ds, batchSize)
	if err != nil {
		return Surface{}, fmt.Errorf("loss surface: %w", err)
	}
	saved, err := m.paramsLocked()
	if err != nil {
		return Surface{}, fmt.Errorf("loss surface: %w", err)
	}
	defer func() {
		if rerr := m.setParamsLocked(saved); rerr != nil {
			err = errors.Join(err, fmt.Errorf("loss surface: restore parameters: %w", rerr))
		}
	}()
	surf = Surface{A: append([]float64(nil), as...), B: append([]float64(nil), bs...), Loss: make([]float64, 0, len(as)*len(bs))}
	classifier := m.spec.Loss == SoftmaxCrossEntropy
	if classifier {
		surf.Accuracy = make([]float64, 0, len(as)*len(bs))
	}
	p := make([]float64, m.nParams)
	for _, a := range as {
		for _, b := range bs {
			for i, t := range theta {
				p[i] = t + a*d1[i] + b*d2[i]
			}
			if err := m.setParamsLocked(p); err != nil {
				return Surface{}, fmt.Errorf("loss surface at (%v, %v): %w", a, b, err)
			}
			met, err := m.evaluateLocked(ds.n, batches)
			if err != nil {
				return Surface{}, fmt.Errorf("loss surface at (%v, %v): %w", a, b, err)
			}
			surf.Loss = append(surf.Loss, met.Loss)
			if classifier {
				surf.Accuracy = append(surf.Accuracy, met.Accuracy)
			}
		}
	}
	return surf, nil
}
