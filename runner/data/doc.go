// Package data provides hw1's datasets: the 1-D target functions the
// deep-vs-shallow and optimization experiments fit (sinc, square) with their
// input grids, the MNIST / Fashion-MNIST readers (IDX files, gzipped or not,
// and Kaggle-style CSV files), subsets of an image set, and the seeded
// randomness the experiments share (random labels, per-epoch shuffles).
//
// Everything random is reproducible: a draw depends only on its seed (and,
// for shuffles, the epoch), through math/rand/v2's PCG generator.
//
// A Set is read-only once built: Head and WithLabels return
// new Sets, which may share pixel memory with the one they came from.
package data
