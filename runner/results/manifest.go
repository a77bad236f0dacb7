// Package results is hw1's result schema and manifest: the experiments' names
// in order, every table's file, key columns and value columns (schema.go,
// experiments.go), and OUT/<experiment>/manifest.json. The runner writes
// through it; plots, the report and the tests read through it. It imports
// nothing of TensorFlow, so that readers of results never link it.
package results

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"hw1/runner/table"
)

// Status values of a manifest.
const (
	StatusRunning     = "running"
	StatusDone        = "done"
	StatusFailed      = "failed"
	StatusInterrupted = "interrupted"
	// StatusIncomplete is a merge that lacks a shard, or holds a shard that
	// did not finish.
	StatusIncomplete = "incomplete"
)

// ManifestFile is the manifest's file name inside an experiment's folder.
const ManifestFile = "manifest.json"

// EventsDir is the folder of TensorBoard event files inside an experiment's
// folder.
const EventsDir = "tb"

// Repeatability is the promise every manifest of a run on the CPU states,
// as README.md's "Repeatability" states it.
const Repeatability = "Byte-identical tables on a rerun with the same seed, profile, configuration, threads and CPU model (cpu, onednn_isa). " +
	"function-fit, grad-norm and min-ratio run every model on one thread: their tables are the same at any --threads, and on any CPU whose oneDNN ISA is the same. " +
	"Other experiments split long sums between threads: another thread count or CPU changes their last digits, and training grows the difference; " +
	"at smoke they agree within a relative 1e-3, at quick and full compare their findings, not their digits."

// RepeatabilityGPU is the promise of a run on a GPU. TF_DETERMINISTIC_OPS=1
// (hw1 sets it) makes TensorFlow pick deterministic GPU kernels (cuDNN
// convolution algorithms, reductions, scatters and segment sums in a fixed
// order) and fail on an op that has none; it promises nothing across GPU
// models, drivers, CUDA/cuDNN or TensorFlow versions, nor equality with the
// CPU, whose kernels sum in another order.
const RepeatabilityGPU = "The same seed and profile give the same tables on the same GPU model, driver, CUDA/cuDNN and TensorFlow build " +
	"(TensorFlow deterministic ops: deterministic GPU kernels, an error for an op without one); not the CPU's tables, " +
	"nor another GPU's: kernels sum in another order, so values differ at float32 round-off and training can amplify it."

// RepeatabilityOn is the promise of a run on device ("gpu", or anything
// else for the CPU).
func RepeatabilityOn(device string) string {
	if device == "gpu" {
		return RepeatabilityGPU
	}
	return Repeatability
}

// Manifest describes one experiment run: what ran, with which configuration
// and software, when, and how it ended.
type Manifest struct {
	Experiment     string `json:"experiment"`
	Profile        string `json:"profile"`
	Seed           int64  `json:"seed"`
	Config         any    `json:"config"`
	Version        string `json:"hw1_version"`
	Revision       string `json:"vcs_revision,omitempty"`
	TensorFlow     string `json:"tensorflow_version"`
	Threads        int    `json:"threads"`
	InterOpThreads int    `json:"inter_op_threads,omitempty"`
	// CPU and ISA are the host's (host.Info): the processor's model and
	// the instruction set of TensorFlow's oneDNN kernels on it.
	CPU             string    `json:"cpu,omitempty"`
	ISA             string    `json:"onednn_isa,omitempty"`
	Start           time.Time `json:"start"`
	End             time.Time `json:"end,omitzero"`
	DurationSeconds float64   `json:"duration_seconds"`
	Status          string    `json:"status"`
	Error           string    `json:"error,omitempty"`
	Repeatability   string    `json:"repeatability"`
	Tables          []string  `json:"tables,omitempty"`
	Figures         []string  `json:"figures,omitempty"`
	Notes           []string  `json:"notes,omitempty"`
	Shards          []string  `json:"shards,omitempty"`
	// Seeds lists the seeds of a multi-seed result (hw1 run --seeds), whose
	// folder holds the aggregate tables and one seed-<k>/ folder per seed.
	Seeds []SeedRun `json:"seeds,omitempty"`
	// Device is where the run trained: "CPU", or the GPU (e.g. "GPU:0
	// NVIDIA A100-SXM4-40GB (compute capability 8.0, 40 GiB)"), with ops
	// that have no GPU kernel on the CPU.
	Device string `json:"device,omitempty"`
}

// SameConfig reports whether two configurations encode to the same JSON
// (a struct and its generic decoding from a manifest compare equal).
func SameConfig(a, b any) bool {
	norm := func(v any) string {
		raw, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		var generic any
		if json.Unmarshal(raw, &generic) != nil {
			return ""
		}
		out, _ := json.Marshal(generic) // maps encode with sorted keys
		return string(out)
	}
	x := norm(a)
	return x != "" && x == norm(b)
}

// Write writes the manifest to dir/manifest.json atomically.
func (m *Manifest) Write(dir string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest of %s: %w", m.Experiment, err)
	}
	return table.WriteFileAtomic(filepath.Join(dir, ManifestFile), append(b, '\n'))
}

// ReadManifest reads dir/manifest.json. Config is decoded as generic JSON.
func ReadManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, ManifestFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return &m, nil
}
