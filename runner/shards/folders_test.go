package shards

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/results"
)

// fakeRow is a row of spec for run k: the key k, then a value of each
// column's kind in its range, which grows with k and offset (k/8 + offset,
// or that squeezed below the column's bound).
func fakeRow(spec results.Table, k int, offset float64) results.Row {
	row := results.Row{spec.Columns[0].Name: k}
	for _, c := range spec.Columns[1:] {
		if c.Optional {
			continue
		}
		switch c.Kind {
		case results.Int:
			row[c.Name] = k
		case results.Float:
			x := float64(k)/8 + offset
			if c.Range.Max < math.Inf(1) {
				x = c.Range.Max * x / (1 + x)
			}
			row[c.Name] = x
		case results.Bool:
			row[c.Name] = k%2 == 0
		default:
			row[c.Name] = "x"
		}
	}
	return row
}

// writeShard writes a fake shard folder of min-ratio: a manifest with
// status and shards, and the rows of keys with offset.
func writeShard(t *testing.T, status string, shards []string, keys []int, offset float64) string {
	t.Helper()
	dir := t.TempDir()
	exp := filepath.Join(dir, results.MinRatio)
	m := &results.Manifest{Experiment: results.MinRatio, Profile: "smoke", Seed: 1, Config: map[string]any{"runs": 6}, Status: status, Shards: shards}
	if err := m.Write(exp); err != nil {
		t.Fatal(err)
	}
	spec := results.MinRatioPoints
	tb := spec.New(false)
	for _, k := range keys {
		if err := spec.Append(tb, fakeRow(spec, k, offset)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tb.Write(filepath.Join(exp, spec.File)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestMergeRefusesConflictsAndCallsGapsIncomplete(t *testing.T) {
	s0 := writeShard(t, results.StatusDone, []string{"0/3"}, []int{0, 3}, 0)
	s1 := writeShard(t, results.StatusDone, []string{"1/3"}, []int{1, 4}, 0)
	s2 := writeShard(t, results.StatusDone, []string{"2/3"}, []int{2, 5}, 0)
	s2other := writeShard(t, results.StatusDone, []string{"2/3"}, []int{2, 5}, 0.5)
	s2half := writeShard(t, results.StatusInterrupted, []string{"2/3"}, []int{2}, 0)
	status := func(out string) string {
		m, err := results.ReadManifest(filepath.Join(out, results.MinRatio))
		if err != nil {
			t.Fatal(err)
		}
		return m.Status
	}
	out := t.TempDir()
	if _, err := Merge(out, []string{s0, s1, s2}, nil); err != nil || status(out) != results.StatusDone {
		t.Fatalf("complete merge: %v, status %s", err, status(out))
	}
	// The same rows twice are one run; different rows for one key are not.
	if _, err := Merge(t.TempDir(), []string{s0, s1, s2, s2}, nil); err != nil {
		t.Errorf("a shard given twice: %v", err)
	}
	_, err := Merge(t.TempDir(), []string{s0, s1, s2, s2other}, nil)
	var conflict *ConflictError
	if !errors.As(err, &conflict) || conflict.Key != "2" || !strings.Contains(err.Error(), s2other) {
		t.Errorf("conflicting shards: %v, want a *ConflictError on run 2 naming %s", err, s2other)
	}
	// A merge writes over nothing: not a finished merge, not a shard.
	var before []byte
	before, err = os.ReadFile(filepath.Join(out, results.MinRatio, results.MinRatioPoints.File))
	if err != nil {
		t.Fatal(err)
	}
	var input *InputError
	if _, err := Merge(out, []string{s0, s1, s2}, nil); !errors.As(err, &input) {
		t.Errorf("a merge into a merged result: %v, want an *InputError", err)
	}
	if after, _ := os.ReadFile(filepath.Join(out, results.MinRatio, results.MinRatioPoints.File)); !bytes.Equal(before, after) {
		t.Error("a refused merge changed the earlier merge's table")
	}
	if _, err := Merge(s0, []string{s0, s1}, nil); !errors.As(err, &input) {
		t.Errorf("a merge into one of its shards: %v, want an *InputError", err)
	}
	for name, shards := range map[string][]string{"missing": {s0, s2}, "interrupted": {s0, s1, s2half}} {
		out := t.TempDir()
		_, err := Merge(out, shards, nil)
		var inc *IncompleteError
		if !errors.As(err, &inc) {
			t.Errorf("%s shard: %v, want an *IncompleteError", name, err)
		}
		if got := status(out); got != results.StatusIncomplete {
			t.Errorf("%s shard: merged status %q, want %q", name, got, results.StatusIncomplete)
		}
	}
}

func TestLockHasOneHolderAndTakesOverADeadOne(t *testing.T) {
	dir := t.TempDir()
	l, stale, err := LockOut(dir)
	if err != nil || stale != 0 {
		t.Fatalf("first lock: %v, stale %d", err, stale)
	}
	_, _, err = LockOut(dir)
	var locked *LockedError
	if !errors.As(err, &locked) || locked.PID != os.Getpid() || !strings.Contains(err.Error(), strconv.Itoa(os.Getpid())) {
		t.Errorf("second lock: %v, want a *LockedError naming PID %d", err, os.Getpid())
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	// A holder that died leaves its PID in the file, and no flock.
	if err := os.WriteFile(filepath.Join(dir, LockFile), []byte("999999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, stale, err = LockOut(dir)
	if err != nil || stale != 999999 {
		t.Fatalf("lock after a dead holder: %v, stale %d, want 999999", err, stale)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
}
