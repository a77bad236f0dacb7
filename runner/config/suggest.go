package config

import "github.com/xrash/smetrics"

// Suggest returns the candidate closest to name (Jaro-Winkler similarity,
// as the CLI library suggests commands and flags), or "" when none is
// close enough to be a typo of it.
func Suggest(name string, candidates []string) string {
	best, score := "", 0.0
	for _, c := range candidates {
		if s := smetrics.JaroWinkler(c, name, 0.7, 4); s > score {
			best, score = c, s
		}
	}
	if score < 0.85 {
		return ""
	}
	return best
}
