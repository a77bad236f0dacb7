package results

import (
	"testing"
	"time"
)

func TestManifestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	m := &Manifest{Experiment: "function-fit", Profile: "quick", Seed: 7,
		Config: map[string]any{"epochs": 3.0}, Start: start, Status: StatusDone,
		Repeatability: Repeatability, Tables: []string{"loss.csv"}}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
	got, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Experiment != "function-fit" || got.Seed != 7 || !got.Start.Equal(start) ||
		got.Config.(map[string]any)["epochs"] != 3.0 || got.Tables[0] != "loss.csv" || !got.End.IsZero() {
		t.Fatalf("round trip: %+v", got)
	}
}
