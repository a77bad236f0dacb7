package graphs

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLoadedBuildMatchesTheInstall: the build hw1 reports is the one
// installed under LIBTENSORFLOW_DIR (scripts/tfenv sets it), whose VERSION
// names it: a CUDA build ("CUDA", or the official -gpu archive) has GPU
// kernels, a CPU-only build none.
func TestLoadedBuildMatchesTheInstall(t *testing.T) {
	prefix := os.Getenv("LIBTENSORFLOW_DIR")
	if prefix == "" {
		t.Skip("LIBTENSORFLOW_DIR is not set (eval \"$(scripts/tfenv)\")")
	}
	version, err := os.ReadFile(filepath.Join(prefix, "VERSION"))
	if err != nil {
		t.Skipf("no VERSION in %s: %v", prefix, err)
	}
	b, err := LoadedBuild()
	if err != nil {
		t.Fatal(err)
	}
	wantCUDA := strings.Contains(string(version), "CUDA") || strings.Contains(string(version), "-gpu")
	if b.CUDA != wantCUDA {
		t.Errorf("LoadedBuild().CUDA = %v, but %s/VERSION says %q", b.CUDA, prefix, version)
	}
	got, err1 := filepath.EvalSymlinks(b.Prefix)
	want, err2 := filepath.EvalSymlinks(prefix)
	if err := errors.Join(err1, err2); err != nil || got != want {
		t.Errorf("library %s is not under LIBTENSORFLOW_DIR %s (%v)", b.Library, prefix, err)
	}
	if info, err := ReadBuildInfo(filepath.Join(prefix, BuildInfoFile)); err == nil && b.CUDA {
		if b.CUDAVersion != info["cuda_version"] || b.CUDAVersion == "" || !strings.Contains(b.String(), "CUDA "+b.CUDAVersion) {
			t.Errorf("CUDA version %q (%s), %s says %q", b.CUDAVersion, b, BuildInfoFile, info["cuda_version"])
		}
	}
}

func TestProbeCUDADriverSaysWhyNot(t *testing.T) {
	d := ProbeCUDADriver("libhw1-no-such-driver.so.1")
	if d.Loaded || len(d.GPUs) > 0 || !strings.HasPrefix(d.Problem, "no NVIDIA driver: libhw1-no-such-driver.so.1 cannot be loaded") {
		t.Errorf("a missing driver: %+v", d)
	}
	d = ProbeCUDADriver("libc.so.6") // loads, but is no driver
	if !d.Loaded || !strings.Contains(d.Problem, "not a usable CUDA driver") {
		t.Errorf("a library that is no driver: %+v", d)
	}
}

func TestBuildSupports(t *testing.T) {
	b := Build{CUDA: true, Capabilities: "sm_60,sm_70,sm_80,sm_89,compute_90"}
	for _, c := range []struct {
		major, minor int
		want         string // a part of the answer; "" for none
	}{
		{8, 0, ""}, {8, 6, ""}, {7, 5, ""}, {8, 9, ""},
		{9, 0, "JIT-compiles compute_90"}, {12, 0, "JIT-compiles compute_90"},
		{5, 2, "below compute capability 6.0"},
	} {
		got := b.Supports(GPU{Major: c.major, Minor: c.minor})
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("compute capability %d.%d: %q, want %q", c.major, c.minor, got, c.want)
		}
	}
}

// TestPlace: cpu is the CPU; auto is the CPU where no GPU is usable, and
// gpu is then ErrNoGPU with the reason CheckGPUs gives.
func TestPlace(t *testing.T) {
	cfg := SessionConfig{IntraOpThreads: 1}
	if p, err := Place(DeviceCPU, cfg); err != nil || p.Device != DeviceCPU || p.Name != "CPU" {
		t.Errorf("cpu: %+v, %v", p, err)
	}
	if _, err := Place("tpu", cfg); err == nil {
		t.Error("tpu: no error")
	}
	st, err := CheckGPUs(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Usable() {
		t.Skip("a usable GPU: the CPU cases only")
	}
	if st.Why == "" {
		t.Error("no GPU, and no reason why")
	}
	if p, err := Place(DeviceAuto, cfg); err != nil || p.Device != DeviceCPU || !strings.Contains(p.Note, st.Why) {
		t.Errorf("auto: %+v, %v", p, err)
	}
	if _, err := Place(DeviceGPU, cfg); !errors.Is(err, ErrNoGPU) || !strings.Contains(err.Error(), st.Why) {
		t.Errorf("gpu: %v, want ErrNoGPU: %s", err, st.Why)
	}
}

// TestPlacementSession: the CPU hides the GPUs; a GPU lets memory grow; the
// zero placement changes nothing (today's sessions).
func TestPlacementSession(t *testing.T) {
	cfg := SessionConfig{IntraOpThreads: 2}
	if got := (Placement{}).Session(cfg); got != cfg {
		t.Errorf("zero placement changed %+v to %+v", cfg, got)
	}
	if got := (Placement{Device: DeviceCPU}).Session(cfg); got.Device != DeviceCPU {
		t.Errorf("cpu: %+v", got)
	}
	if got := (Placement{Device: DeviceGPU}).Session(cfg); got.Device != "" || !got.GPUAllowGrowth {
		t.Errorf("gpu: %+v", got)
	}
}

// TestOpsWithoutGPUKernel: on a CPU-only build the models' compute ops have
// no GPU kernel; on a CUDA build every float32 and float64 op of hw1's
// models has one, and what is left for the CPU is integer bookkeeping.
func TestOpsWithoutGPUKernel(t *testing.T) {
	b, err := LoadedBuild()
	if err != nil {
		t.Fatal(err)
	}
	ops, types, err := SampleOpsWithoutGPUKernel(SessionConfig{IntraOpThreads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if types < 20 {
		t.Fatalf("only %d op types in the sample models", types)
	}
	if !b.CUDA {
		for _, want := range []string{"MatMul(float32)", "MatMul(float64)", "Conv2D(float32)"} {
			if !slices.Contains(ops, want) {
				t.Errorf("CPU-only build: %s is not among the ops without a GPU kernel: %v", want, ops)
			}
		}
		return
	}
	for _, o := range ops {
		if strings.Contains(o, "(float32)") || strings.Contains(o, "(float64)") {
			t.Errorf("CUDA build: %s has no GPU kernel", o)
		}
	}
	t.Logf("CUDA build: on the CPU: %v", ops)
}
