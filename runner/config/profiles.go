package config

import (
	"fmt"
	"slices"
	"strings"
)

// Profile names, from fastest to most complete.
const (
	ProfileSmoke = "smoke" // seconds: checks that everything runs
	ProfileQuick = "quick" // minutes: the shapes of the results
	ProfileFull  = "full"  // the homework's sizes
)

// Profiles lists the profile names, from fastest to most complete.
func Profiles() []string { return []string{ProfileSmoke, ProfileQuick, ProfileFull} }

// CheckProfile returns a *UsageError if p is not a profile name.
func CheckProfile(p string) error {
	if slices.Contains(Profiles(), p) {
		return nil
	}
	return &UsageError{Msg: fmt.Sprintf("unknown profile %q; use one of: %s", p, strings.Join(Profiles(), ", "))}
}
