package runner

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"hw1/runner/catalog"
	"hw1/runner/config"
)

// Experiment is one of the homework's experiments, as the runner and the CLI
// see it.
type Experiment interface {
	// Name is the CLI name, e.g. "function-fit".
	Name() string
	// Cost is its time on the reference machine, for the time estimate.
	Cost() catalog.Cost
	// Config returns a fresh configuration (a pointer to the experiment's
	// config struct) for a profile.
	Config(profile string) (any, error)
	// Check reports a configuration value the experiment cannot run with
	// (as a *config.UsageError naming the key), before anything trains.
	Check(cfg any) error
	// Datasets names the image datasets cfg needs (MNIST, FashionMNIST),
	// so that they are checked before anything trains.
	Datasets(cfg any) []string
	// Run trains and measures with cfg (as returned by Config, perhaps
	// overridden) and writes the experiment's tables through env.
	Run(env *Env, cfg any) error
}

// Definition states one experiment for its config struct type C: each
// experiment's package states its profiles as one map of C values.
type Definition[C any] struct {
	// Name is the schema's (results); what hw1 says about the experiment
	// is its description there (results.Describe).
	Name     string
	Profiles map[string]C
	Run      func(env *Env, cfg *C) error
	// Cost is its time per profile on the reference machine, its speed
	// class and its seed share: what `hw1 run` estimates its time from,
	// and what balances a sharded run (CheckCost says what one lacks).
	Cost catalog.Cost
	// Check, when not nil, reports a configuration value Run cannot work
	// with; it runs before any experiment trains. Its error's text names the
	// key and the fix (see package config's AtLeast, Positive, Widths).
	Check func(cfg *C) error
	// Datasets, when not nil, names the image datasets Run will load;
	// without it, the config's "dataset" setting does.
	Datasets func(cfg *C) []string
}

// Define makes d an Experiment: the runner and the CLI see every
// experiment through that interface.
func Define[C any](d Definition[C]) Experiment {
	return &experiment[C]{name: d.Name, profiles: d.Profiles,
		run: d.Run, check: d.Check, datasets: d.Datasets, cost: d.Cost}
}

// experiment implements Experiment for a config struct type C.
type experiment[C any] struct {
	name     string
	profiles map[string]C
	run      func(env *Env, cfg *C) error
	// check, when not nil, reports a configuration value run cannot work
	// with; it runs before any experiment trains. Its error's text names the
	// key and the fix; Check makes it a usage error.
	check func(cfg *C) error
	// datasets, when not nil, names the image datasets run will load;
	// without it, the config's "dataset" setting does (see Datasets).
	datasets func(cfg *C) []string
	cost     catalog.Cost
}

func (e *experiment[C]) Name() string       { return e.name }
func (e *experiment[C]) Cost() catalog.Cost { return e.cost }

func (e *experiment[C]) Config(profile string) (any, error) {
	if err := config.CheckProfile(profile); err != nil {
		return nil, err
	}
	c, ok := e.profiles[profile]
	if !ok {
		return nil, &config.UsageError{Msg: fmt.Sprintf("experiment %s has no profile %q", e.name, profile)}
	}
	return &c, nil
}

func (e *experiment[C]) Check(cfg any) error {
	c, ok := cfg.(*C)
	if !ok {
		return fmt.Errorf("%s: config of type %T, want %T", e.name, cfg, new(C))
	}
	if e.check == nil {
		return nil
	}
	if err := e.check(c); err != nil {
		msg := strings.ReplaceAll(err.Error(), "\n", "; ")
		return &config.UsageError{Msg: fmt.Sprintf("%s: bad configuration: %s (change it with --set key=value; 'hw1 list --keys' shows the keys)", e.name, msg)}
	}
	return nil
}

// Datasets asks the datasets hook; an experiment without one needs the
// dataset its "dataset" setting names, if it has that setting.
func (e *experiment[C]) Datasets(cfg any) []string {
	c, ok := cfg.(*C)
	if !ok {
		return nil
	}
	if e.datasets != nil {
		return e.datasets(c)
	}
	raw, err := json.Marshal(c)
	var settings map[string]any
	if err != nil || json.Unmarshal(raw, &settings) != nil {
		return nil
	}
	if name, ok := settings["dataset"].(string); ok && name != "" {
		return []string{name}
	}
	return nil
}

func (e *experiment[C]) Run(env *Env, cfg any) error {
	c, ok := cfg.(*C)
	if !ok {
		return fmt.Errorf("%s: config of type %T, want %T", e.name, cfg, new(C))
	}
	if err := e.Check(c); err != nil {
		return err
	}
	return e.run(env, c)
}

// Registry maps experiment names to experiments, in the homework's order.
// Package runner/registry lists hw1's experiments; the runner itself never
// imports one.
type Registry struct {
	order []Experiment
}

// NewRegistry returns a registry of exps, in the order given (the schema's
// order, results.Experiments, for hw1's own).
func NewRegistry(exps ...Experiment) *Registry {
	return &Registry{order: exps}
}

// All returns the experiments in the homework's order.
func (r *Registry) All() []Experiment { return r.order }

// Lookup finds an experiment by name.
func (r *Registry) Lookup(name string) (Experiment, error) {
	for _, e := range r.order {
		if e.Name() == name {
			return e, nil
		}
	}
	names := make([]string, len(r.order))
	for i, e := range r.order {
		names[i] = e.Name()
	}
	sort.Strings(names)
	guess := ""
	if s := config.Suggest(name, names); s != "" {
		guess = fmt.Sprintf(" (did you mean %q?)", s)
	}
	return nil, &config.UsageError{Msg: fmt.Sprintf("unknown experiment %q%s; valid: %s, all (see 'hw1 list')", name, guess, strings.Join(names, ", "))}
}

// ProfileOf returns experiment e's configuration for profile p, for an
// experiment that trains another's models with its settings (importing
// them, rather than copying them); e's profiles are the program's own, so
// a missing one is a bug.
func ProfileOf[C any](e Experiment, p string) C {
	c, err := e.Config(p)
	if err != nil {
		panic(fmt.Sprintf("%s has no profile %s: %v", e.Name(), p, err))
	}
	return *c.(*C)
}
