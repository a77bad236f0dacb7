package models

import (
	"fmt"

	"hw1/graphs"
	"hw1/runner/data"
)

// ImageData hands an image set to graphs: pixels as they are (the flat
// 28·28 layout is also the NHWC layout with one channel), labels as class ids.
func ImageData(s *data.Set) graphs.Data {
	return graphs.Data{N: s.N, X: s.Pixels, Labels: s.Labels}
}

// Head returns the first n examples of s; n <= 0 or n >= s.N means all.
func Head(s *data.Set, n int) *data.Set {
	if n <= 0 || n >= s.N {
		return s
	}
	return s.Head(n)
}

// Classifier trains and evaluates one image classifier: the model with its
// training and test sets resident in the graph.
type Classifier struct {
	Model       *graphs.Model
	Train, Test *graphs.Dataset // Test is nil when built without a test set
}

// NewClassifier builds spec and loads train and test (nil: none) into it.
func NewClassifier(name string, spec graphs.Spec, train, test *data.Set) (*Classifier, error) {
	m, err := graphs.New(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &Classifier{Model: m}
	if c.Train, err = m.Load(ImageData(train)); err == nil && test != nil {
		c.Test, err = m.Load(ImageData(test))
	}
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("%s: load data: %w", name, err)
	}
	return c, nil
}

// Close closes the classifier's model.
func (c *Classifier) Close() error { return c.Model.Close() }

// CNNSpec is a classifier of 28x28 grey images.
func CNNSpec(layers []graphs.Layer, lr float64, seed int64, s graphs.SessionConfig) graphs.Spec {
	return graphs.Spec{Input: []int{28, 28, 1}, Layers: layers, Loss: graphs.SoftmaxCrossEntropy,
		Optimizer: graphs.Optimizer{Kind: graphs.Adam, LR: lr}, Seed: seed, Session: s}
}

// MLPSpec is a fully connected ReLU classifier of flat 784-pixel images.
func MLPSpec(hidden []int, lr float64, seed int64, s graphs.SessionConfig) graphs.Spec {
	var layers []graphs.Layer
	for _, h := range hidden {
		layers = append(layers, graphs.Layer{Kind: graphs.Dense, Units: h, Activation: graphs.ReLU})
	}
	layers = append(layers, graphs.Layer{Kind: graphs.Dense, Units: 10})
	return graphs.Spec{Input: []int{784}, Layers: layers, Loss: graphs.SoftmaxCrossEntropy,
		Optimizer: graphs.Optimizer{Kind: graphs.Adam, LR: lr}, Seed: seed, Session: s}
}
