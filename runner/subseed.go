package runner

import (
	"encoding/binary"
	"hash/fnv"
)

// SubSeed derives an independent, repeatable seed for one part of an
// experiment (a model, a run, a shuffle) from the run's seed and the part's
// names, so that parts do not share random streams and adding a part does
// not change the others.
func SubSeed(seed int64, parts ...string) int64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(seed))
	h.Write(b[:])
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return int64(h.Sum64() >> 1)
}
