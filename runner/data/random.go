package data

import (
	"fmt"
	"math/rand/v2"
)

// Stream numbers keep the random sequences drawn for different purposes apart
// when they share a seed: the PCG generator is seeded with (seed, stream).
const (
	streamLabels  uint64 = 1 << 32
	streamShuffle uint64 = 2 << 32 // plus the epoch (low 32 bits)
)

// newRand returns a PCG generator seeded with (seed, stream).
func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}

// RandomLabels draws n labels uniformly from 0..classes-1, reproducibly from
// the seed: the same (n, classes, seed) always gives the same labels. It
// panics if classes < 1.
func RandomLabels(n, classes int, seed uint64) []int32 {
	if classes < 1 {
		panic(fmt.Sprintf("data.RandomLabels: classes must be at least 1, got %d", classes))
	}
	r := newRand(seed, streamLabels)
	labels := make([]int32, n)
	for i := range labels {
		labels[i] = int32(r.IntN(classes))
	}
	return labels
}

// Permutation returns the order in which to visit n examples during one
// epoch: a permutation of 0..n-1 that depends only on (seed, epoch). Epochs
// count from 0 and are distinct for values below 2³².
func Permutation(n int, seed uint64, epoch int) []int32 {
	r := newRand(seed, streamShuffle|uint64(uint32(epoch)))
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	r.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	return perm
}
