package models

import (
	"hw1/graphs"
	"hw1/runner/data"
)

// FitModel is one 1-D regression network: a name and its hidden widths.
type FitModel struct {
	Name   string `json:"name"`
	Hidden []int  `json:"hidden"`
}

// FitSpec is the network of one FitModel. The 1-D networks start as
// PyTorch's do (graphs.InitTorch), as in the homework's reference runs: with
// Keras's zero biases every first-layer ReLU kink of a 1-D input starts at
// x = 0, and fitting stalls far longer.
func FitSpec(m FitModel, act string, init graphs.Init, lr float64, seed int64, s graphs.SessionConfig) graphs.Spec {
	var layers []graphs.Layer
	for _, h := range m.Hidden {
		layers = append(layers, graphs.Layer{Kind: graphs.Dense, Units: h, Activation: graphs.Activation(act)})
	}
	layers = append(layers, graphs.Layer{Kind: graphs.Dense, Units: 1})
	return graphs.Spec{Input: []int{1}, Layers: layers, Loss: graphs.MSE,
		Optimizer: graphs.Optimizer{Kind: graphs.Adam, LR: lr}, Seed: seed, Init: init, Session: s}
}

// Curve samples a target function on n points of (0, 1].
func Curve(fn func(float64) float64, n int) graphs.Data {
	xs := data.Grid(n, 0, 1)
	d := graphs.Data{N: n, X: make([]float32, n), Y: make([]float32, n)}
	for i, x := range xs {
		d.X[i], d.Y[i] = float32(x), float32(fn(x))
	}
	return d
}

// DepthFits are function-fit's three networks, as deep as the homework
// report's (571-572 parameters with 1, 4 and 7 hidden layers; ours have
// 571, 571 and 568), with the activation and Adam learning rate it trains
// them with. The throughput bench times the shallow one.
func DepthFits() (nets []FitModel, activation string, lr float64) {
	return []FitModel{
		{Name: "shallow", Hidden: []int{190}},
		{Name: "medium", Hidden: []int{13, 13, 13, 12}},
		{Name: "deep", Hidden: []int{9, 9, 9, 9, 9, 9, 9}},
	}, "relu", 0.001
}
