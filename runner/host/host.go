// Package host says what a run ran on: the CPU model and the instruction
// set that TensorFlow's oneDNN kernels use on it. Floating-point results of
// the same graph can differ in their last bits between CPUs (see README,
// "Repeatability"), so every manifest and `hw1 doctor` name both. It reads
// /proc/cpuinfo and the environment only: no TensorFlow.
package host

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Info is the host a run ran on.
type Info struct {
	// CPU is the processor's model name, as /proc/cpuinfo gives it.
	CPU string
	// ISA is the instruction set oneDNN dispatches to (its own name, as
	// ONEDNN_MAX_CPU_ISA takes it, in lower case), or "off" when
	// TF_ENABLE_ONEDNN_OPTS turns oneDNN off.
	ISA string
}

// String is one line for a person: the CPU and the ISA.
func (i Info) String() string {
	return fmt.Sprintf("%s, oneDNN ISA %s", i.CPU, i.ISA)
}

// Environment variables that decide oneDNN's instruction set.
const (
	// MaxISAEnv caps the instruction set oneDNN uses (e.g. AVX2 on an
	// AVX-512 machine, to take the code paths of an AVX2 host).
	MaxISAEnv = "ONEDNN_MAX_CPU_ISA"
	// OneDNNEnv turns TensorFlow's oneDNN kernels on (1, hw1's default) or
	// off (0: Eigen's kernels).
	OneDNNEnv = "TF_ENABLE_ONEDNN_OPTS"
)

// Detect reads this machine's CPU and the environment of this process.
func Detect() (Info, error) {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return Info{}, fmt.Errorf("read the CPU's model: %w", err)
	}
	defer f.Close()
	cpu, flags, err := parseCPUInfo(f)
	if err != nil {
		return Info{}, fmt.Errorf("read /proc/cpuinfo: %w", err)
	}
	return Info{CPU: cpu, ISA: oneDNNISA(flags, os.Getenv(OneDNNEnv), os.Getenv(MaxISAEnv))}, nil
}

// parseCPUInfo returns the first processor's model name and flags.
func parseCPUInfo(r io.Reader) (model string, flags map[string]bool, err error) {
	flags = map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name":
			if model == "" {
				model = strings.TrimSpace(v)
			}
		case "flags":
			if len(flags) == 0 {
				for _, f := range strings.Fields(v) {
					flags[f] = true
				}
			}
		}
	}
	if model == "" {
		model = "unknown"
	}
	return model, flags, sc.Err()
}
