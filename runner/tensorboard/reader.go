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
	return out, nil
}

// readEvents decodes every record of the event file at path.
func readEvents(path string) ([]*event_go_proto.Event, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read event file: %w", err)
	}
	var events []*event_go_proto.Event
	for off := 0; off < len(b); {
		data, n, err := nextRecord(b[off:], int64(off))
		if err != nil {
			return nil, fmt.Errorf("event file %s: %w", path, err)
		}
		ev := new(event_go_proto.Event)
		if err := proto.Unmarshal(data, ev); err != nil {
			return nil, fmt.Errorf("event file %s: record at byte %d is not an Event: %w", path, off, err)
		}
		events = append(events, ev)
		off += n
	}
	return events, nil
}
