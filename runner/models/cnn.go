package models

import "hw1/graphs"

// CNNModel is one named network of CNNSpec's layers.
type CNNModel struct {
	Name   string         `json:"name"`
	Layers []graphs.Layer `json:"layers"`
}

// DepthCNNs are mnist-depth's two CNNs, within 1% of each other in size:
// 113,718 and 114,314 parameters, with one and two convolutions. The
// throughput bench times the deep one.
func DepthCNNs() []CNNModel {
	conv := func(f int) graphs.Layer {
		return graphs.Layer{Kind: graphs.Conv2D, Filters: f, Kernel: 5, Activation: graphs.ReLU}
	}
	pool := graphs.Layer{Kind: graphs.MaxPool, Pool: 2}
	flat := graphs.Layer{Kind: graphs.Flatten}
	dense := func(u int, a graphs.Activation) graphs.Layer {
		return graphs.Layer{Kind: graphs.Dense, Units: u, Activation: a}
	}
	return []CNNModel{
		{Name: "shallow", Layers: []graphs.Layer{conv(16), pool, flat, dense(36, graphs.ReLU), dense(10, "")}},
		{Name: "deep", Layers: []graphs.Layer{conv(16), pool, conv(32), pool, flat, dense(64, graphs.ReLU), dense(10, "")}},
	}
}
