package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// CSV images are MNIST-sized.
const (
	csvRows   = 28
	csvCols   = 28
	csvPixels = csvRows * csvCols
)

// ReadCSV reads 28x28 images from a CSV file in the Kaggle layout: one
// example per line, its label (0..9) followed by 784 pixel values (integers
// 0..255, row-major). A header line ("label,pixel0,...,pixel783", or any
// first line whose first two fields are not numbers) is skipped; files
// without one are accepted too.
func ReadCSV(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening CSV file: %w", err)
	}
	defer f.Close()

	var scale [256]float32
	for b := range scale {
		scale[b] = float32(b) / 255
	}
	cr := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	cr.FieldsPerRecord = -1 // counted here, to name the line
	cr.ReuseRecord = true
	s := &Set{Rows: csvRows, Cols: csvCols}
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("CSV file %s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		if first && isHeader(rec) {
			if err := checkHeader(rec); err != nil {
				return nil, fmt.Errorf("CSV file %s: line %d: %w", path, line, err)
			}
			continue
		}
		if len(rec) != 1+csvPixels {
			return nil, fmt.Errorf("CSV file %s: line %d has %d fields, want %d (a label and %d pixel values)",
				path, line, len(rec), 1+csvPixels, csvPixels)
		}
		label, err := strconv.Atoi(strings.TrimSpace(rec[0]))
		if err != nil || label < 0 || label >= NumClasses {
			return nil, fmt.Errorf("CSV file %s: line %d: label %q is not an integer in 0..%d",
				path, line, rec[0], NumClasses-1)
		}
		for j, field := range rec[1:] {
			v, err := strconv.ParseUint(strings.TrimSpace(field), 10, 8)
			if err != nil {
				return nil, fmt.Errorf("CSV file %s: line %d, field %d (pixel %d): value %q is not an integer in 0..255",
					path, line, j+2, j, field)
			}
			s.Pixels = append(s.Pixels, scale[v])
		}
		s.Labels = append(s.Labels, int32(label))
		s.N++
	}
	if s.N == 0 {
		return nil, fmt.Errorf("CSV file %s holds no examples", path)
	}
	return s, nil
}

// isHeader tells a header line from a data line: its first two fields are
// not numbers (a data line with a corrupt label is still a data line).
func isHeader(rec []string) bool {
	for _, field := range rec[:min(2, len(rec))] {
		if _, err := strconv.ParseFloat(strings.TrimSpace(field), 64); err == nil {
			return false
		}
	}
	return true
}

// checkHeader accepts a header of a label column and 784 pixel columns.
func checkHeader(rec []string) error {
	switch {
	case len(rec) == 1+csvPixels:
		return nil
	case len(rec) == csvPixels && strings.HasPrefix(strings.ToLower(strings.TrimSpace(rec[0])), "pixel"):
		return fmt.Errorf("the header names %d pixel columns and no label column; a file without labels "+
			"(like Kaggle's digit-recognizer test.csv) cannot be used, take the labelled mnist_test.csv or the IDX files",
			csvPixels)
	default:
		return fmt.Errorf("the header has %d columns, want %d (label, then %d pixels)", len(rec), 1+csvPixels, csvPixels)
	}
}
