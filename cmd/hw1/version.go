package main

import (
	"runtime/debug"
	"strings"
)

// revision is the VCS revision the binary was built from ("" when the build
// recorded none), with "+dirty" for uncommitted changes.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return rev + dirty
}

// versionString is hw1's version followed by the short VCS revision.
func versionString() string {
	rev := revision()
	if rev == "" {
		return version
	}
	hash, dirty := strings.CutSuffix(rev, "+dirty")
	if len(hash) > 12 {
		hash = hash[:12]
	}
	if dirty {
		hash += "+dirty"
	}
	return version + " (" + hash + ")"
}
