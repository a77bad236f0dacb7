//go:build !notf

package main

import (
	"os"

	"hw1/graphs"
)

// Environment variables of hw1's own.
const (
	// tfLogsEnv=1 shows TensorFlow's logs as TensorFlow writes them: its
	// start-up lines, and its info and warnings unless TF_CPP_MIN_LOG_LEVEL
	// says otherwise.
	tfLogsEnv = "HW1_TF_LOGS"
	// childEnv marks the process that does the work, under the supervisor
	// (see supervise.go).
	childEnv = "HW1_CHILD"
	// terminalEnv tells the child that its stderr, a pipe to the
	// supervisor, ends on a terminal, so that it draws progress bars.
	terminalEnv = "HW1_STDERR_TERMINAL"
)

// tfEnv is the environment of the child: the user's, plus TensorFlow's
// defaults for any variable the user did not set:
//   - TF_ENABLE_ONEDNN_OPTS=1: oneDNN kernels, which the C library leaves off
//     and which make convolutions on CPU 2-3x faster (deterministic at a
//     fixed thread count);
//   - TF_OVERRIDE_GLOBAL_THREADPOOL=1: every session has an intra-op thread
//     pool of its own size (graphs.OwnThreadPoolsEnv), so that small dense
//     models run on one thread while the CNNs keep theirs;
//   - TF_CPP_MIN_LOG_LEVEL=2: TensorFlow's errors only (its warnings, e.g.
//     that oneDNN skips float64 ops, flood min-ratio's log); not with
//     HW1_TF_LOGS=1.
//
// TensorFlow reads them when the library loads, before main runs, so
// setting them from inside the process is too late: hw1 runs its work in a
// child process that starts with them.
func tfEnv(showTFLogs, terminal bool) []string {
	defaults := [][2]string{{"TF_ENABLE_ONEDNN_OPTS", "1"}, {graphs.OwnThreadPoolsEnv, "1"}}
	if !showTFLogs {
		defaults = append(defaults, [2]string{"TF_CPP_MIN_LOG_LEVEL", "2"})
	}
	env := os.Environ()
	for _, kv := range defaults {
		if _, set := os.LookupEnv(kv[0]); !set {
			env = append(env, kv[0]+"="+kv[1])
		}
	}
	env = append(env, childEnv+"=1")
	if terminal {
		env = append(env, terminalEnv+"=1")
	}
	return env
}
