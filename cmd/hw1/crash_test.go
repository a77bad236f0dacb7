//go:build !notf

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"hw1/runner/results"
	"hw1/runner/table"
	"hw1/runner/tensorboard"
)

// crashCases: Ctrl-C, kill -9 at random moments, a full disk, and one
// experiment failing among others. Each interrupted run is followed by a
// rerun of the same command, whose tables must equal those of an
// uninterrupted run (the shared smoke run: seed 1, one thread).
func crashCases(t *testing.T, s *faultSuite) {
	ref := smokeResults(t)
	work := filepath.Join("..", "..") // the repository, for data/mnist
	s.try(t, "crash/SIGINT then rerun", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "res")
		args := []string{"run", "param-count", "--profile", "smoke", "--threads", "1", "--quiet", "--out", out}
		cmd, output := start(t, work, args...)
		waitRows(t, filepath.Join(out, "param-count", "results.csv"), 1)
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != 130 {
			t.Errorf("exit %d after SIGINT, want 130\n%s", code, output)
		}
		if m, err := results.ReadManifest(filepath.Join(out, "param-count")); err != nil || m.Status != results.StatusInterrupted {
			t.Errorf("manifest after SIGINT: %+v, %v", m, err)
		}
		rerunMatches(t, work, ref, out, args)
	})
	s.try(t, "crash/SIGINT of a multi-seed suite then rerun", func(t *testing.T) {
		// The seeds of the next experiment start beside the last seed of
		// one: an interrupt stops runs of two experiments at once.
		out := filepath.Join(t.TempDir(), "res")
		args := []string{"run", "all", "--profile", "smoke", "--threads", "1", "--quiet", "--seeds", "2", "--out", out}
		cmd, output := start(t, work, args...)
		waitRows(t, filepath.Join(out, "min-ratio", results.SeedDir(1), results.MinRatioPoints.File), 1)
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		// No run and no aggregate failed: the summary line of each says
		// done or interrupted.
		if code := cmd.ProcessState.ExitCode(); code != 130 || strings.Contains(output.String(), " failed ") {
			t.Errorf("exit %d after SIGINT, want 130 and nothing failed\n%s", code, output)
		}
		manifests, _ := filepath.Glob(filepath.Join(out, "*", results.ManifestFile))
		seeds, _ := filepath.Glob(filepath.Join(out, "*", "seed-*", results.ManifestFile))
		for _, f := range append(manifests, seeds...) {
			if m, err := results.ReadManifest(filepath.Dir(f)); err != nil || m.Status == results.StatusFailed {
				t.Errorf("%s after SIGINT: %+v, %v", f, m, err)
			}
		}
		code, stdout, errs := run(t, hw1Binary, work, args...)
		if code != 0 {
			t.Fatalf("rerun: exit %d\n%s\n%s", code, stdout, errs)
		}
		for _, e := range results.Experiments() {
			if m, err := results.ReadManifest(filepath.Join(out, e.Name)); err != nil || m.Status != results.StatusDone || len(m.Seeds) != 2 {
				t.Errorf("%s after the rerun: %+v, %v", e.Name, m, err)
			}
			sameTables(t, filepath.Join(ref, e.Name), filepath.Join(out, e.Name, results.SeedDir(1)))
		}
	})
	// kill -9 at random moments: each kill hits the rerun of the command
	// the previous kill stopped, until a rerun ends by itself; its tables
	// must then be the uninterrupted run's. Five kills per experiment, then
	// a rerun to the end.
	rng := rand.New(rand.NewPCG(13, 1))
	for _, exp := range []struct {
		name     string
		maxDelay time.Duration // about 80% of a whole smoke run, start-up included
	}{{"function-fit", 2200 * time.Millisecond}, {"min-ratio", 2800 * time.Millisecond}, {"param-count", 3500 * time.Millisecond}, {"sensitivity", 4500 * time.Millisecond}} {
		out := filepath.Join(t.TempDir(), "res")
		args := []string{"run", exp.name, "--profile", "smoke", "--threads", "1", "--quiet", "--out", out}
		for kills, tries := 0, 0; kills < 5 && tries < 15; tries++ {
			delay := 150*time.Millisecond + time.Duration(rng.Int64N(int64(exp.maxDelay)))
			cmd, output := start(t, work, args...)
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
				// This rerun ended before its kill: it must have finished
				// the run the kills interrupted. Start anew. (A check, not
				// a counted case: how often it happens depends on the
				// machine's speed, and the suite's count must not.)
				t.Run(fmt.Sprintf("crash/rerun after %d kill(s) of %s", kills, exp.name), func(t *testing.T) {
					if code := cmd.ProcessState.ExitCode(); code != 0 {
						t.Fatalf("exit %d\n%s", code, output)
					}
					everythingParses(t, filepath.Join(out, exp.name), true)
					sameTables(t, filepath.Join(ref, exp.name), filepath.Join(out, exp.name))
				})
				out = filepath.Join(t.TempDir(), "res")
				args[len(args)-1] = out
				continue
			case <-time.After(delay):
			}
			kills++
			s.try(t, fmt.Sprintf("crash/kill -9 %s #%d after %s", exp.name, kills, delay.Round(time.Millisecond)), func(t *testing.T) {
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				<-done
				waitUnlocked(t, out)
				everythingParses(t, filepath.Join(out, exp.name), false)
			})
		}
		s.try(t, "crash/rerun after the last kill of "+exp.name, func(t *testing.T) { rerunMatches(t, work, ref, out, args) })
	}
	s.try(t, "crash/disk full", func(t *testing.T) {
		out := smallDisk(t, "48k")
		code, stdout, stderr := run(t, hw1Binary, work, "run", "function-fit", "--profile", "smoke", "--threads", "1", "--quiet", "--out", out)
		if code != 1 || !strings.Contains(stdout, "no space left on device") || !strings.Contains(stdout, "disk is full") {
			t.Errorf("exit %d, want 1 and the full disk named:\n%s\n%s", code, stdout, stderr)
		}
		everythingParses(t, filepath.Join(out, "function-fit"), true)
	})
	s.try(t, "crash/one experiment fails among others", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "res")
		// grad-norm resumes an unfinished run of its own configuration, but a
		// folder stands where its table goes: writing it fails.
		var m map[string]any
		b, err := os.ReadFile(filepath.Join(ref, "grad-norm", results.ManifestFile))
		if err == nil {
			err = json.Unmarshal(b, &m)
		}
		if err != nil {
			t.Fatal(err)
		}
		m["status"] = results.StatusInterrupted
		b, _ = json.Marshal(m)
		writeFile(t, filepath.Join(out, "grad-norm", results.ManifestFile), b)
		writeFile(t, filepath.Join(out, "grad-norm", "history.csv", "in-the-way"), nil)
		code, stdout, stderr := run(t, hw1Binary, work, "run", "all", "--profile", "smoke", "--threads", "1", "--quiet", "--out", out)
		if code != 1 || !strings.Contains(stderr, "1 experiment(s) failed: grad-norm") {
			t.Errorf("exit %d, want 1 naming grad-norm:\n%s\n%s", code, stdout, stderr)
		}
		// The others ran as the reference did (one thread): their tables
		// are its tables. Other thread counts are TestRepeatability's.
		for _, e := range results.Experiments() {
			if e.Name == "grad-norm" {
				continue
			}
			if !strings.Contains(stdout, e.Name) {
				t.Errorf("the summary does not name %s:\n%s", e.Name, stdout)
			}
			sameTables(t, filepath.Join(ref, e.Name), filepath.Join(out, e.Name))
		}
	})
}

// start starts the binary in dir in a process group of its own and returns
// it with its output, stdout and stderr in one.
func start(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(hw1Binary, args...)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	})
	return cmd, &output
}

// waitRows waits until the table at path has at least n rows.
func waitRows(t *testing.T, path string, n int) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if tb, err := table.Read(path); err == nil && len(tb.Rows) >= n {
			return
		}
	}
	t.Fatalf("%s never had %d rows", path, n)
}

// rerunMatches reruns args to the end and compares the experiment's tables
// with the uninterrupted run's in ref.
func rerunMatches(t *testing.T, work, ref, out string, args []string) {
	t.Helper()
	code, stdout, stderr := run(t, hw1Binary, work, args...)
	if code != 0 || !(strings.Contains(stdout, " done ") || strings.Contains(stdout, " skipped ")) {
		t.Fatalf("rerun: exit %d\n%s\n%s", code, stdout, stderr)
	}
	exp := args[1]
	everythingParses(t, filepath.Join(out, exp), true)
	sameTables(t, filepath.Join(ref, exp), filepath.Join(out, exp))
}

// sameTables compares every table of the experiment folder want with got,
// byte for byte.
func sameTables(t *testing.T, want, got string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(want, "*.csv"))
	if len(files) == 0 {
		t.Fatalf("no tables in %s", want)
	}
	for _, f := range files {
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(got, filepath.Base(f)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from the uninterrupted run's (%v)", filepath.Join(got, filepath.Base(f)), err)
		}
	}
}

// everythingParses checks what a run left in the experiment folder dir:
// the manifest (if any) reads, every table reads and matches its schema,
// and, when finished, no temporary file is left and every event file reads
// with one point per tag and step.
func everythingParses(t *testing.T, dir string, finished bool) {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return // killed before it began
	}
	m, err := results.ReadManifest(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Errorf("manifest: %v", err)
	}
	exp, ok := results.Lookup(filepath.Base(dir))
	if !ok {
		t.Fatalf("no schema for %s", dir)
	}
	for _, spec := range exp.Tables {
		tb, err := table.Read(filepath.Join(dir, spec.File))
		if os.IsNotExist(err) {
			continue
		}
		if err == nil {
			err = spec.Check(tb)
		}
		if err != nil {
			t.Errorf("%s: %v", spec.File, err)
		}
	}
	if !finished {
		return
	}
	if m == nil {
		t.Errorf("no manifest in %s", dir)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	var events []string // every run's event files, under tb/RUN/
	if err := filepath.WalkDir(filepath.Join(dir, results.EventsDir), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(d.Name(), "tfevents") {
			events = append(events, path)
		}
		return err
	}); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("event files: %v", err)
	}
	for _, f := range events {
		scalars, err := tensorboard.ReadScalars(f)
		if err != nil {
			t.Errorf("event file: %v", err)
			continue
		}
		seen := map[string]bool{}
		for _, sc := range scalars {
			k := fmt.Sprintf("%s@%d", sc.Tag, sc.Step)
			if seen[k] {
				t.Errorf("%s: %s twice", f, k)
				break
			}
			seen[k] = true
		}
	}
}
