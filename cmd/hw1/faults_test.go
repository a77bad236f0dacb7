//go:build !notf

package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// faultSuite counts the faults and bad inputs tried on the built binary,
// those handled as promised (the case's test passed), and the results lost
// (a finished table that a case changed or removed).
type faultSuite struct {
	tried, handled, lost int
}

// try runs one case as a subtest and counts it, if it ran: a case that
// `go test -run` filters out, that -failfast never starts, or that skips
// itself (e.g. no mount without root) is not counted at all.
func (s *faultSuite) try(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	ran, skipped := false, false
	ok := t.Run(name, func(t *testing.T) {
		ran = true
		defer func() { skipped = t.Skipped() }()
		f(t)
	})
	if !ran || skipped {
		return
	}
	s.tried++
	if ok {
		s.handled++
	}
}

// keep records the bytes of every table and manifest under dir, so that
// kept can tell whether a case lost any.
func (s *faultSuite) keep(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".csv") || strings.HasSuffix(p, ".json")) {
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = b
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("nothing to keep under %s: %v", dir, err)
	}
	return files
}

// kept checks that every file keep recorded is still there, byte for byte.
func (s *faultSuite) kept(t *testing.T, files map[string][]byte) {
	t.Helper()
	for p, want := range files {
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, want) {
			s.lost++
			t.Errorf("result lost: %s changed or went (%v)", p, err)
		}
	}
}

// TestFaultsAndBadInputs tries every fault and bad input hw1 promises to
// handle on the built binary: bad flags, bad data, bad configuration values,
// output folders it cannot write, results of other runs in the way, a
// folder in use, a lock left by a killed process, Ctrl-C, kill -9 at random
// moments, a full disk, and an experiment failing among others. It prints
// one line with the counts; `make test` shows it.
func TestFaultsAndBadInputs(t *testing.T) {
	start := time.Now()
	s := &faultSuite{}
	work := t.TempDir()
	for _, c := range badUsage(work) {
		s.try(t, "usage/"+c.name, func(t *testing.T) { c.check(t, work) })
	}
	badInputCases(t, s)
	protectionCases(t, s)
	crashCases(t, s)
	line := fmt.Sprintf("%d faults and bad inputs tried, %d handled, %d results lost", s.tried, s.handled, s.lost)
	fmt.Println(line)
	t.Logf("%s (in %s)", line, time.Since(start).Round(time.Second))
	if p := os.Getenv("HW1_FAULT_SUMMARY"); p != "" {
		if err := os.WriteFile(p, []byte(line+"\n"), 0o644); err != nil {
			t.Error(err)
		}
	}
	if s.handled != s.tried || s.lost != 0 {
		t.Errorf("%s", line)
	}
}

// mnistDir is the repository's MNIST, as an absolute path.
func mnistDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "data", "mnist"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("no MNIST at %s: run 'make data'", dir)
	}
	return dir
}

// idxFiles writes a tiny MNIST in IDX format into a new folder: n images of
// 28x28, and the labels (train and test alike).
func idxFiles(t *testing.T, n int, labels []byte) string {
	t.Helper()
	dir := t.TempDir()
	images := binary.BigEndian.AppendUint32(nil, 0x803)
	for _, d := range []uint32{uint32(n), 28, 28} {
		images = binary.BigEndian.AppendUint32(images, d)
	}
	images = append(images, make([]byte, n*28*28)...)
	lab := binary.BigEndian.AppendUint32(nil, 0x801)
	lab = binary.BigEndian.AppendUint32(lab, uint32(len(labels)))
	lab = append(lab, labels...)
	for _, set := range []string{"train", "t10k"} {
		writeFile(t, filepath.Join(dir, set+"-images-idx3-ubyte"), images)
		writeFile(t, filepath.Join(dir, set+"-labels-idx1-ubyte"), lab)
	}
	return dir
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// truncatedMNIST is the repository's MNIST with the training images cut in
// half, as an interrupted download leaves them.
func truncatedMNIST(t *testing.T) string {
	t.Helper()
	src, dir := mnistDir(t), t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(e.Name(), "train-images") {
			b = b[:len(b)/2]
		}
		writeFile(t, filepath.Join(dir, e.Name()), b)
	}
	return dir
}

// badInputCases: data, configuration values and output folders hw1 must
// refuse with exit status 2 before anything trains.
func badInputCases(t *testing.T, s *faultSuite) {
	work := t.TempDir()
	file := filepath.Join(work, "a-file")
	writeFile(t, file, []byte("x"))
	csvDir := t.TempDir()
	writeFile(t, filepath.Join(csvDir, "train.csv"), []byte("a,b,c\n1,2,3\n"))
	writeFile(t, filepath.Join(csvDir, "test.csv"), []byte("a,b,c\n1,2,3\n"))
	truncated := truncatedMNIST(t)
	folderAsFile := filepath.Join(work, "taken")
	writeFile(t, filepath.Join(folderAsFile, "grad-norm"), []byte("not a folder"))
	cases := []usageCase{
		{"negative epochs", []string{"run", "function-fit", "--set", "epochs=-5"}, 2, "epochs = -5"},
		{"zero learning rate", []string{"run", "grad-norm", "--set", "lr=0"}, 2, "lr = 0"},
		{"output cannot be created", []string{"run", "grad-norm", "--out", "/proc/x"}, 2, "/proc/x"},
		{"output is a file", []string{"run", "grad-norm", "--out", file}, 2, "is a file"},
		{"experiment folder is a file", []string{"run", "grad-norm", "--out", folderAsFile}, 2, "is a file where the experiment's folder should be"},
		{"data is a file", []string{"run", "mnist-depth", "--data", file}, 2, "is a file"},
		{"truncated MNIST", []string{"run", "mnist-depth", "--data", truncated}, 2, "make data"},
		{"labels out of range", []string{"run", "mnist-depth", "--data", idxFiles(t, 2, []byte{3, 12})}, 2, "label 12"},
		{"images and labels differ in number", []string{"run", "mnist-depth", "--data", idxFiles(t, 2, []byte{1, 2, 3})}, 2, "matching pairs"},
		{"CSV with a wrong header", []string{"run", "mnist-depth", "--data", csvDir}, 2, "header"},
	}
	for _, c := range cases {
		s.try(t, "input/"+c.name, func(t *testing.T) { c.check(t, work) })
	}
	// `run all` checks every experiment's data before the first trains:
	// function-fit, which needs none, must not start.
	s.try(t, "input/run all with truncated MNIST", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "res")
		code, _, stderr := run(t, hw1Binary, work, "run", "all", "--profile", "smoke", "--data", truncated, "--out", out)
		if code != 2 || !strings.Contains(stderr, truncated) || !strings.Contains(stderr, "make data") {
			t.Errorf("exit %d, want 2 naming %s and 'make data':\n%s", code, truncated, stderr)
		}
		if _, err := os.Stat(filepath.Join(out, "function-fit")); err == nil {
			t.Error("function-fit started before the data was checked")
		}
	})
	s.try(t, "input/read-only output folder", func(t *testing.T) {
		ro := readOnlyDir(t)
		code, _, stderr := run(t, hw1Binary, work, "run", "grad-norm", "--profile", "smoke", "--out", filepath.Join(ro, "res"))
		if code != 2 || !(strings.Contains(stderr, "read-only") || strings.Contains(stderr, "permission denied")) || !strings.Contains(stderr, "--out") {
			t.Errorf("exit %d, want 2 saying the folder is read-only:\n%s", code, stderr)
		}
		if entries, _ := os.ReadDir(ro); len(entries) > 0 {
			t.Errorf("files left in the read-only folder: %v", entries)
		}
	})
}
