//go:build !notf

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/compare"
	"hw1/runner/host"
	"hw1/runner/results"
)

// smokeTolerance is the promise (results.Repeatability) for the tables of
// experiments that split sums between threads, at smoke, between thread
// counts or CPUs: a relative 1e-3. Measured on an Intel Xeon (AVX-512,
// AMX) between its own ISA and AVX2: at most 2.9e-4 (a density near
// zero), 2e-6 elsewhere.
var smokeTolerance = compare.Tolerance{Rel: 1e-3, Abs: 1e-12}

// smokeAt runs `hw1 run all --profile smoke` on threads threads, with
// oneDNN capped at isa ("" for none), and returns the results folder.
func smokeAt(t *testing.T, threads, isa string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "res")
	cmd := exec.Command(hw1Binary, "run", "all", "--profile", "smoke", "--threads", threads, "--quiet", "--out", out)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = withISA(isa)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Run(); err != nil {
		t.Fatalf("hw1 run all --profile smoke --threads %s (%s=%q): %v\n%s", threads, host.MaxISAEnv, isa, err, logs.String())
	}
	return out
}

// withISA is this process's environment with ONEDNN_MAX_CPU_ISA set to isa,
// or unset for "".
func withISA(isa string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, host.MaxISAEnv+"=") {
			env = append(env, kv)
		}
	}
	if isa != "" {
		env = append(env, host.MaxISAEnv+"="+isa)
	}
	return env
}

// TestRepeatability checks README's "Repeatability" on this host, for
// every experiment at smoke:
//   - a rerun at the same thread count: every table byte for byte;
//   - one and two threads: the OneThread experiments byte for byte, the
//     others within smokeTolerance;
//   - the same, with oneDNN held to AVX2 (ONEDNN_MAX_CPU_ISA), so that an
//     AVX-512 host also takes the code paths of an AVX2 host (an AMD EPYC
//     without AVX-512, where hessian-spectrum's tables on one and two
//     threads differ);
//   - the host's own ISA against AVX2, as two CPUs would differ: every
//     table within smokeTolerance;
//   - every manifest names the CPU, the ISA and the threads it ran on.
func TestRepeatability(t *testing.T) {
	oneDefault := smokeResults(t) // --threads 1, this process's environment
	if os.Getenv(host.MaxISAEnv) != "" {
		t.Skipf("%s is set: the shared smoke run is not of this host's own ISA", host.MaxISAEnv)
	}
	twoDefault := smokeAt(t, "2", "")
	t.Run("rerun on 2 threads", func(t *testing.T) {
		again := smokeAt(t, "2", "")
		for _, e := range results.Experiments() {
			sameTables(t, filepath.Join(twoDefault, e.Name), filepath.Join(again, e.Name))
		}
	})
	oneAVX2, twoAVX2 := smokeAt(t, "1", "AVX2"), smokeAt(t, "2", "AVX2")
	for _, c := range []struct {
		name       string
		a, b       string
		oneThreads bool // the OneThread experiments byte for byte
	}{
		{"1 and 2 threads, this host's ISA", oneDefault, twoDefault, true},
		{"1 and 2 threads, AVX2", oneAVX2, twoAVX2, true},
		{"this host's ISA and AVX2, 2 threads", twoDefault, twoAVX2, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, e := range results.Experiments() {
				a, b := filepath.Join(c.a, e.Name), filepath.Join(c.b, e.Name)
				if c.oneThreads && e.OneThread {
					sameTables(t, a, b)
					continue
				}
				diffs, err := compare.Tables(e, a, b, smokeTolerance)
				if err != nil {
					t.Fatal(err)
				}
				if len(diffs) != len(e.Tables) {
					t.Errorf("%s: %d of %d tables compared", e.Name, len(diffs), len(e.Tables))
				}
				for _, d := range diffs {
					if d.Verdict != compare.Identical && d.Verdict != compare.Within {
						t.Errorf("%s/%s: %s (%s), largest differences %+v", e.Name, d.File, d.Verdict, d.Reason, d.Worst)
					}
				}
			}
		})
	}
	t.Run("manifests say where they ran", func(t *testing.T) {
		here, err := host.Detect()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			dir, isa string
			threads  int
		}{{oneDefault, here.ISA, 1}, {twoAVX2, "avx2", 2}} {
			for _, e := range results.Experiments() {
				m, err := results.ReadManifest(filepath.Join(c.dir, e.Name))
				if err != nil {
					t.Fatal(err)
				}
				if m.CPU != here.CPU || m.ISA != c.isa || m.Threads != c.threads || m.InterOpThreads < 1 || m.Repeatability != results.Repeatability {
					t.Errorf("%s: cpu %q, onednn_isa %q, threads %d/%d, repeatability %q; want %q, %q, %d",
						e.Name, m.CPU, m.ISA, m.Threads, m.InterOpThreads, m.Repeatability, here.CPU, c.isa, c.threads)
				}
			}
		}
	})
}

// TestReadmeStatesTheManifestsPromise: the README and every manifest say
// the same (results.Repeatability, word for word).
func TestReadmeStatesTheManifestsPromise(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(b)), " "), results.Repeatability) {
		t.Errorf("README.md does not state the manifests' promise:\n%s", results.Repeatability)
	}
}

// TestDetectedISAIsOneDNNs: the ISA hw1 records is the one oneDNN says it
// dispatches to (its verbose mode), on this host and under every cap that
// changes it here.
func TestDetectedISAIsOneDNNs(t *testing.T) {
	for _, isa := range []string{"", "AVX2", "AVX512_CORE", "AVX512_CORE_BF16"} {
		cmd := exec.Command(hw1Binary, "bench", "--case", "mlp571", "--steps", "1", "--warmup", "0", "--data", filepath.Join("..", "..", "data", "mnist"))
		cmd.Env = append(withISA(isa), "ONEDNN_VERBOSE=1", host.OneDNNEnv+"=1", "HW1_TF_LOGS=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("hw1 bench with %s=%q: %v\n%s", host.MaxISAEnv, isa, err, out)
		}
		var said string
		for _, line := range strings.Split(string(out), "\n") {
			if _, v, ok := strings.Cut(line, "info,cpu,isa:"); ok {
				said = strings.TrimSpace(v)
			}
		}
		if said == "" {
			t.Fatalf("oneDNN printed no ISA with %s=%q:\n%s", host.MaxISAEnv, isa, out)
		}
		t.Setenv(host.MaxISAEnv, isa)
		t.Setenv(host.OneDNNEnv, "1")
		here, err := host.Detect()
		if err != nil {
			t.Fatal(err)
		}
		if got := host.ISAText(here.ISA); got != said {
			t.Errorf("%s=%q: hw1 records %s (%q), oneDNN says %q", host.MaxISAEnv, isa, here.ISA, got, said)
		}
	}
}
