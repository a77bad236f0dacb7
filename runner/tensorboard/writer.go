// Package tensorboard writes (and, for tests and tools, reads) TensorBoard
// event files of scalar summaries. It is the only part of the results that
// needs TensorFlow's protocol buffers, so it lives apart from the schema and
// the manifest that plots and the report read.
package tensorboard

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/wamuir/graft/tensorflow/core/framework/summary_go_proto"
	"github.com/wamuir/graft/tensorflow/core/util/event_go_proto"
	"google.golang.org/protobuf/proto"
)

// EventFileVersion is the file_version of the first event of every event
// file; TensorBoard reads files of this version.
const EventFileVersion = "brain.Event:2"

// EventWriter writes scalar summaries to one TensorBoard event file, without
// TensorFlow: it frames Event protocol buffers as TFRecords itself.
//
// Event files carry wall-clock times, so unlike the CSV tables they are not
// covered by the "same seed and profile give the same tables" promise.
//
// Writes are buffered: call Flush (for example once per epoch) to let a
// running TensorBoard see them, and Close at the end. An EventWriter is safe
// for concurrent use.
type EventWriter struct {
	mu     sync.Mutex
	path   string
	file   *os.File
	buf    *bufio.Writer
	record []byte // reused framing buffer
	err    error  // first write error; later calls return it
	closed bool
	// written holds the tag and step of every scalar a resumed file (see
	// ResumeEventWriter) already has; Scalar skips those.
	written map[scalarKey]bool
	// queued counts the bytes of the records given to buf; good is the
	// length of the file up to the last record a flush completed. A failed
	// write (a full disk) cuts the file back to good, so that it never ends
	// in half a record.
	queued, good int64
}

// NewEventWriter creates dir if needed and a new event file in it, named
// events.out.tfevents.<unix seconds>.<hostname> (TensorBoard only reads files
// whose name contains "tfevents"). If a file of that name already exists, a
// suffix .1, .2, ... is added, so every writer has a file of its own. The
// file starts with the file-version event.
func NewEventWriter(dir string) (*EventWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("event writer: create folder: %w", err)
	}
	now := time.Now()
	f, err := createEventFile(dir, now)
	if err != nil {
		return nil, err
	}
	w := &EventWriter{path: f.Name(), file: f, buf: bufio.NewWriter(f)}
	first := &event_go_proto.Event{
		WallTime: wallTime(now),
		What:     &event_go_proto.Event_FileVersion{FileVersion: EventFileVersion},
	}
	err = w.write(first)
	if err == nil {
		err = w.buf.Flush()
	}
	if err != nil {
		f.Close()
		os.Remove(w.path)
		return nil, fmt.Errorf("event writer: write header to %s: %w", w.path, err)
	}
	w.good = w.queued
	return w, nil
}

// createEventFile creates a new, not yet existing event file in dir.
func createEventFile(dir string, now time.Time) (*os.File, error) {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	host = strings.NewReplacer("/", "_", `\`, "_").Replace(host)
	base := filepath.Join(dir, fmt.Sprintf("events.out.tfevents.%d.%s", now.Unix(), host))
	const maxTries = 1000
	for i := 0; i < maxTries; i++ {
		name := base
		if i > 0 {
			name = fmt.Sprintf("%s.%d", base, i)
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("event writer: create event file: %w", err)
		}
	}
	return nil, fmt.Errorf("event writer: %s and %d suffixed names already exist; remove old event files from %s",
		base, maxTries-1, dir)
}

// Path is the event file's path.
func (w *EventWriter) Path() string { return w.path }

// Scalar records value under tag at step, with the current wall time.
// TensorBoard stores scalars as float32, so value is rounded to float32.
func (w *EventWriter) Scalar(tag string, step int64, value float64) error {
	if tag == "" {
		return fmt.Errorf("event writer %s: empty scalar tag at step %d; give every scalar a tag such as \"loss/train\"",
			w.path, step)
	}
	ev := &event_go_proto.Event{
		WallTime: wallTime(time.Now()),
		Step:     step,
		What: &event_go_proto.Event_Summary{Summary: &summary_go_proto.Summary{
			Value: []*summary_go_proto.Summary_Value{{
				Tag:   tag,
				Value: &summary_go_proto.Summary_Value_SimpleValue{SimpleValue: float32(value)},
			}},
		}},
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	if w.written[scalarKey{tag, step}] {
		return nil
	}
	if err := w.write(ev); err != nil {
		w.cutBack()
		w.err = fmt.Errorf("event writer %s: scalar %q step %d: %w", w.path, tag, step, err)
		return w.err
	}
	return nil
}

// Flush writes buffered events to the file.
func (w *EventWriter) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	if err := w.flush(); err != nil {
		w.err = fmt.Errorf("event writer %s: flush: %w", w.path, err)
		return w.err
	}
	return nil
}

// flush writes the buffer to the file and records the file's complete
// length, or cuts the file back to its last complete record. The caller
// holds w.mu.
func (w *EventWriter) flush() error {
	if err := w.buf.Flush(); err != nil {
		w.cutBack()
		return err
	}
	w.good = w.queued
	return nil
}

// cutBack cuts the file back to its last complete flushed record, after a
// failed write. The caller holds w.mu.
func (w *EventWriter) cutBack() {
	_ = w.file.Truncate(w.good) // best effort: the write error is what the caller reports
}

// Close flushes buffered events and closes the file. Closing twice is not an
// error.
func (w *EventWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	flushErr := w.flush()
	closeErr := w.file.Close()
	switch {
	case w.err != nil:
		return w.err
	case flushErr != nil:
		return fmt.Errorf("event writer %s: flush: %w", w.path, flushErr)
	case closeErr != nil:
		return fmt.Errorf("event writer %s: close: %w", w.path, closeErr)
	}
	return nil
}

// usable reports why the writer cannot take more events, if it cannot.
// The caller holds w.mu.
func (w *EventWriter) usable() error {
	if w.closed {
		return fmt.Errorf("event writer %s is closed", w.path)
	}
	return w.err
}

// write frames ev as a record into the buffer. The caller holds w.mu (or
// owns w exclusively).
func (w *EventWriter) write(ev *event_go_proto.Event) error {
	data, err := proto.Marshal(ev)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	w.record = appendRecord(w.record[:0], data)
	if _, err = w.buf.Write(w.record); err != nil {
		return err
	}
	w.queued += int64(len(w.record))
	return nil
}

// wallTime is t in seconds since the Unix epoch, as Event.wall_time wants.
func wallTime(t time.Time) float64 {
	return float64(t.UnixNano()) / 1e9
}
