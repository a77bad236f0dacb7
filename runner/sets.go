package runner

import (
	"fmt"
	"slices"
	"strings"

	"hw1/runner/config"
)

// RouteSets gives each experiment of a run the --set settings that are its
// own, so that one command line can shorten a whole suite:
//   - "EXPERIMENT.key=value" goes to that experiment alone;
//   - "key=value" goes to every experiment of the run whose configuration
//     has the key (with one experiment, to it: its own errors name the
//     valid keys).
//
// A key that no experiment of the run has, or an experiment prefix that
// is not in the run, is a *config.UsageError. notes say, for each
// unqualified key that some experiments lack, which ones it applies to.
func RouteSets(exps []Experiment, profile string, sets []string) (byExp map[string][]string, notes []string, err error) {
	byExp = map[string][]string{}
	if len(exps) == 1 {
		byExp[exps[0].Name()] = slices.Clone(sets)
		return byExp, nil, nil
	}
	keysOf := map[string][]string{}
	var names, all []string
	for _, e := range exps {
		cfg, err := e.Config(profile)
		if err != nil {
			return nil, nil, err
		}
		for _, k := range config.Keys(cfg) {
			keysOf[e.Name()] = append(keysOf[e.Name()], k.Name)
			if !slices.Contains(all, k.Name) {
				all = append(all, k.Name)
			}
		}
		names = append(names, e.Name())
	}
	for _, s := range sets {
		key, value, ok := strings.Cut(s, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return nil, nil, &config.UsageError{Msg: fmt.Sprintf("--set %q: want key=value (or EXPERIMENT.key=value), for example --set epochs=5", s)}
		}
		if exp, k, qualified := strings.Cut(key, "."); qualified && slices.Contains(names, exp) {
			byExp[exp] = append(byExp[exp], k+"="+value)
			continue
		} else if qualified {
			return nil, nil, &config.UsageError{Msg: fmt.Sprintf("--set %s: %q is not an experiment of this run (%s)", s, exp, strings.Join(names, ", "))}
		}
		var to []string
		for _, n := range names {
			if slices.Contains(keysOf[n], key) {
				byExp[n] = append(byExp[n], s)
				to = append(to, n)
			}
		}
		switch {
		case len(to) == 0:
			msg := fmt.Sprintf("--set %s: no experiment of this run has the key %q", s, key)
			if g := config.Suggest(key, all); g != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", g)
			}
			return nil, nil, &config.UsageError{Msg: msg + "; 'hw1 list --keys' shows each experiment's keys"}
		case len(to) < len(names):
			notes = append(notes, fmt.Sprintf("--set %s applies to %s (the experiments with that key)", s, strings.Join(to, ", ")))
		}
	}
	return byExp, notes, nil
}
