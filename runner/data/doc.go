// Package data provides hw1's datasets: the 1-D target functions and the
// MNIST / Fashion-MNIST readers.
package data
