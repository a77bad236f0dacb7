package results

import (
	"strings"
	"testing"
)

func TestHostsNoteNamesEachHostAndItsRuns(t *testing.T) {
	intel := &Manifest{CPU: "Intel Xeon", ISA: "avx512_core_amx", Threads: 2}
	amd := &Manifest{CPU: "AMD EPYC", ISA: "avx2", Threads: 2}
	oneThread := &Manifest{CPU: "Intel Xeon", ISA: "avx512_core_amx", Threads: 1}
	var same Hosts
	same.Add(intel, "a")
	same.Add(&Manifest{CPU: "Intel Xeon", ISA: "avx512_core_amx", Threads: 2}, "b")
	if n := same.Note(); n != "" {
		t.Errorf("runs on one host: note %q, want none", n)
	}
	var mixed Hosts
	mixed.Add(intel, "shard-0")
	mixed.Add(amd, "shard-1")
	mixed.Add(intel, "shard-2")
	mixed.Add(oneThread, "shard-3")
	n := mixed.Note()
	for _, want := range []string{MixedHostsPrefix, "Intel Xeon, oneDNN ISA avx512_core_amx, 2 threads (shard-0, shard-2)",
		"AMD EPYC, oneDNN ISA avx2, 2 threads (shard-1)", "1 threads (shard-3)"} {
		if !strings.Contains(n, want) {
			t.Errorf("note %q lacks %q", n, want)
		}
	}
	if !strings.HasPrefix(n, MixedHostsPrefix) {
		t.Errorf("note %q does not start with %q", n, MixedHostsPrefix)
	}
	old := (&Manifest{Threads: 2}).Where()
	if old != "an unrecorded CPU, oneDNN ISA unrecorded, 2 threads" {
		t.Errorf("a manifest of before the CPU was recorded: %q", old)
	}
}
