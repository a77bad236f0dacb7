//go:build !notf

package main

import (
	"slices"
	"testing"
)

func TestFlagsFirst(t *testing.T) {
	app := newApp()
	cases := []struct{ in, want []string }{
		{[]string{"hw1", "run", "all", "--profile", "quick", "--force"}, []string{"hw1", "run", "--profile", "quick", "--force", "all"}},
		{[]string{"hw1", "run", "--seed=3", "x", "--set", "a=1", "-q"}, []string{"hw1", "run", "--seed=3", "--set", "a=1", "-q", "x"}},
		{[]string{"hw1", "run", "x", "--", "--odd"}, []string{"hw1", "run", "--", "x", "--odd"}},
		{[]string{"hw1", "run", "--seed", "2", "--", "-x"}, []string{"hw1", "run", "--seed", "2", "--", "-x"}},
		{[]string{"hw1", "nosuch", "x", "--y"}, []string{"hw1", "nosuch", "x", "--y"}},
		{[]string{"hw1"}, []string{"hw1"}},
	}
	for _, c := range cases {
		if got := flagsFirst(app, c.in); !slices.Equal(got, c.want) {
			t.Errorf("flagsFirst(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
