package runner

import (
	"errors"
	"strings"

	"hw1/runner/config"
)

// withRange adds to a --set value that is not a number the range the
// experiment's own checks accept for the key ("want at least 1"), found by
// checking a configuration with the key set to the lowest number: the
// checks are the one place that range is stated. Other errors pass as
// they are.
func withRange(exp Experiment, profile string, err error) error {
	var ue *config.UsageError
	if !errors.As(err, &ue) || ue.BadNumber == "" {
		return err
	}
	probe, perr := exp.Config(profile)
	if perr != nil {
		return err
	}
	key := ue.BadNumber
	if config.Apply(probe, []string{key + "=-9223372036854775808"}) != nil &&
		config.Apply(probe, []string{key + "=-1e308"}) != nil {
		return err
	}
	cerr := exp.Check(probe)
	if cerr == nil {
		return err
	}
	for _, part := range strings.Split(cerr.Error(), "; ") {
		if _, want, ok := strings.Cut(part, ", want "); ok && strings.Contains(part, key+" = ") {
			want = strings.Split(want, " (change it")[0]
			head, generic, _ := strings.Cut(ue.Msg, ": want ")
			if !strings.HasPrefix(want, "a ") {
				noun := "a number"
				if strings.HasPrefix(generic, "a whole number") {
					noun = "a whole number"
				}
				want = noun + ", " + want
			}
			return &config.UsageError{Msg: head + ": want " + want}
		}
	}
	return err
}
