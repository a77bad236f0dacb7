//go:build !notf

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The two start-up lines of TensorFlow 2.18 as they reach stderr.
const (
	abslLine = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
	mlirLine = "I0000 00:00:1795777162.764446     469 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled\n"
)

// The CUDA build's start-up lines, on a machine without a GPU, as TensorFlow
// 2.18's wheel writes them.
var cudaLines = []string{
	"2026-12-05 00:15:40.745577: E external/local_xla/xla/stream_executor/cuda/cuda_fft.cc:477] Unable to register cuFFT factory: Attempting to register factory for plugin cuFFT when one has already been registered\n",
	"E0000 00:00:1796429740.769547   11672 cuda_dnn.cc:8310] Unable to register cuDNN factory: Attempting to register factory for plugin cuDNN when one has already been registered\n",
	"E0000 00:00:1796429740.782374   11672 cuda_blas.cc:1418] Unable to register cuBLAS factory: Attempting to register factory for plugin cuBLAS when one has already been registered\n",
	"2026-12-05 00:15:41.134447: E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:152] failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)\n",
	"2026-12-05 00:15:41.134447: I external/local_xla/xla/tsl/cuda/cudart_stub.cc:32] Could not find cuda drivers on your machine, GPU will not be used.\n",
}

func TestLineFilterDropsTheCUDABuildsStartupLines(t *testing.T) {
	keep := []string{
		"2026-12-05 00:15:41.134447: E external/local_xla/xla/stream_executor/cuda/cuda_dnn.cc:1] Could not create cudnn handle\n",
		"E0000 00:00:1.0 123 op.cc:1] Unable to register the op: it is not a factory\n",
		"2026-12-05 function-fit done\n",
		"12 steps\n",
	}
	var out bytes.Buffer
	f := &lineFilter{w: &out}
	for _, l := range append(append([]string{}, cudaLines...), keep...) {
		if _, err := f.Write([]byte(l)); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(keep, ""); out.String() != want {
		t.Errorf("filtered:\n%q\nwant:\n%q", out.String(), want)
	}
}

func TestLineFilterDropsOnlyTheStartupLines(t *testing.T) {
	progress := "\rfunction-fit/sinc        [=====     ]  50% loss 0.1"
	in := []string{
		"time=1 level=INFO msg=start\n",
		abslLine,
		progress, // no newline: must go on at once
		"\n",
		mlirLine,
		"E0000 00:00:1.0 123 op.cc:1] a TensorFlow error\n",
		"I0000 00:00:1.0 123 other.cc:1] another info line\n",
		"last line without newline",
	}
	var out bytes.Buffer
	f := &lineFilter{w: &out}
	for _, chunk := range in {
		// Byte by byte in the middle, as a pipe may split them.
		if chunk == mlirLine {
			for i := range len(chunk) {
				if _, err := f.Write([]byte{chunk[i]}); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if _, err := f.Write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
		if chunk == progress && !strings.HasSuffix(out.String(), progress) {
			t.Errorf("the progress bar was held back: %q", out.String())
		}
	}
	if err := f.Flush(); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{in[0], progress, "\n", in[5], in[6], in[7]}, "")
	if out.String() != want {
		t.Errorf("filtered:\n%q\nwant:\n%q", out.String(), want)
	}
}

// TestTensorFlowStartupLinesAreHidden runs the binary: a run and doctor
// show no TensorFlow start-up line, unless HW1_TF_LOGS=1 asks for them.
func TestTensorFlowStartupLinesAreHidden(t *testing.T) {
	work := t.TempDir()
	// Not --quiet: the run's own INFO lines must come through the filter.
	args := []string{"run", "grad-norm", "--profile", "smoke", "--threads", "1", "--out", filepath.Join(work, "res")}
	for _, c := range []struct {
		name string
		args []string
		logs bool
	}{
		{"run", args, false},
		{"doctor", []string{"doctor"}, false},
		{"run with HW1_TF_LOGS=1", append(args[:len(args)-1:len(args)-1], filepath.Join(work, "res2")), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(hw1Binary, c.args...)
			cmd.Dir = work
			cmd.Env = os.Environ()
			if c.logs {
				cmd.Env = append(cmd.Env, tfLogsEnv+"=1")
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			_ = cmd.Run() // doctor exits 2 without data here; its stderr is what counts
			shown := strings.Contains(stderr.String(), "absl::InitializeLog") || strings.Contains(stderr.String(), "MLIR V1 optimization pass")
			if shown != c.logs {
				t.Errorf("start-up lines shown: %v, want %v; stderr:\n%s", shown, c.logs, stderr.String())
			}
			if c.name == "run" && !strings.Contains(stderr.String(), "msg=done") {
				t.Errorf("the run's own log did not come through:\n%s", stderr.String())
			}
		})
	}
}
