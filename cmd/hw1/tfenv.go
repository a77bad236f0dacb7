package main

import (
	"os"
	"syscall"
)

// withTFDefaults re-executes hw1 with TensorFlow's environment defaults added
// when any is missing (a value the user set is kept):
//   - TF_ENABLE_ONEDNN_OPTS=1: oneDNN kernels, which the C library leaves off
//     and which make convolutions on CPU 2-3x faster (deterministic at a
//     fixed thread count);
//   - TF_CPP_MIN_LOG_LEVEL=2: TensorFlow's errors only (its warnings, e.g.
//     that oneDNN skips float64 ops, flood min-ratio's log).
//
// TensorFlow reads them when the library loads, before main runs, so
// setting them from inside the process is too late. When the re-execution is
// not possible hw1 carries on with the environment it has.
func withTFDefaults() {
	defaults := [][2]string{{"TF_ENABLE_ONEDNN_OPTS", "1"}, {"TF_CPP_MIN_LOG_LEVEL", "2"}}
	env := os.Environ()
	missing := false
	for _, kv := range defaults {
		if _, set := os.LookupEnv(kv[0]); !set {
			env = append(env, kv[0]+"="+kv[1])
			missing = true
		}
	}
	if !missing {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	_ = syscall.Exec(exe, os.Args, env) // returns only on failure
}
