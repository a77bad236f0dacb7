package host

import (
	"strings"
	"testing"
)

// flagsOf is a flag set written out by hand.
func flagsOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

const (
	// The flags of an AVX2 host without AVX-512 (an AMD EPYC of the Zen 2
	// and 3 kinds), cut to the ones that matter.
	epycFlags = "sse4_1 avx avx2 fma"
	// An AVX-512 host with AMX (an Intel Xeon of the Sapphire Rapids kind).
	sprFlags = "sse4_1 avx avx2 fma avx_vnni avx512f avx512bw avx512vl avx512dq avx512_vnni avx512_bf16 avx512_fp16 amx_tile amx_int8 amx_bf16"
	// AVX-512 with VNNI and bfloat16 but no float16 or AMX (AMD Zen 4).
	zen4Flags = "sse4_1 avx avx2 fma avx512f avx512bw avx512vl avx512dq avx512_vnni avx512_bf16"
)

func TestOneDNNISA(t *testing.T) {
	for _, c := range []struct {
		flags, onednn, cap, want string
	}{
		{epycFlags, "1", "", "avx2"},
		{epycFlags, "1", "AVX512_CORE", "avx2"}, // a cap above the CPU changes nothing
		{sprFlags, "1", "", "avx512_core_amx"},
		{sprFlags, "1", "AVX2", "avx2"}, // not avx2_vnni: AVX2 does not extend it
		{sprFlags, "1", "avx512_core", "avx512_core"},
		{sprFlags, "1", "AVX512_CORE_BF16", "avx512_core_bf16"},
		{sprFlags, "1", "ALL", "avx512_core_amx"},
		{zen4Flags, "1", "", "avx512_core_bf16"},
		{"sse4_1 avx avx2", "1", "", "avx"}, // AVX2 without FMA is not oneDNN's avx2
		{"", "1", "", "none"},
		{sprFlags, "0", "", "off"},
		{sprFlags, "false", "AVX2", "off"},
	} {
		if got := oneDNNISA(flagsOf(c.flags), c.onednn, c.cap); got != c.want {
			t.Errorf("flags %q, %s=%q, %s=%q: %s, want %s", c.flags, OneDNNEnv, c.onednn, MaxISAEnv, c.cap, got, c.want)
		}
	}
}

func TestParseCPUInfo(t *testing.T) {
	in := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu avx avx2\n\n" +
		"processor\t: 1\nmodel name\t: other\nflags\t\t: fpu\n"
	model, flags, err := parseCPUInfo(strings.NewReader(in))
	if err != nil || model != "AMD EPYC 7B13" || !flags["avx2"] || !flags["avx"] || len(flags) != 3 {
		t.Errorf("model %q, flags %v, %v; want the first processor's", model, flags, err)
	}
	model, _, _ = parseCPUInfo(strings.NewReader("processor: 0\n"))
	if model != "unknown" {
		t.Errorf("no model name: %q, want unknown", model)
	}
}

func TestISAText(t *testing.T) {
	if got := ISAText("avx2"); got != "Intel AVX2" {
		t.Errorf("avx2: %q", got)
	}
	if got := ISAText("riscv"); got != "riscv" {
		t.Errorf("an unknown level: %q, want its name", got)
	}
}
