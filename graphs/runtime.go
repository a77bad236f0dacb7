package graphs

import (
	"fmt"
	"os"
	"runtime"
	"strings"

	tf "github.com/wamuir/graft/tensorflow"
	configpb "github.com/wamuir/graft/tensorflow/core/protobuf/for_core_protos_go_proto"
	"google.golang.org/protobuf/proto"
)

// RequiredTFMajorMinor is the TensorFlow release that graft v0.10.0 binds to.
const RequiredTFMajorMinor = "2.18"

// TFVersion is the version of the TensorFlow C library linked into this
// process.
func TFVersion() string { return tf.Version() }

// CheckTFVersion returns an error unless the linked TensorFlow is 2.18.x.
func CheckTFVersion() error {
	v := TFVersion()
	if v != RequiredTFMajorMinor && !strings.HasPrefix(v, RequiredTFMajorMinor+".") {
		return fmt.Errorf("linked TensorFlow is %s, but hw1 is built for %s.x (graft v0.10.0): "+
			"run scripts/install-libtensorflow.sh and eval \"$(scripts/tfenv)\", or set LIBTENSORFLOW_DIR to a %s prefix",
			v, RequiredTFMajorMinor, RequiredTFMajorMinor)
	}
	return nil
}

// SessionConfig holds the session options hw1 sets on every TensorFlow
// session.
type SessionConfig struct {
	// IntraOpThreads is the number of threads one op may use; 0 means the
	// machine's cores.
	IntraOpThreads int
	// InterOpThreads is the number of ops run at once; 0 means 1 on two or
	// fewer cores, else 2.
	InterOpThreads int
	// GPUAllowGrowth lets TensorFlow take GPU memory as needed rather than
	// all of it at start.
	GPUAllowGrowth bool
	// NoGraphOptimizer turns TensorFlow's graph optimizer (Grappler) off:
	// a new kind of run then starts in a fraction of the time, but fused
	// kernels are lost.
	NoGraphOptimizer bool
	// Device is where sessions run: "" (TensorFlow's choice: its first GPU
	// when it has one, else the CPU) or "cpu" (GPUs hidden; see device.go).
	Device string
}

// OwnThreadPoolsEnv is the environment variable that gives every
// TensorFlow session an intra-op thread pool of its own, of its
// IntraOpThreads. Unset, the CPU devices of all sessions share one
// process-wide pool, which the first session of the process sizes (its
// LocalDevice); a later session's IntraOpThreads is then ignored.
// TensorFlow reads it once, as the first session opens.
const OwnThreadPoolsEnv = "TF_OVERRIDE_GLOBAL_THREADPOOL"

// OwnThreadPools reports whether OwnThreadPoolsEnv is on, as TensorFlow
// reads it ("1" or "true", in any case).
func OwnThreadPools() bool {
	v := os.Getenv(OwnThreadPoolsEnv)
	return v == "1" || strings.EqualFold(v, "true")
}

// Resolved returns the configuration with defaults filled in.
func (c SessionConfig) Resolved() SessionConfig {
	if c.IntraOpThreads <= 0 {
		c.IntraOpThreads = runtime.NumCPU()
	}
	if c.InterOpThreads <= 0 {
		c.InterOpThreads = 1
		if runtime.NumCPU() > 2 {
			c.InterOpThreads = 2
		}
	}
	return c
}

// Options marshals the configuration into graft's session options.
func (c SessionConfig) Options() (*tf.SessionOptions, error) {
	r := c.Resolved()
	cfg := &configpb.ConfigProto{
		IntraOpParallelismThreads: int32(r.IntraOpThreads),
		InterOpParallelismThreads: int32(r.InterOpThreads),
		UsePerSessionThreads:      true,
		AllowSoftPlacement:        true, // ops without a GPU kernel (int32 data variables) fall back to the CPU
		GpuOptions:                &configpb.GPUOptions{AllowGrowth: r.GPUAllowGrowth},
	}
	if r.Device == DeviceCPU {
		cfg.DeviceCount = map[string]int32{"GPU": 0}
	}
	if r.NoGraphOptimizer {
		cfg.GraphOptions = &configpb.GraphOptions{RewriteOptions: &configpb.RewriterConfig{DisableMetaOptimizer: true}}
	}
	b, err := proto.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("marshal session config: %w", err)
	}
	return &tf.SessionOptions{Config: b}, nil
}

// Device is one compute device TensorFlow sees.
type Device struct {
	Name        string
	Type        string
	MemoryBytes int64
}

// Devices lists the devices a session with this configuration would use.
func Devices(c SessionConfig) ([]Device, error) {
	opts, err := c.Options()
	if err != nil {
		return nil, err
	}
	g := tf.NewGraph()
	s, err := tf.NewSession(g, opts)
	if err != nil {
		return nil, fmt.Errorf("open session: %w", err)
	}
	defer s.Close()
	list, err := s.ListDevices()
	if err != nil {
		return nil, fmt.Errorf("list devices: %w", err)
	}
	out := make([]Device, len(list))
	for i, d := range list {
		out[i] = Device{Name: d.Name, Type: d.Type, MemoryBytes: d.MemoryLimitBytes}
	}
	return out, nil
}
