package tensorboard

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// scalarKey is one point of one curve.
type scalarKey struct {
	tag  string
	step int64
}

// ResumeEventWriter continues the newest event file in dir, so that a
// resumed run adds to the curves of the run it continues instead of
// starting a second file. A record the interrupted writer left half written
// is cut off first. Scalars whose tag and step the files in dir already
// hold are skipped (a resumed run recomputes the same values for the part it
// repeats), so that every curve has one point per step. With no event file
// in dir it is NewEventWriter.
func ResumeEventWriter(dir string) (*EventWriter, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*tfevents*"))
	if err != nil || len(files) == 0 {
		return NewEventWriter(dir)
	}
	slices.SortFunc(files, func(a, b string) int { return strings.Compare(a, b) })
	written := map[scalarKey]bool{}
	var valid int64
	for i, path := range files {
		n, err := readValid(path, written)
		if err != nil {
			return nil, err
		}
		if i == len(files)-1 {
			valid = n
		}
	}
	last := files[len(files)-1]
	if valid == 0 { // not even the header made it: start the file anew
		if err := os.Remove(last); err != nil {
			return nil, fmt.Errorf("event writer: %w", err)
		}
		w, err := NewEventWriter(dir)
		if w != nil {
			w.written = written
		}
		return w, err
	}
	if err := os.Truncate(last, valid); err != nil {
		return nil, fmt.Errorf("event writer: cut the incomplete record off %s: %w", last, err)
	}
	f, err := os.OpenFile(last, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, fmt.Errorf("event writer: %w", err)
	}
	return &EventWriter{path: last, file: f, buf: bufio.NewWriter(f), written: written, queued: valid, good: valid}, nil
}

// readValid reads the event file at path up to its first incomplete or
// corrupt record, adds its scalars' tags and steps to written, and returns
// the length of the valid part.
func readValid(path string, written map[scalarKey]bool) (int64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("event writer: resume: %w", err)
	}
	events, valid, _ := scanEvents(b, path) // what follows the valid part is cut off
	for _, s := range scalars(events) {
		written[scalarKey{s.Tag, s.Step}] = true
	}
	return valid, nil
}
