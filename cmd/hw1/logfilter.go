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
// MLIR V1 optimization pass is not enabled"); and the CUDA build's: its
// three errors that the cuFFT, cuDNN and cuBLAS factories are registered
// twice (both of its libraries register them as they load), and its
// complaint, on a machine without a usable GPU, that it found no driver or
// that cuInit failed: 'hw1 doctor' and --device say that instead, with the
// reason and the fix.
func isStartupLine(line []byte) bool {
	s := strings.TrimRight(string(line), "\r\n")
	if s == "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR" {
		return true
	}
	if strings.HasPrefix(s, "I") && strings.Contains(s, " mlir_graph_optimization_pass.cc:") &&
		strings.HasSuffix(s, "] MLIR V1 optimization pass is not enabled") {
		return true
	}
	_, msg, ok := strings.Cut(s, "] ")
	if !ok || !tfLogPrefix(s) {
		return false
	}
	for _, p := range cudaStartupMessages {
		if strings.HasPrefix(msg, p[0]) && strings.HasSuffix(msg, p[1]) {
			return true
		}
	}
	return false
}

// cudaStartupMessages are the CUDA build's start-up messages, as a prefix
// and a suffix each.
var cudaStartupMessages = [][2]string{
	{"Unable to register cu", " when one has already been registered"},
	{"failed call to cuInit: ", ""},
	{"Could not find cuda drivers on your machine, GPU will not be used.", ""},
}

// tfLogPrefix reports whether s starts as TensorFlow's log lines do: absl's
// "E0000 00:00:..." or TensorFlow's "2026-12-05 00:15:40.745577: E ...".
func tfLogPrefix(s string) bool {
	if len(s) > 0 && strings.ContainsRune("IWE", rune(s[0])) {
		return true
	}
	return len(s) > 30 && s[0] >= '0' && s[0] <= '9' && s[4] == '-' && strings.Contains(s[:30], ": ")
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
		return bytes.HasPrefix([]byte(warning), b) || logStart(b[0])
	}
	return (bytes.HasPrefix(b, []byte(warning)) || logStart(b[0])) && len(b) < 512
}

// logStart reports whether c may start one of TensorFlow's log lines.
func logStart(c byte) bool { return c == 'I' || c == 'E' || c == 'W' || c >= '0' && c <= '9' }

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
