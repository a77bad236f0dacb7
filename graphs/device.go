package graphs

/*
#cgo LDFLAGS: -ltensorflow -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <tensorflow/c/c_api.h>

// hw1_tf_library returns the file of the loaded TensorFlow C library.
static const char* hw1_tf_library(void) {
	Dl_info info;
	if (dladdr((void*)TF_Version, &info) == 0 || info.dli_fname == NULL) return "";
	return info.dli_fname;
}

// hw1_kernels_for_op returns TF_GetRegisteredKernelsForOp's KernelList.
static TF_Buffer* hw1_kernels_for_op(const char* op, TF_Status* s) {
	return TF_GetRegisteredKernelsForOp(op, s);
}

typedef struct {
	char name[256];
	int major, minor;
	size_t memory;
} hw1_gpu;

typedef int (*hw1_cu_int)(unsigned int);
typedef int (*hw1_cu_intp)(int*);
typedef int (*hw1_cu_get)(int*, int);
typedef int (*hw1_cu_name)(char*, int, int);
typedef int (*hw1_cu_attr)(int*, int, int);
typedef int (*hw1_cu_mem)(size_t*, int);

// hw1_cuda_probe asks the CUDA driver library lib for its GPUs, as
// TensorFlow will. It returns -1 when lib cannot be loaded (dlerror in err),
// -2 when a symbol is missing, else cuInit's result (0: ok, then *count GPUs,
// at most max described in gpus). The library stays loaded.
static int hw1_cuda_probe(const char* lib, int* version, int* count, hw1_gpu* gpus, int max, char* err, int errlen) {
	void* h = dlopen(lib, RTLD_NOW | RTLD_GLOBAL);
	if (h == NULL) {
		const char* e = dlerror();
		strncpy(err, e ? e : "dlopen failed", errlen - 1);
		err[errlen - 1] = 0;
		return -1;
	}
	hw1_cu_int cuInit = (hw1_cu_int)dlsym(h, "cuInit");
	hw1_cu_intp cuDriverGetVersion = (hw1_cu_intp)dlsym(h, "cuDriverGetVersion");
	hw1_cu_intp cuDeviceGetCount = (hw1_cu_intp)dlsym(h, "cuDeviceGetCount");
	hw1_cu_get cuDeviceGet = (hw1_cu_get)dlsym(h, "cuDeviceGet");
	hw1_cu_name cuDeviceGetName = (hw1_cu_name)dlsym(h, "cuDeviceGetName");
	hw1_cu_attr cuDeviceGetAttribute = (hw1_cu_attr)dlsym(h, "cuDeviceGetAttribute");
	hw1_cu_mem cuDeviceTotalMem = (hw1_cu_mem)dlsym(h, "cuDeviceTotalMem_v2");
	if (!cuInit || !cuDriverGetVersion || !cuDeviceGetCount || !cuDeviceGet || !cuDeviceGetName ||
	    !cuDeviceGetAttribute || !cuDeviceTotalMem) {
		strncpy(err, "a CUDA driver function is missing", errlen - 1);
		err[errlen - 1] = 0;
		return -2;
	}
	if (cuDriverGetVersion(version) != 0) *version = 0;
	int r = cuInit(0);
	if (r != 0) return r;
	if ((r = cuDeviceGetCount(count)) != 0) return r;
	for (int i = 0; i < *count && i < max; i++) {
		int dev;
		if ((r = cuDeviceGet(&dev, i)) != 0) return r;
		if ((r = cuDeviceGetName(gpus[i].name, sizeof gpus[i].name, dev)) != 0) return r;
		if ((r = cuDeviceGetAttribute(&gpus[i].major, 75, dev)) != 0) return r; // COMPUTE_CAPABILITY_MAJOR
		if ((r = cuDeviceGetAttribute(&gpus[i].minor, 76, dev)) != 0) return r; // COMPUTE_CAPABILITY_MINOR
		if ((r = cuDeviceTotalMem(&gpus[i].memory, dev)) != 0) return r;
	}
	return 0;
}
*/
import "C"

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unsafe"

	tf "github.com/wamuir/graft/tensorflow"
	kernelpb "github.com/wamuir/graft/tensorflow/core/framework/kernel_def_go_proto"
	"google.golang.org/protobuf/proto"
)

// BuildInfoFile is the file, in the prefix of the TensorFlow C library
// (beside lib/), where scripts/install-libtensorflow.sh records the build:
// key=value lines (variant, is_cuda_build, cuda_version, cudnn_version,
// cuda_compute_capabilities, "wheel NAME" for every wheel unpacked).
const BuildInfoFile = "BUILD_INFO"

// Build describes the TensorFlow C library loaded into this process.
type Build struct {
	// Library is the file the C library was loaded from.
	Library string
	// CUDA: the library has GPU kernels (MatMul's, as TensorFlow's
	// registry says), so it is a CUDA build.
	CUDA bool
	// CUDAVersion and CuDNNVersion are the versions it was built with and
	// that its prefix's CUDA runtime has ("" when not recorded); CUDNN is
	// the installed cuDNN's full version when known, else the build's major.
	CUDAVersion, CuDNNVersion string
	// Capabilities are the GPU architectures its kernels are compiled for
	// (e.g. "sm_60,sm_70,sm_80,sm_89,compute_90").
	Capabilities string
	// Prefix is the folder that holds lib/ (and, for the wheels' CUDA
	// build, nvidia/).
	Prefix string
}

// String is the build in one line.
func (b Build) String() string {
	if !b.CUDA {
		return "CPU-only (no GPU kernels)"
	}
	if b.CUDAVersion == "" {
		return "CUDA (versions not recorded: no " + BuildInfoFile + " beside its lib/)"
	}
	s := fmt.Sprintf("CUDA %s, cuDNN %s", b.CUDAVersion, b.CuDNNVersion)
	if b.Capabilities != "" {
		s += " (kernels for " + b.Capabilities + ")"
	}
	return s
}

// LoadedBuild reports which build of TensorFlow this process runs.
func LoadedBuild() (Build, error) {
	b := Build{Library: C.GoString(C.hw1_tf_library())}
	if b.Library != "" {
		b.Prefix = filepath.Dir(filepath.Dir(b.Library))
	}
	gpu, err := hasGPUKernel("MatMul")
	if err != nil {
		return b, err
	}
	b.CUDA = gpu
	info, err := ReadBuildInfo(filepath.Join(b.Prefix, BuildInfoFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return b, err
	}
	if b.CUDA && info != nil {
		b.CUDAVersion = info["cuda_version"]
		b.CuDNNVersion = info["cudnn_version"]
		if v := info["wheel nvidia_cudnn_cu12"]; v != "" {
			b.CuDNNVersion = v
		}
		b.Capabilities = info["cuda_compute_capabilities"]
	}
	return b, nil
}

// ReadBuildInfo reads a BuildInfoFile.
func ReadBuildInfo(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			info[k] = v
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return info, nil
}

// hasGPUKernel reports whether TensorFlow has a GPU kernel of op.
func hasGPUKernel(op string) (bool, error) {
	list, err := kernelsOf(op)
	if err != nil {
		return false, err
	}
	for _, k := range list.GetKernel() {
		if k.GetDeviceType() == "GPU" {
			return true, nil
		}
	}
	return false, nil
}

// kernelsOf returns the kernels registered for op.
func kernelsOf(op string) (*kernelpb.KernelList, error) {
	cop := C.CString(op)
	defer C.free(unsafe.Pointer(cop))
	st := C.TF_NewStatus()
	defer C.TF_DeleteStatus(st)
	buf := C.hw1_kernels_for_op(cop, st)
	if C.TF_GetCode(st) != C.TF_OK {
		return nil, fmt.Errorf("kernels of %s: %s", op, C.GoString(C.TF_Message(st)))
	}
	defer C.TF_DeleteBuffer(buf)
	var list kernelpb.KernelList
	if err := proto.Unmarshal(C.GoBytes(buf.data, C.int(buf.length)), &list); err != nil {
		return nil, fmt.Errorf("kernels of %s: %w", op, err)
	}
	return &list, nil
}

// gpuKernelFor reports whether op has a GPU kernel whose constraint on the
// type attribute attr (if it has one) allows dt. Kernels registered for
// DEFAULT (TensorFlow's for every device but the CPU: variables,
// placeholders) count.
func gpuKernelFor(list *kernelpb.KernelList, attr string, dt tf.DataType) bool {
	for _, k := range list.GetKernel() {
		if d := k.GetDeviceType(); d != "GPU" && d != "DEFAULT" {
			continue
		}
		ok := true
		for _, c := range k.GetConstraint() {
			if c.GetName() != attr {
				continue
			}
			ok = false
			for _, t := range c.GetAllowedValues().GetList().GetType() {
				if int32(t) == int32(dt) {
					ok = true
				}
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// OpsWithoutGPUKernel lists the op types of the model's graph, as
// "Type(dtype)", that have no GPU kernel for their type ("T" or "dtype") in
// the loaded build: on a GPU, TensorFlow runs them on the CPU (soft
// placement). Ops built on first use (the Hessian's) count once built.
func (m *Model) OpsWithoutGPUKernel() ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return opsWithoutGPUKernel(m.graph)
}

func opsWithoutGPUKernel(g *tf.Graph) ([]string, error) {
	lists := map[string]*kernelpb.KernelList{}
	seen := map[string]bool{}
	var out []string
	for _, o := range g.Operations() {
		typ := o.Type()
		attr, dt := "", tf.DataType(0)
		for _, a := range []string{"T", "dtype"} {
			if v, err := o.Attr(a); err == nil {
				if d, ok := v.(tf.DataType); ok {
					attr, dt = a, d
					break
				}
			}
		}
		key := fmt.Sprintf("%s(%s)", typ, dtypeName(dt))
		if seen[key] {
			continue
		}
		seen[key] = true
		list, ok := lists[typ]
		if !ok {
			var err error
			if list, err = kernelsOf(typ); err != nil {
				return nil, err
			}
			lists[typ] = list
		}
		if !gpuKernelFor(list, attr, dt) {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out, nil
}

func dtypeName(dt tf.DataType) string {
	switch dt {
	case tf.Float:
		return "float32"
	case tf.Double:
		return "float64"
	case tf.Int32:
		return "int32"
	case tf.Int64:
		return "int64"
	case 0:
		return "untyped"
	}
	return fmt.Sprintf("type %d", int(dt))
}

// SampleOpsWithoutGPUKernel builds the two kinds of model hw1 trains, a
// float32 CNN and a float64 dense model with its Hessian-vector product,
// and returns OpsWithoutGPUKernel of both, and how many op types they have.
func SampleOpsWithoutGPUKernel(cfg SessionConfig) (cpuOps []string, opTypes int, err error) {
	cnn := Spec{Input: []int{6, 6, 1}, Layers: []Layer{{Kind: Conv2D, Filters: 2, Kernel: 3, Activation: ReLU},
		{Kind: MaxPool, Pool: 2}, {Kind: Flatten}, {Kind: Dense, Units: 3}}, Loss: SoftmaxCrossEntropy, Session: cfg}
	mlp := Spec{Input: []int{2}, Layers: []Layer{{Kind: Dense, Units: 4, Activation: Tanh}, {Kind: Dense, Units: 1}},
		Loss: MSE, Float64: true, Session: cfg}
	seen := map[string]bool{}
	types := map[string]bool{}
	for _, spec := range []Spec{cnn, mlp} {
		m, err := New(spec)
		if err != nil {
			return nil, 0, fmt.Errorf("sample model: %w", err)
		}
		m.mu.Lock()
		if spec.Float64 { // the Hessian is for dense models only
			_, err = m.secondOrderLocked()
		}
		var ops []string
		if err == nil {
			ops, err = opsWithoutGPUKernel(m.graph)
			for _, o := range m.graph.Operations() {
				types[o.Type()] = true
			}
		}
		m.mu.Unlock()
		err = errors.Join(err, m.Close())
		if err != nil {
			return nil, 0, fmt.Errorf("sample model: %w", err)
		}
		for _, o := range ops {
			if !seen[o] {
				seen[o] = true
				cpuOps = append(cpuOps, o)
			}
		}
	}
	slices.Sort(cpuOps)
	return cpuOps, len(types), nil
}

// GPU is one GPU the CUDA driver sees.
type GPU struct {
	Index        int
	Name         string
	Major, Minor int // compute capability
	MemoryBytes  int64
}

// CUDADriver is what the CUDA driver library reports.
type CUDADriver struct {
	// Loaded: the driver library (libcuda.so.1) could be loaded.
	Loaded bool
	// Version is the CUDA version the driver supports, e.g. "12.4".
	Version string
	// Major is the CUDA major version the driver supports (0: unknown).
	Major int
	GPUs  []GPU
	// Problem says why there is no GPU to use ("" when there are GPUs).
	Problem string
}

// CUDADriverLibrary is the NVIDIA driver's CUDA library. The NVIDIA
// Container Toolkit mounts it into a container (docker run --gpus all).
const CUDADriverLibrary = "libcuda.so.1"

// ProbeCUDADriver asks the CUDA driver library (CUDADriverLibrary, or
// another file for tests) for its GPUs. It does not start TensorFlow.
func ProbeCUDADriver(lib string) CUDADriver {
	const max = 16
	var gpus [max]C.hw1_gpu
	var version, count C.int
	errbuf := make([]byte, 512)
	clib := C.CString(lib)
	defer C.free(unsafe.Pointer(clib))
	r := C.hw1_cuda_probe(clib, &version, &count, &gpus[0], max, (*C.char)(unsafe.Pointer(&errbuf[0])), C.int(len(errbuf)))
	d := CUDADriver{Loaded: r != -1}
	if version > 0 {
		d.Version = fmt.Sprintf("%d.%d", version/1000, version%1000/10)
		d.Major = int(version / 1000)
	}
	switch {
	case r == -1:
		d.Problem = fmt.Sprintf("no NVIDIA driver: %s cannot be loaded (%s); install the NVIDIA driver, "+
			"or in Docker run with --gpus all (NVIDIA Container Toolkit)", lib, cString(errbuf))
	case r == -2:
		d.Problem = fmt.Sprintf("%s is not a usable CUDA driver: %s", lib, cString(errbuf))
	case r == 100:
		d.Problem = "the NVIDIA driver sees no GPU (cuInit: no CUDA-capable device)"
	case r != 0:
		d.Problem = fmt.Sprintf("the NVIDIA driver did not start (cuInit error %d); check nvidia-smi", int(r))
	case count == 0:
		d.Problem = "the NVIDIA driver sees no GPU"
	}
	if r != 0 {
		return d
	}
	for i := 0; i < int(count) && i < max; i++ {
		g := gpus[i]
		d.GPUs = append(d.GPUs, GPU{Index: i, Name: C.GoString(&g.name[0]), Major: int(g.major), Minor: int(g.minor),
			MemoryBytes: int64(g.memory)})
	}
	return d
}

func cString(b []byte) string {
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// cudaLibraries are the CUDA runtime libraries TensorFlow 2.18 loads for a
// GPU, by soname, with the nvidia wheel folder each comes in.
var cudaLibraries = [][2]string{
	{"libcudart.so.12", "cuda_runtime"}, {"libcublas.so.12", "cublas"}, {"libcublasLt.so.12", "cublas"},
	{"libcufft.so.11", "cufft"}, {"libcusparse.so.12", "cusparse"}, {"libcusolver.so.11", "cusolver"},
	{"libcudnn.so.9", "cudnn"},
}

// MissingCUDALibraries lists the CUDA runtime libraries TensorFlow would
// not find: neither under the build's prefix (nvidia/<wheel>/lib, where its
// RUNPATH looks) nor on the loader's search path.
func (b Build) MissingCUDALibraries() []string {
	var missing []string
	for _, l := range cudaLibraries {
		if _, err := os.Stat(filepath.Join(b.Prefix, "nvidia", l[1], "lib", l[0])); err == nil {
			continue
		}
		if !canLoad(l[0]) {
			missing = append(missing, l[0])
		}
	}
	return missing
}

func canLoad(lib string) bool {
	c := C.CString(lib)
	defer C.free(unsafe.Pointer(c))
	h := C.dlopen(c, C.RTLD_LAZY|C.RTLD_LOCAL)
	if h == nil {
		return false
	}
	C.dlclose(h)
	return true
}

// GPUStatus is what a GPU run would have: the build, the driver's GPUs,
// TensorFlow's GPU devices, and why there is none to use.
type GPUStatus struct {
	Build  Build
	Driver CUDADriver
	// TFGPUs are the GPU devices a session lists (e.g.
	// "/job:localhost/replica:0/task:0/device:GPU:0"), in the driver's order.
	TFGPUs []Device
	// Why says why no GPU is usable ("" when one is).
	Why string
}

// Usable reports whether TensorFlow has a GPU to run on.
func (s GPUStatus) Usable() bool { return len(s.TFGPUs) > 0 }

// CheckGPUs finds out whether this process can train on a GPU, and if not,
// why: a CPU-only build, no driver, a missing library, or a GPU TensorFlow
// does not support. Only on a CUDA build does it load the driver and open a
// session.
func CheckGPUs(cfg SessionConfig) (GPUStatus, error) {
	var s GPUStatus
	var err error
	if s.Build, err = LoadedBuild(); err != nil {
		return s, err
	}
	if !s.Build.CUDA {
		s.Why = "this TensorFlow is a CPU-only build (for GPUs, install the CUDA build: " +
			"TF_VARIANT=gpu scripts/install-libtensorflow.sh, then build with eval \"$(TF_VARIANT=gpu scripts/tfenv)\"; or use the GPU image)"
		return s, nil
	}
	s.Driver = ProbeCUDADriver(CUDADriverLibrary)
	cfg.Device = ""
	devs, err := Devices(cfg)
	if err != nil {
		return s, err
	}
	for _, d := range devs {
		if d.Type == "GPU" {
			s.TFGPUs = append(s.TFGPUs, d)
		}
	}
	switch {
	case len(s.TFGPUs) > 0:
	case s.Driver.Problem != "":
		s.Why = s.Driver.Problem
	case len(s.Build.MissingCUDALibraries()) > 0:
		s.Why = fmt.Sprintf("a CUDA library is missing: %s (reinstall with TF_VARIANT=gpu scripts/install-libtensorflow.sh)",
			strings.Join(s.Build.MissingCUDALibraries(), ", "))
	case s.Driver.Major > 0 && s.Driver.Major < 12:
		s.Why = fmt.Sprintf("the NVIDIA driver supports CUDA %s; this build needs 12.x: update the driver", s.Driver.Version)
	default:
		s.Why = "TensorFlow could not use the driver's GPUs (unsupported compute capability, or out of memory); " +
			"run with HW1_TF_LOGS=1 TF_CPP_MIN_LOG_LEVEL=0 to see TensorFlow's reason"
	}
	return s, nil
}

// Device choices (hw1's --device).
const (
	DeviceAuto = "auto" // a usable GPU when there is one, else the CPU
	DeviceCPU  = "cpu"
	DeviceGPU  = "gpu"
)

// Placement is where a run trains, as resolved from a device choice.
type Placement struct {
	// Device is DeviceCPU or DeviceGPU.
	Device string
	// Name says which, for the manifest: "CPU", or the GPU with its
	// compute capability, e.g. "GPU:0 NVIDIA A100-SXM4-40GB (compute capability 8.0, 40 GiB)".
	Name string
	// Note says what is true of the choice (why the CPU, under auto).
	Note string
}

// ErrNoGPU is returned by Place when the GPU is asked for and there is none
// to use.
var ErrNoGPU = errors.New("no usable GPU")

// Place resolves a device choice. auto takes a usable GPU when there is one;
// gpu with none returns ErrNoGPU wrapped with the reason. On a CPU-only
// build it opens no session and loads no driver.
func Place(choice string, cfg SessionConfig) (Placement, error) {
	switch choice {
	case DeviceAuto, DeviceCPU, DeviceGPU:
	default:
		return Placement{}, fmt.Errorf("device %q: must be auto, cpu or gpu", choice)
	}
	cpu := Placement{Device: DeviceCPU, Name: "CPU"}
	if choice == DeviceCPU {
		return cpu, nil
	}
	st, err := CheckGPUs(cfg)
	if err != nil {
		return Placement{}, err
	}
	if !st.Usable() {
		if choice == DeviceGPU {
			return Placement{}, fmt.Errorf("%w: %s", ErrNoGPU, st.Why)
		}
		cpu.Note = "auto: no usable GPU (" + st.Why + ")"
		return cpu, nil
	}
	name := strings.TrimPrefix(st.TFGPUs[0].Name, "/job:localhost/replica:0/task:0/device:")
	if len(st.Driver.GPUs) > 0 {
		g := st.Driver.GPUs[0]
		name = fmt.Sprintf("%s %s (compute capability %d.%d, %.0f GiB)", name, g.Name, g.Major, g.Minor,
			float64(g.MemoryBytes)/(1<<30))
	}
	return Placement{Device: DeviceGPU, Name: name}, nil
}

// Supports says how this build runs on g: "" when its kernels are compiled
// for g's architecture, else what happens instead.
func (b Build) Supports(g GPU) string {
	if b.Capabilities == "" {
		return ""
	}
	sm := fmt.Sprintf("sm_%d%d", g.Major, g.Minor)
	caps := strings.Split(b.Capabilities, ",")
	// Code for sm_XY runs on any GPU of major X and minor Y or more.
	for _, c := range caps {
		var major, minor int
		if n, _ := fmt.Sscanf(c, "sm_%d", &major); n == 1 {
			major, minor = major/10, major%10
			if major == g.Major && minor <= g.Minor {
				return ""
			}
		}
	}
	if g.Major < 6 {
		return "below compute capability 6.0: TensorFlow 2.18 does not use it"
	}
	for _, c := range caps {
		if strings.HasPrefix(c, "compute_") {
			return "no kernels compiled for " + sm + ": the driver JIT-compiles " + c + " PTX on first use (minutes; cached in CUDA_CACHE_PATH)"
		}
	}
	return ""
}

// Session returns cfg set up for the placement: GPUs hidden on the CPU; on
// a GPU, TensorFlow's placement (GPU:0, ops without a GPU kernel on the CPU)
// with GPU memory taken as needed, so that sessions open side by side share
// it. The zero Placement leaves cfg as it is.
func (p Placement) Session(cfg SessionConfig) SessionConfig {
	switch p.Device {
	case DeviceCPU:
		cfg.Device = DeviceCPU
	case DeviceGPU:
		cfg.Device = ""
		cfg.GPUAllowGrowth = true
	}
	return cfg
}
