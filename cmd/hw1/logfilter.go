package main

import (
	"bytes"
	"io"
	"strings"
)

// isStartupLine reports whether line (with its newline) is one of the lines
// TensorFlow prints on start-up whatever TF_CPP_MIN_LOG_LEVEL says, and that
// no user can act on: absl's note that logs go to stderr before
// absl::InitializeLog(), and the MLIR pass's info line at the first session
// run ("I0000 00:00:1795777162.764446  469 mlir_graph_optimization_pass.cc:401]
// MLIR V1 optimization pass is not enabled").
func isStartupLine(line []byte) bool {
	s := strings.TrimRight(string(line), "\r\n")
	if s == "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR" {
		return true
	}
	return strings.HasPrefix(s, "I") && strings.Contains(s, " mlir_graph_optimization_pass.cc:") &&
		strings.HasSuffix(s, "] MLIR V1 optimization pass is not enabled")
}

// lineFilter passes what is written to it on to w, less TensorFlow's
// start-up lines. Bytes of a line that cannot be one of those go on at
// once (a progress bar redraws its line with \r and no newline); a line
// that might be one is held until its newline.
type lineFilter struct {
	w       io.Writer
	pending []byte // the start of a line that may be a start-up line
	through bool   // inside a line already passed on
}

// mayBeStartupLine reports whether an incomplete line could still become a
// start-up line.
func mayBeStartupLine(b []byte) bool {
	const warning = "WARNING: All log messages before absl"
	if len(b) <= len(warning) {
		return bytes.HasPrefix([]byte(warning), b) || b[0] == 'I'
	}
	return (bytes.HasPrefix(b, []byte(warning)) || b[0] == 'I') && len(b) < 512
}

func (f *lineFilter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if f.through {
			if i < 0 {
				_, err := f.w.Write(p)
				return n, err
			}
			if _, err := f.w.Write(p[:i+1]); err != nil {
				return n, err
			}
			p, f.through = p[i+1:], false
			continue
		}
		if i < 0 {
			f.pending = append(f.pending, p...)
			if !mayBeStartupLine(f.pending) {
				_, err := f.w.Write(f.pending)
				f.pending, f.through = f.pending[:0], true
				return n, err
			}
			return n, nil
		}
		line := append(f.pending, p[:i+1]...)
		f.pending, p = f.pending[:0], p[i+1:]
		if !isStartupLine(line) {
			if _, err := f.w.Write(line); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// Flush passes on a held incomplete last line.
func (f *lineFilter) Flush() error {
	if len(f.pending) == 0 {
		return nil
	}
	_, err := f.w.Write(f.pending)
	f.pending = f.pending[:0]
	return err
}
