package tensorboard

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestEventWriterRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tb", "run")
	before := float64(time.Now().Add(-time.Second).UnixNano()) / 1e9
	w, err := NewEventWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Values exactly representable as float32, and one that is not.
	want := []Scalar{
		{Tag: "loss/train", Step: 0, Value: 0.5},
		{Tag: "loss/test", Step: 0, Value: -3.25},
		{Tag: "loss/train", Step: 1, Value: 1 << 20},
		{Tag: "accuracy", Step: 1 << 40, Value: 0},
		{Tag: "grad_norm", Step: -1, Value: 0.1},
	}
	for _, s := range want {
		if err := w.Scalar(s.Tag, s.Step, s.Value); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	after := float64(time.Now().Add(time.Second).UnixNano()) / 1e9

	name := filepath.Base(w.Path())
	if filepath.Dir(w.Path()) != dir || !regexp.MustCompile(`^events\.out\.tfevents\.\d{10,}\.\S+$`).MatchString(name) {
		t.Errorf("event file %s: want %s/events.out.tfevents.<seconds>.<host>", w.Path(), dir)
	}
	events, err := readEvents(w.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != len(want)+1 || events[0].GetFileVersion() != "brain.Event:2" {
		t.Fatalf("got %d events, first %v; want %d with file_version brain.Event:2 first", len(events), events[0], len(want)+1)
	}
	got, err := ReadScalars(w.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d scalars, want %d: %+v", len(got), len(want), got)
	}
	for i, g := range got {
		wv := want[i].Value
		if i == 4 {
			wv = 0.100000001490116119384765625 // float32 nearest to 0.1
		}
		if g.Tag != want[i].Tag || g.Step != want[i].Step || g.Value != wv {
			t.Errorf("scalar %d = %+v, want tag %s step %d value %v", i, g, want[i].Tag, want[i].Step, wv)
		}
		if g.WallTime < before || g.WallTime > after {
			t.Errorf("scalar %d wall time %f outside [%f, %f]", i, g.WallTime, before, after)
		}
	}
}

func TestEventWriterFlushMakesEventsVisible(t *testing.T) {
	w, err := NewEventWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Scalar("x", 3, 2); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	got, err := ReadScalars(w.Path())
	if err != nil || len(got) != 1 || got[0].Step != 3 || got[0].Value != 2 {
		t.Fatalf("after Flush: %+v, %v; want one scalar x@3 = 2", got, err)
	}
}

func TestEventWritersGetTheirOwnFiles(t *testing.T) {
	dir := t.TempDir()
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		w, err := NewEventWriter(dir)
		if err != nil {
			t.Fatal(err)
		}
		if seen[w.Path()] {
			t.Fatalf("writer %d reuses %s", i, w.Path())
		}
		seen[w.Path()] = true
		if err := w.Scalar("i", int64(i), float64(i)); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for p := range seen {
		got, err := ReadScalars(p)
		if err != nil || len(got) != 1 || !strings.Contains(filepath.Base(p), "tfevents") {
			t.Errorf("%s: %+v, %v", p, got, err)
		}
	}
}

func TestEventWriterConcurrentScalars(t *testing.T) {
	w, err := NewEventWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := 0; s < 50; s++ {
				if err := w.Scalar("g", int64(s), float64(g)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := ReadScalars(w.Path())
	if err != nil || len(got) != 200 {
		t.Fatalf("got %d scalars, %v; want 200", len(got), err)
	}
}

func TestEventWriterMisuse(t *testing.T) {
	w, err := NewEventWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Scalar("", 0, 1); err == nil || !strings.Contains(err.Error(), "empty scalar tag") {
		t.Errorf("empty tag: err = %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := w.Scalar("x", 0, 1); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Scalar after Close: err = %v", err)
	}
	if err := w.Flush(); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Flush after Close: err = %v", err)
	}
	// A regular file where the folder should be.
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewEventWriter(file); err == nil {
		t.Error("NewEventWriter on a regular file: no error")
	}
}

func TestReadScalarsRejectsCorruption(t *testing.T) {
	w, err := NewEventWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for s := int64(0); s < 3; s++ {
		if err := w.Scalar("loss", s, math.Pow(2, float64(-s))); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(w.Path())
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, b []byte, want string) {
		t.Helper()
		p := filepath.Join(t.TempDir(), "events.out.tfevents.0.test")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadScalars(p)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: ReadScalars = %+v, %v; want an error naming the file and containing %q", name, got, err, want)
		}
	}
	// Every single-byte corruption must be caught by one of the two CRCs.
	for i := range good {
		b := append([]byte(nil), good...)
		b[i] ^= 0x10
		check("flipped byte", b, "CRC mismatch")
	}
	check("truncated", good[:len(good)-3], "truncated")
	if _, err := ReadScalars(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing file: no error")
	}
}
