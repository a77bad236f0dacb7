package results

import (
	"fmt"
	"strings"
)

// MixedHostsPrefix starts the manifest note of a merge or seed aggregate
// whose runs ran on different CPUs, oneDNN ISAs or thread counts.
const MixedHostsPrefix = "mixed hosts:"

// Where is what decides a run's last digits besides its seed and
// configuration (Repeatability): the CPU, the oneDNN ISA and the threads.
func (m *Manifest) Where() string {
	cpu, isa := m.CPU, m.ISA
	if cpu == "" {
		cpu = "an unrecorded CPU"
	}
	if isa == "" {
		isa = "unrecorded"
	}
	return fmt.Sprintf("%s, oneDNN ISA %s, %d threads", cpu, isa, m.Threads)
}

// Hosts collects the Where of the runs a merge or an aggregate joins,
// each with the folders that ran there, in the order first seen. The zero
// value is empty and ready.
type Hosts struct {
	order []string
	dirs  map[string][]string
}

// Add records that the run of m in dir ran where m says.
func (h *Hosts) Add(m *Manifest, dir string) {
	if h.dirs == nil {
		h.dirs = map[string][]string{}
	}
	w := m.Where()
	if _, ok := h.dirs[w]; !ok {
		h.order = append(h.order, w)
	}
	h.dirs[w] = append(h.dirs[w], dir)
}

// Note is the manifest note naming the hosts when there are several, or
// "". Runs of another CPU or thread count are as valid as this host's, but
// their tables are not those one host would write (README,
// "Repeatability"), so the joined result says so rather than refusing.
func (h *Hosts) Note() string {
	if len(h.order) < 2 {
		return ""
	}
	parts := make([]string, len(h.order))
	for i, w := range h.order {
		parts[i] = fmt.Sprintf("%s (%s)", w, strings.Join(h.dirs[w], ", "))
	}
	return MixedHostsPrefix + " joined runs of " + strings.Join(parts, " and ") +
		"; the tables are not byte for byte those of a run on one host (README, Repeatability)"
}
