package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MissingError reports that a data folder, or the files it should hold, is
// missing. The CLI maps it to exit status 2.
type MissingError struct {
	Dir     string   // the data folder
	Missing []string // files looked for and not found; empty if Dir itself is missing
}

func (e *MissingError) Error() string {
	const fix = "run 'make data' to fetch MNIST and Fashion-MNIST"
	if len(e.Missing) == 0 {
		return fmt.Sprintf("data folder %s not found: %s", e.Dir, fix)
	}
	return fmt.Sprintf("data folder %s lacks %s: %s", e.Dir, strings.Join(e.Missing, ", "), fix)
}

// idxNames are the four IDX files of MNIST and Fashion-MNIST (training
// images and labels, test images and labels), each of which may carry a .gz
// suffix.
func idxNames() [4]string {
	return [4]string{
		"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
		"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
	}
}

// csvPairs are the (train, test) CSV file names Load recognises, in the order
// it tries them.
func csvPairs() [][2]string {
	return [][2]string{
		{"train.csv", "test.csv"},
		{"mnist_train.csv", "mnist_test.csv"},
		{"fashion-mnist_train.csv", "fashion-mnist_test.csv"},
	}
}

// Load reads the training and test sets from dir, which holds either the four
// IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each optionally ending in
// .gz) or a pair of Kaggle CSV files (train.csv + test.csv, mnist_train.csv +
// mnist_test.csv or fashion-mnist_train.csv + fashion-mnist_test.csv). The IDX
// files win if both are present. A missing folder or missing files give a
// *MissingError.
func Load(dir string) (train, test *Set, err error) {
	f, err := locate(dir)
	if err != nil {
		return nil, nil, err
	}
	if train, err = f.read(f.train, f.labels[0]); err != nil {
		return nil, nil, fmt.Errorf("reading the training set: %w", err)
	}
	if test, err = f.read(f.test, f.labels[1]); err != nil {
		return nil, nil, fmt.Errorf("reading the test set: %w", err)
	}
	return train, test, nil
}

// Check reports whether dir holds a data set Load can read, without reading
// it: nil, or the error Load would give for a missing folder or files.
func Check(dir string) error {
	_, err := locate(dir)
	return err
}

// files are the paths of one data set: with idx, the images of train and
// test and their labels; else the two CSV files.
type files struct {
	idx         bool
	train, test string
	labels      [2]string
}

// read reads one set: IDX images with their labels file, or a CSV file.
func (f files) read(path, labels string) (*Set, error) {
	if f.idx {
		return ReadIDX(path, labels)
	}
	return ReadCSV(path)
}

// locate finds the files of the data set in dir, preferring IDX to CSV.
func locate(dir string) (files, error) {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return files{}, &MissingError{Dir: dir}
	}
	if err != nil {
		return files{}, fmt.Errorf("data folder: %w", err)
	}
	if !info.IsDir() {
		return files{}, fmt.Errorf("data folder %s is a file, not a folder", dir)
	}
	var paths [4]string
	var missing []string
	names := idxNames()
	for i, name := range names {
		if paths[i] = findFile(dir, name, name+".gz"); paths[i] == "" {
			missing = append(missing, name+"[.gz]")
		}
	}
	if len(missing) == 0 {
		return files{idx: true, train: paths[0], labels: [2]string{paths[1], paths[3]}, test: paths[2]}, nil
	}
	if len(missing) < len(names) {
		// Some IDX files are there: name the ones that are not.
		return files{}, &MissingError{Dir: dir, Missing: missing}
	}
	for _, pair := range csvPairs() {
		trainPath, testPath := findFile(dir, pair[0]), findFile(dir, pair[1])
		if trainPath != "" && testPath != "" {
			return files{train: trainPath, test: testPath}, nil
		}
	}
	for _, pair := range csvPairs() {
		missing = append(missing, pair[0]+" + "+pair[1])
	}
	return files{}, &MissingError{Dir: dir, Missing: []string{
		"the IDX files (" + strings.Join(missing[:len(names)], ", ") + ")",
		"or a CSV pair (" + strings.Join(missing[len(names):], " or ") + ")",
	}}
}

// findFile returns the path of the first of names present in dir as a regular
// file, or "".
func findFile(dir string, names ...string) string {
	for _, name := range names {
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return ""
}
