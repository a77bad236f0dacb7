package config

import "testing"

func TestSuggest(t *testing.T) {
	names := []string{"function-fit", "mnist-depth", "min-ratio", "grad-norm", "run", "report"}
	for _, c := range []struct{ typo, want string }{
		{"functon-fit", "function-fit"},
		{"mnist-dept", "mnist-depth"},
		{"minratio", "min-ratio"},
		{"runn", "run"},
		{"reprot", "report"},
		{"xyz", ""},
		{"sensitivity", ""},
	} {
		if got := Suggest(c.typo, names); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.typo, got, c.want)
		}
	}
}
