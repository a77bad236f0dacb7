//go:build !notf

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"hw1/runner"
	"hw1/runner/shards"
)

// protectionCases: results of other runs, an unreadable manifest, --force,
// a folder in use, and a lock left by a killed process. No finished result
// may be lost.
func protectionCases(t *testing.T, s *faultSuite) {
	work := t.TempDir()
	out := filepath.Join(work, "res")
	smoke := []string{"--profile", "smoke", "--threads", "1", "--quiet", "--out", out}
	if code, stdout, stderr := run(t, hw1Binary, work, append([]string{"run", "grad-norm"}, smoke...)...); code != 0 {
		t.Fatalf("grad-norm: exit %d\n%s\n%s", code, stdout, stderr)
	}
	dir := filepath.Join(out, "grad-norm")
	refusals := []struct {
		name string
		args []string
		want string
	}{
		{"another seed", []string{"--seed", "2"}, "seed (1, not 2)"},
		{"another profile", []string{"--profile", "quick"}, "profile (smoke, not quick)"},
		{"another --set", []string{"--set", "epochs=7"}, "configuration"},
	}
	for _, c := range refusals {
		s.try(t, "results/"+c.name, func(t *testing.T) {
			before := s.keep(t, out)
			args := append(append([]string{"run", "grad-norm"}, smoke...), c.args...)
			code, _, stderr := run(t, hw1Binary, work, args...)
			for _, want := range []string{c.want, dir, "profile smoke, seed 1, status done", "--out DIR", "--force"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("the refusal does not say %q:\n%s", want, stderr)
				}
			}
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			s.kept(t, before)
		})
	}
	s.try(t, "results/unreadable manifest", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "res")
		writeFile(t, filepath.Join(other, "grad-norm", "manifest.json"), []byte(`{"experiment": "grad-`))
		writeFile(t, filepath.Join(other, "grad-norm", "history.csv"), []byte("step,loss\n"))
		before := s.keep(t, other)
		code, _, stderr := run(t, hw1Binary, work, "run", "grad-norm", "--profile", "smoke", "--quiet", "--out", other)
		if code != 2 || !strings.Contains(stderr, "cannot be read") || !strings.Contains(stderr, "--force") {
			t.Errorf("exit %d, want 2 saying the manifest cannot be read:\n%s", code, stderr)
		}
		s.kept(t, before)
	})
	s.try(t, "results/--force keeps the old result aside", func(t *testing.T) {
		before := s.keep(t, dir)
		args := append(append([]string{"run", "grad-norm"}, smoke...), "--seed", "2", "--force")
		code, stdout, stderr := run(t, hw1Binary, work, args...)
		if code != 0 || !strings.Contains(stdout, runner.ReplacedDir) {
			t.Fatalf("exit %d, want 0 and where the old result went:\n%s\n%s", code, stdout, stderr)
		}
		aside, _ := filepath.Glob(filepath.Join(out, runner.ReplacedDir, "grad-norm-*"))
		if len(aside) != 1 {
			t.Fatalf("kept aside: %v", aside)
		}
		moved := map[string][]byte{}
		for p, b := range before {
			moved[filepath.Join(aside[0], strings.TrimPrefix(p, dir))] = b
		}
		s.kept(t, moved)
	})
	s.try(t, "results/folder in use", func(t *testing.T) {
		busy := filepath.Join(t.TempDir(), "res")
		holder, pid := startHolding(t, work, busy)
		defer killGroup(t, holder, busy)
		code, _, stderr := run(t, hw1Binary, work, "run", "grad-norm", "--profile", "smoke", "--quiet", "--out", busy)
		if code != 2 || !strings.Contains(stderr, "in use") || !strings.Contains(stderr, "PID "+strconv.Itoa(pid)) {
			t.Errorf("exit %d, want 2 naming PID %d:\n%s", code, pid, stderr)
		}
	})
	s.try(t, "results/lock of a killed process", func(t *testing.T) {
		busy := filepath.Join(t.TempDir(), "res")
		holder, pid := startHolding(t, work, busy)
		killGroup(t, holder, busy)
		code, stdout, stderr := run(t, hw1Binary, work, "run", "grad-norm", "--profile", "smoke", "--quiet", "--out", busy)
		if code != 0 || !strings.Contains(stderr, "locked by process "+strconv.Itoa(pid)) || !strings.Contains(stderr, "taking it over") {
			t.Errorf("exit %d, want 0 and the take-over of PID %d's lock:\n%s\n%s", code, pid, stdout, stderr)
		}
	})
}

// startHolding starts a long `hw1 run` into out in a process group of its
// own and waits until it holds out's lock; it returns the command and the
// PID in the lock file (the process doing the work).
func startHolding(t *testing.T, work, out string) (*exec.Cmd, int) {
	t.Helper()
	cmd := exec.Command(hw1Binary, "run", "function-fit", "--profile", "smoke", "--set", "epochs=100000", "--threads", "1", "--quiet", "--out", out)
	cmd.Dir = work
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		b, _ := os.ReadFile(filepath.Join(out, shards.LockFile))
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
			return cmd, pid
		}
	}
	killGroup(t, cmd, out)
	t.Fatal("the first run never took the lock")
	return nil, 0
}

// killGroup kills cmd's process group with SIGKILL, reaps it, and waits
// until out's lock is free (the kernel drops the dead holder's flock).
func killGroup(t *testing.T, cmd *exec.Cmd, out string) {
	t.Helper()
	if cmd.ProcessState == nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	}
	waitUnlocked(t, out)
}

// waitUnlocked waits until no process holds out's lock.
func waitUnlocked(t *testing.T, out string) {
	t.Helper()
	f, err := os.Open(filepath.Join(out, shards.LockFile))
	if os.IsNotExist(err) {
		return
	} else if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			return
		}
	}
	t.Fatalf("%s stays locked after its holder was killed", out)
}
