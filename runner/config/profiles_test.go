package config

import (
	"slices"
	"strings"
	"testing"
)

func TestProfiles(t *testing.T) {
	p := Profiles()
	if !slices.Equal(p, []string{"smoke", "quick", "full"}) {
		t.Fatalf("Profiles() = %v", p)
	}
	p[0] = "changed"
	if Profiles()[0] != "smoke" {
		t.Fatal("changing the returned slice changed Profiles()")
	}
	for _, name := range []string{"smoke", "quick", "full"} {
		if err := CheckProfile(name); err != nil {
			t.Errorf("CheckProfile(%s) = %v", name, err)
		}
	}
	for _, bad := range []string{"", "Full", "fast"} {
		err := CheckProfile(bad)
		msg := usage(t, err).Msg
		if !strings.Contains(msg, `"`+bad+`"`) || !strings.Contains(msg, "smoke, quick, full") {
			t.Errorf("CheckProfile(%q) message %q should name it and list the profiles", bad, msg)
		}
	}
}
