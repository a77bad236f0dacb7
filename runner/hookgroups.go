package runner

import (
	"errors"
	"fmt"
)

// fitHooks are a Fit's hooks grouped by what they implement, each group
// in the Fit's order.
type fitHooks struct {
	steps     []StepHook
	epochs    []EpochHook
	schedules []Scheduler
	ends      []EndHook
	limit     int  // the smallest positive step limit; 0: none
	everyStep bool // a step hook must see each step before the next
}

// groupHooks groups hooks by what they implement, each group in their
// order; names must be distinct and not empty, and each hook must
// implement one of the hook interfaces.
func groupHooks(hooks []Hook) (fitHooks, error) {
	var h fitHooks
	seen := map[string]bool{}
	for i, k := range hooks {
		if k == nil {
			return h, fmt.Errorf("hook %d is nil", i+1)
		}
		name := k.Name()
		if name == "" || seen[name] {
			return h, fmt.Errorf("hook %d (%T) is named %q: want a name of its own", i+1, k, name)
		}
		seen[name] = true
		used := false
		if s, ok := k.(StepHook); ok {
			h.steps, h.everyStep, used = append(h.steps, s), h.everyStep || s.EveryStep(), true
		}
		if ep, ok := k.(EpochHook); ok {
			h.epochs, used = append(h.epochs, ep), true
		}
		if s, ok := k.(Scheduler); ok {
			h.schedules, used = append(h.schedules, s), true
		}
		if l, ok := k.(Limiter); ok {
			if n := l.StepLimit(); n > 0 && (h.limit == 0 || n < h.limit) {
				h.limit = n
			}
			used = true
		}
		if e, ok := k.(EndHook); ok {
			h.ends, used = append(h.ends, e), true
		}
		if !used {
			return h, fmt.Errorf("hook %q (%T) implements none of StepHook, EpochHook, Scheduler, Limiter and EndHook", name, k)
		}
	}
	return h, nil
}

// evaluates reports whether the schedule evaluates epoch.
func (h fitHooks) evaluates(epoch int) bool {
	if len(h.schedules) == 0 {
		return true
	}
	for _, s := range h.schedules {
		if s.Evaluates(epoch) {
			return true
		}
	}
	return false
}

// afterStep calls every step hook; stop is true when one returned ErrStop
// (the others are still called).
func (h fitHooks) afterStep(s Step) (stop bool, err error) {
	for _, k := range h.steps {
		if err := k.AfterStep(s); errors.Is(err, ErrStop) {
			stop = true
		} else if err != nil {
			return stop, fmt.Errorf("%s hook at epoch %d step %d: %w", k.Name(), s.Epoch, s.Step, err)
		}
	}
	return stop, nil
}

// afterEpoch calls the epoch hooks up to the first that returns ErrStop
// (stop is then true) or an error.
func (h fitHooks) afterEpoch(ep Epoch) (stop bool, err error) {
	for _, k := range h.epochs {
		if err := k.AfterEpoch(ep); errors.Is(err, ErrStop) {
			return true, nil
		} else if err != nil {
			return false, fmt.Errorf("%s hook at epoch %d: %w", k.Name(), ep.Epoch, err)
		}
	}
	return false, nil
}

// end tells every end hook that training ended.
func (h fitHooks) end() {
	for _, k := range h.ends {
		k.End()
	}
}
