package runner

// Helpers of the engine's tests: a table and the event files a run wrote.

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// readTable reads spec's table from env's folder and checks it against the
// schema.
func readTable(t *testing.T, env *Env, spec results.Table) *table.Table {
	t.Helper()
	tb, err := table.Read(filepath.Join(env.Dir, spec.File))
	if err != nil {
		t.Fatalf("read %s: %v", spec.File, err)
	}
	if err := spec.Check(tb); err != nil {
		t.Fatal(err)
	}
	return tb
}

// eventFiles returns the TensorBoard event files under dir/tb, each keyed
// by its run: its folder relative to tb ("" for tb itself).
func eventFiles(t *testing.T, dir string) map[string][]string {
	t.Helper()
	tb := filepath.Join(dir, results.EventsDir)
	out := map[string][]string{}
	err := filepath.WalkDir(tb, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(d.Name(), "tfevents") {
			return err
		}
		run, err := filepath.Rel(tb, filepath.Dir(path))
		if run == "." {
			run = ""
		}
		out[filepath.ToSlash(run)] = append(out[filepath.ToSlash(run)], path)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}
