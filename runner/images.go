package runner

import (
	"fmt"

	"hw1/graphs"
	"hw1/runner/data"
)

// imageData hands an image set to graphs: pixels as they are (the flat
// 28·28 layout is also the NHWC layout with one channel), labels as class ids.
func imageData(s *data.Set) graphs.Data {
	return graphs.Data{N: s.N, X: s.Pixels, Labels: s.Labels}
}

// head returns the first n examples of s; n <= 0 or n >= s.N means all.
func head(s *data.Set, n int) *data.Set {
	if n <= 0 || n >= s.N {
		return s
	}
	return s.Head(n)
}

// classifier trains and evaluates one image classifier: the model with its
// training and test sets resident in the graph.
type classifier struct {
	model       *graphs.Model
	train, test *graphs.Dataset
}

// newClassifier builds spec and loads train and test into it.
func newClassifier(name string, spec graphs.Spec, train, test *data.Set) (*classifier, error) {
	m, err := graphs.New(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &classifier{model: m}
	if c.train, err = m.Load(imageData(train)); err == nil && test != nil {
		c.test, err = m.Load(imageData(test))
	}
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("%s: load data: %w", name, err)
	}
	return c, nil
}

func (c *classifier) Close() error { return c.model.Close() }

// cnnSpec is a classifier of 28x28 grey images.
func cnnSpec(layers []graphs.Layer, lr float64, seed int64, s graphs.SessionConfig) graphs.Spec {
	return graphs.Spec{Input: []int{28, 28, 1}, Layers: layers, Loss: graphs.SoftmaxCrossEntropy,
		Optimizer: graphs.Optimizer{Kind: graphs.Adam, LR: lr}, Seed: seed, Session: s}
}

// mlpSpec is a fully connected ReLU classifier of flat 784-pixel images.
func mlpSpec(hidden []int, lr float64, seed int64, s graphs.SessionConfig) graphs.Spec {
	var layers []graphs.Layer
	for _, h := range hidden {
		layers = append(layers, graphs.Layer{Kind: graphs.Dense, Units: h, Activation: graphs.ReLU})
	}
	layers = append(layers, graphs.Layer{Kind: graphs.Dense, Units: 10})
	return graphs.Spec{Input: []int{784}, Layers: layers, Loss: graphs.SoftmaxCrossEntropy,
		Optimizer: graphs.Optimizer{Kind: graphs.Adam, LR: lr}, Seed: seed, Session: s}
}
