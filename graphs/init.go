package graphs

import (
	"math"
	"math/rand/v2"
)

// initialParams draws the initial parameters of every layer from seed, in
// the flat order of Model.Params: layer order, weights then biases.
//
// Weights follow Keras's initialisers chosen by activation: He uniform
// (limit √(6/fan_in)) for ReLU, LeCun normal (normal with σ = √(1/fan_in),
// truncated at 2σ and rescaled as Keras does) for SELU, Glorot uniform
// (limit √(6/(fan_in+fan_out))) otherwise. Biases start at zero. For a
// Conv2D layer fan_in = k·k·in_channels and fan_out = k·k·filters.
// With InitTorch, weights and biases are uniform in ±1/√fan_in instead.
func initialParams(p plan, seed int64, init Init) []float64 {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x68773120696e6974)) // "hw1 init"
	var out []float64
	for _, l := range p.layers {
		if l.weightShape == nil {
			continue
		}
		w := make([]float64, prod(l.weightShape))
		if init == InitTorch {
			limit := 1 / math.Sqrt(float64(l.fanIn))
			b := make([]float64, prod(l.biasShape))
			for _, v := range [][]float64{w, b} {
				for i := range v {
					v[i] = (2*rng.Float64() - 1) * limit
				}
			}
			out = append(append(out, w...), b...)
			continue
		}
		switch l.Activation {
		case ReLU:
			limit := math.Sqrt(6 / float64(l.fanIn))
			for i := range w {
				w[i] = (2*rng.Float64() - 1) * limit
			}
		case SELU:
			// Keras's truncated normal keeps draws within 2σ; dividing by
			// the standard deviation of a unit normal truncated at ±2
			// restores variance 1/fan_in.
			const truncatedStd = 0.87962566103423978
			sigma := math.Sqrt(1/float64(l.fanIn)) / truncatedStd
			for i := range w {
				z := rng.NormFloat64()
				for math.Abs(z) > 2 {
					z = rng.NormFloat64()
				}
				w[i] = z * sigma
			}
		default:
			limit := math.Sqrt(6 / float64(l.fanIn+l.fanOut))
			for i := range w {
				w[i] = (2*rng.Float64() - 1) * limit
			}
		}
		out = append(out, w...)
		out = append(out, make([]float64, prod(l.biasShape))...)
	}
	return out
}
