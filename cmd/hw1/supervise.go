//go:build !notf

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
)

// supervise runs hw1's work in a child process and reports its exit status;
// ok is false in the child itself, or when hw1 cannot find its own
// executable or make the pipe (hw1 then carries on in this process, as it
// is). A child that cannot be started is an error (exit status 1).
//
// The child starts with TensorFlow's environment defaults (tfEnv), which
// must be set before the library loads. Its stderr comes back through a
// lineFilter that drops TensorFlow's start-up lines (HW1_TF_LOGS=1 keeps
// them); a filter in another process loses nothing when the child crashes.
// SIGINT, SIGTERM and SIGHUP go on to the child, which stops after its
// current step; the child dies with the supervisor (PR_SET_PDEATHSIG). A
// child killed by signal s gives the exit status 128+s, as a shell reports it.
func supervise() (code int, ok bool) {
	if os.Getenv(childEnv) == "1" {
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	showTFLogs := os.Getenv(tfLogsEnv) == "1"
	terminal := false
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		terminal = true
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Args[0] = os.Args[0]
	cmd.Env = tfEnv(showTFLogs, terminal)
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	// The death signal is tied to the thread that starts the child: keep
	// this goroutine on it for good.
	runtime.LockOSThread()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Stderr = os.Stderr
	var r, w *os.File
	if !showTFLogs {
		if r, w, err = os.Pipe(); err != nil {
			return 0, false
		}
		defer r.Close()
		cmd.Stderr = w
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	err = cmd.Start()
	if w != nil {
		w.Close() // the child holds the write end now
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "hw1: start %s: %v\n", exe, err)
		return 1, true
	}
	var filtered chan error
	if r != nil {
		filtered = make(chan error, 1)
		go func() {
			f := &lineFilter{w: os.Stderr}
			_, err := io.Copy(f, r)
			filtered <- errors.Join(err, f.Flush())
		}()
	}
	return wait(cmd, sigs, filtered), true
}

// wait forwards signals to the child until it exits, waits for its stderr
// to be passed on (when filtered is not nil), and returns its exit status.
func wait(cmd *exec.Cmd, sigs <-chan os.Signal, filtered <-chan error) int {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	for waiting := true; waiting; {
		select {
		case s := <-sigs:
			_ = cmd.Process.Signal(s) // it may have exited already
		case err = <-done:
			waiting = false
		}
	}
	if filtered != nil {
		<-filtered
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return exit.ExitCode()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hw1:", err)
		return 1
	}
	return 0
}
