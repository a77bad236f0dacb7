package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hw1/runner/table"
)

// writeSeed writes a finished (or not) single-seed grad-norm result with one
// history row per loss value into dir/seed-<k>.
func writeSeed(t *testing.T, dir string, k int64, status string, cfg map[string]any, losses ...float64) {
	t.Helper()
	sd := filepath.Join(dir, SeedDir(k))
	h := GradNormHistory.New(false)
	for i, l := range losses {
		if err := h.Append(i+1, 1, l, 10*l); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Write(filepath.Join(sd, GradNormHistory.File)); err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Experiment: GradNorm, Profile: "smoke", Seed: k, Config: cfg, Status: status,
		Start: time.Date(2026, 1, 1, 0, 0, int(k), 0, time.UTC), DurationSeconds: 2}
	if err := m.Write(sd); err != nil {
		t.Fatal(err)
	}
}

func TestAggregateSeeds(t *testing.T) {
	dir := t.TempDir()
	cfg := map[string]any{"epochs": 1.0}
	writeSeed(t, dir, 1, StatusDone, cfg, 1, 2)
	writeSeed(t, dir, 2, StatusDone, cfg, 3, 4)
	writeSeed(t, dir, 10, StatusInterrupted, cfg, 100)
	if err := os.MkdirAll(filepath.Join(dir, "seed-x"), 0o755); err != nil { // not a seed folder
		t.Fatal(err)
	}
	m, err := AggregateSeeds(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != StatusInterrupted || len(m.Seeds) != 3 || m.Seeds[2].Seed != 10 || m.Seeds[2].Status != StatusInterrupted {
		t.Errorf("manifest status %s seeds %+v: want interrupted, seeds 1, 2, 10 in order", m.Status, m.Seeds)
	}
	if m.DurationSeconds != 6 {
		t.Errorf("duration %v, want the seeds' 6 s", m.DurationSeconds)
	}
	agg, err := table.Read(filepath.Join(dir, GradNormHistory.File))
	if err != nil {
		t.Fatal(err)
	}
	// Only the finished seeds 1 and 2: step 1 losses 1 and 3, step 2 losses 2 and 4.
	got := strings.Join(agg.Rows[0][:4], ",") + " n=" + agg.Rows[0][len(agg.Columns)-1]
	if got != "1,1,2,1.4142135623730951 n=2" {
		t.Errorf("step 1 aggregate %q (columns %v)", got, agg.Columns)
	}
	back, err := ReadManifest(dir)
	if err != nil || len(back.Seeds) != 3 || back.Tables[0] != GradNormHistory.File {
		t.Errorf("manifest as read back: %+v, %v", back, err)
	}
}

func TestAggregateSeedsOfARunStoppedBeforeASeed(t *testing.T) {
	dir := t.TempDir()
	cfg := map[string]any{"epochs": 1.0}
	writeSeed(t, dir, 1, StatusDone, cfg, 1, 2)
	writeSeed(t, dir, 2, StatusDone, cfg, 3, 4)
	m, err := AggregateSeeds(dir, 1, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != StatusIncomplete || !strings.Contains(m.Error, "seed-3: not run") {
		t.Errorf("seeds 1, 2 of 1, 2, 3: status %s (%q), want incomplete naming seed-3", m.Status, m.Error)
	}
	if m, err := AggregateSeeds(dir, 1, 2); err != nil {
		t.Fatal(err)
	} else if m.Status != StatusDone {
		t.Errorf("seeds 1, 2 of 1, 2: status %s, want done", m.Status)
	}
}

func TestAggregateSeedsRefusesMixedRuns(t *testing.T) {
	dir := t.TempDir()
	writeSeed(t, dir, 1, StatusDone, map[string]any{"epochs": 1.0}, 1)
	writeSeed(t, dir, 2, StatusDone, map[string]any{"epochs": 2.0}, 1)
	if _, err := AggregateSeeds(dir); err == nil || !strings.Contains(err.Error(), "configuration") {
		t.Errorf("seeds of two configurations aggregated: %v", err)
	}
	if _, err := AggregateSeeds(t.TempDir()); err == nil {
		t.Error("a folder without seeds aggregated")
	}
}

func TestSameConfig(t *testing.T) {
	type cfg struct {
		Epochs int     `json:"epochs"`
		LR     float64 `json:"lr"`
	}
	if !SameConfig(cfg{3, 0.1}, map[string]any{"lr": 0.1, "epochs": 3.0}) {
		t.Error("a struct and its JSON decoding differ")
	}
	if SameConfig(cfg{3, 0.1}, cfg{4, 0.1}) {
		t.Error("different configurations compare equal")
	}
}
