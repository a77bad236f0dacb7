// Package models holds the networks and data helpers that several of hw1's
// experiments (and the throughput bench) share: the small 1-D regression
// networks and the target curves they fit, the MNIST classifiers (MLPs and
// CNNs) with their data resident in the graph, and the named models whose
// settings more than one experiment trains. Each is stated once here and
// imported, so that one experiment cannot change another's by accident.
//
// It builds on package graphs and the datasets of runner/data, and knows
// nothing of the runner or of any one experiment.
package models
