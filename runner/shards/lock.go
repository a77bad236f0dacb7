package shards

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockFile is the file in a results folder that marks it as in use by one
// `hw1 run`: an exclusive flock on it, and the holder's PID in it.
const LockFile = ".hw1.lock"

// OutLock is a held lock on a results folder.
type OutLock struct {
	f *os.File
}

// LockedError says that another process writes into the results folder.
type LockedError struct {
	Dir string
	PID int // 0 when the file did not name one
}

func (e *LockedError) Error() string {
	who := "another hw1 process"
	if e.PID > 0 {
		who = fmt.Sprintf("another hw1 process (PID %d)", e.PID)
	}
	return fmt.Sprintf("%s is in use by %s: wait for it to finish, stop it, or write elsewhere with --out DIR", e.Dir, who)
}

// LockOut takes the results folder dir (creating it) for this process. It
// fails with a *LockedError when a live process holds it. The kernel drops
// a flock when its holder dies, so a lock left by a killed process is free;
// its PID is still in the file, and LockOut returns it as stale (0 when the
// last holder released it properly) so that the caller can say so.
func LockOut(dir string) (lock *OutLock, stale int, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, fmt.Errorf("lock %s: %w", dir, err)
	}
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, 0, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid := readPID(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, 0, &LockedError{Dir: dir, PID: pid}
		}
		return nil, 0, fmt.Errorf("lock %s: %w", path, err)
	}
	if pid := readPID(f); pid != os.Getpid() {
		stale = pid
	}
	if err := writePID(f, os.Getpid()); err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("lock %s: %w", path, err)
	}
	return &OutLock{f: f}, stale, nil
}

// Unlock empties the lock file (no holder) and releases the lock.
func (l *OutLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	terr := l.f.Truncate(0)
	cerr := l.f.Close() // closing the last descriptor releases the flock
	l.f = nil
	if err := errors.Join(terr, cerr); err != nil {
		return fmt.Errorf("release the results folder's lock: %w", err)
	}
	return nil
}

// readPID reads the PID in the lock file, or 0.
func readPID(f *os.File) int {
	b, err := io.ReadAll(io.NewSectionReader(f, 0, 32))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return 0
	}
	return pid
}

// writePID replaces the lock file's content with pid.
func writePID(f *os.File, pid int) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt([]byte(strconv.Itoa(pid)+"\n"), 0); err != nil {
		return err
	}
	return f.Sync()
}
