package tensorboard

import (
	"fmt"
	"os"

	"github.com/wamuir/graft/tensorflow/core/framework/summary_go_proto"
	"github.com/wamuir/graft/tensorflow/core/util/event_go_proto"
	"google.golang.org/protobuf/proto"
)

// Scalar is one scalar summary read from an event file.
type Scalar struct {
	Tag      string
	Step     int64
	Value    float64
	WallTime float64 // seconds since the Unix epoch
}

// ReadScalars reads the scalar summaries (simple_value) of the event file at
// path, in file order. It verifies both CRCs of every record and fails on a
// corrupt or truncated file; other kinds of events and summary values are
// skipped.
func ReadScalars(path string) ([]Scalar, error) {
	events, err := readEvents(path)
	if err != nil {
		return nil, err
	}
	return scalars(events), nil
}

// readEvents decodes every record of the event file at path.
func readEvents(path string) ([]*event_go_proto.Event, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read event file: %w", err)
	}
	events, _, err := scanEvents(b, path)
	if err != nil {
		return nil, err
	}
	return events, nil
}

// scalars are the scalar summaries (simple_value) of events, in order.
func scalars(events []*event_go_proto.Event) []Scalar {
	var out []Scalar
	for _, ev := range events {
		for _, v := range ev.GetSummary().GetValue() {
			sv, ok := v.GetValue().(*summary_go_proto.Summary_Value_SimpleValue)
			if !ok {
				continue
			}
			out = append(out, Scalar{Tag: v.GetTag(), Step: ev.GetStep(),
				Value: float64(sv.SimpleValue), WallTime: ev.GetWallTime()})
		}
	}
	return out
}

// scanEvents decodes the records of an event file's bytes b in order, up to
// the first one that is incomplete, corrupt or not an Event. It returns the
// events before that record, the bytes they take, and what stopped it (nil
// when every record was read).
func scanEvents(b []byte, path string) ([]*event_go_proto.Event, int64, error) {
	var events []*event_go_proto.Event
	off := 0
	for off < len(b) {
		data, n, err := nextRecord(b[off:], int64(off))
		if err != nil {
			return events, int64(off), fmt.Errorf("event file %s: %w", path, err)
		}
		ev := new(event_go_proto.Event)
		if err := proto.Unmarshal(data, ev); err != nil {
			return events, int64(off), fmt.Errorf("event file %s: record at byte %d is not an Event: %w", path, off, err)
		}
		events = append(events, ev)
		off += n
	}
	return events, int64(off), nil
}
