package host

import "strings"

// isaLevel is one of oneDNN's x86-64 instruction sets, from its CPU
// dispatcher: the flags (of /proc/cpuinfo) it needs beyond those of the
// level it extends, and the text oneDNN's verbose mode prints for it.
type isaLevel struct {
	name    string
	extends string
	needs   []string
	text    string
}

// isaLevels lists oneDNN 3.5's x86-64 levels (TensorFlow 2.18's), each
// after the one it extends. A cap (ONEDNN_MAX_CPU_ISA) admits a level when
// the capped level is the level itself or extends it, directly or not.
var isaLevels = []isaLevel{
	{"sse41", "", []string{"sse4_1"}, "Intel SSE4.1"},
	{"avx", "sse41", []string{"avx"}, "Intel AVX"},
	{"avx2", "avx", []string{"avx2", "fma"}, "Intel AVX2"},
	{"avx2_vnni", "avx2", []string{"avx_vnni"}, "Intel AVX2 with Intel DL Boost"},
	{"avx512_core", "avx2", []string{"avx512f", "avx512bw", "avx512vl", "avx512dq"}, "Intel AVX-512 with AVX512BW, AVX512VL, and AVX512DQ extensions"},
	{"avx512_core_vnni", "avx512_core", []string{"avx512_vnni"}, "Intel AVX-512 with Intel DL Boost"},
	{"avx512_core_bf16", "avx512_core_vnni", []string{"avx512_bf16"}, "Intel AVX-512 with Intel DL Boost and bfloat16 support"},
	{"avx512_core_fp16", "avx512_core_bf16", []string{"avx512_fp16"}, "Intel AVX-512 with float16, Intel DL Boost and bfloat16 support"},
	{"avx512_core_amx", "avx512_core_fp16", []string{"amx_tile", "amx_int8", "amx_bf16"}, "Intel AVX-512 with float16, Intel DL Boost and bfloat16 support and Intel AMX with bfloat16 and 8-bit integer support"},
}

// ISAText is the text oneDNN's verbose mode prints for the level name, or
// the name itself for a level hw1 does not know.
func ISAText(name string) string {
	for _, l := range isaLevels {
		if l.name == name {
			return l.text
		}
	}
	return name
}

// oneDNNISA is the level oneDNN dispatches to on a CPU with these flags,
// given the values of TF_ENABLE_ONEDNN_OPTS and ONEDNN_MAX_CPU_ISA: the
// highest level the CPU supports that the cap admits.
func oneDNNISA(flags map[string]bool, onednn, maxISA string) string {
	if onednn == "0" || strings.EqualFold(onednn, "false") {
		return "off"
	}
	cap := strings.ToLower(strings.TrimSpace(maxISA))
	if cap == "" || cap == "all" || cap == "default" {
		cap = ""
	}
	supported := map[string]bool{"": true}
	best := "none"
	for _, l := range isaLevels {
		ok := supported[l.extends]
		for _, f := range l.needs {
			ok = ok && flags[f]
		}
		if !ok {
			continue
		}
		supported[l.name] = true
		if cap == "" || admits(cap, l.name) {
			best = l.name
		}
	}
	return best
}

// admits reports whether the capped level cap is level or extends it.
func admits(cap, level string) bool {
	for c := cap; c != ""; c = parent(c) {
		if c == level {
			return true
		}
	}
	return false
}

// parent is the level that level extends ("" for the first or an unknown).
func parent(level string) string {
	for _, l := range isaLevels {
		if l.name == level {
			return l.extends
		}
	}
	return ""
}
