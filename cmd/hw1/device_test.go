//go:build !notf

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/graphs"
	"hw1/runner/results"
)

// TestDeviceGPUWithoutAGPUExits2 asks for the GPU where there is none to
// use (a CPU-only build, or a CUDA build without a driver): exit 2 before
// anything trains, with the reason.
func TestDeviceGPUWithoutAGPUExits2(t *testing.T) {
	st, err := graphs.CheckGPUs(graphs.SessionConfig{IntraOpThreads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if st.Usable() {
		t.Skip("this machine has a usable GPU")
	}
	usageCase{"gpu without a GPU", []string{"run", "function-fit", "--profile", "smoke", "--device", "gpu"}, 2,
		"--device gpu: no usable GPU: " + st.Why}.check(t, t.TempDir())
}

// TestDoctorSaysWhichBuildAndWhyNoGPU: doctor names the build and, with no
// usable GPU, why, on one line each, and none of TensorFlow's CUDA start-up
// lines reach the user from the process that does the work.
func TestDoctorSaysWhichBuildAndWhyNoGPU(t *testing.T) {
	st, err := graphs.CheckGPUs(graphs.SessionConfig{IntraOpThreads: 1})
	if err != nil {
		t.Fatal(err)
	}
	dataRoot, err := filepath.Abs(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, hw1Binary, t.TempDir(), "doctor", "--data-root", dataRoot)
	if code != 0 && !strings.Contains(stderr, "MNIST is missing") {
		t.Fatalf("doctor: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if want := "build        " + st.Build.String(); !strings.Contains(stdout, want) {
		t.Errorf("doctor does not say %q:\n%s", want, stdout)
	}
	if !st.Usable() {
		if want := "gpu          none: " + st.Why + "\n"; !strings.Contains(stdout, want) {
			t.Errorf("doctor does not say %q:\n%s", want, stdout)
		}
	}
	// A CPU-only build prints nothing of CUDA as it loads; a CUDA build
	// prints its registration errors in the process the user starts, before
	// hw1's code runs (see the README).
	if !st.Build.CUDA && strings.Contains(stderr, "Unable to register cu") {
		t.Errorf("a CUDA start-up line reached the user:\n%s", stderr)
	}
}

// TestManifestRecordsTheDevice: --device cpu writes the device and the
// CPU's promise into the manifest.
func TestManifestRecordsTheDevice(t *testing.T) {
	work := t.TempDir()
	code, stdout, stderr := run(t, hw1Binary, work, "run", "function-fit", "--profile", "smoke", "--threads", "1",
		"--device", "cpu", "--out", "res")
	if code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(work, "res", "function-fit", results.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var m results.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Device != "CPU" || m.Repeatability != results.Repeatability {
		t.Errorf("manifest device %q, repeatability %q; want CPU and %q", m.Device, m.Repeatability, results.Repeatability)
	}
}
