package runner

import (
	"context"
	"log/slog"
	"runtime"

	"hw1/graphs"
)

// EnvOptions are the settings of an Env outside a Runner.
type EnvOptions struct {
	Dir     string // the folder the experiment writes into
	Seed    int64
	Session graphs.SessionConfig
	DataDir string // the image datasets' folder (--data); "" means data/<name>
	Log     *slog.Logger
	Quiet   bool // no progress output
	// Cores is the number of the machine's cores the Env may train on side
	// by side (Env.SideBySide, Env.SweepSideBySide); 0 means all of them.
	Cores int
	// Resume: Dir holds an unfinished run of the same configuration, whose
	// tables a sweep resumes (Env.Resume).
	Resume bool
}

// NewEnv returns an Env for one experiment run outside a Runner: for an
// experiment's tests, or a tool that trains without a results folder. It
// holds one of its cores, as Runner.Run leaves an experiment, and writes no
// manifest.
func NewEnv(ctx context.Context, o EnvOptions) *Env {
	n := o.Cores
	if n <= 0 {
		n = runtime.NumCPU()
	}
	env := &Env{Ctx: ctx, Dir: o.Dir, Seed: o.Seed, Session: o.Session, Log: o.Log,
		data: newDataCache(o.DataDir), progress: newProgress(o.Log, o.Quiet), cores: newCores(n), resume: o.Resume}
	env.cores.take(ctx)
	return env
}

// Notes returns the manifest notes written so far (Env.Note).
func (e *Env) Notes() []string { return append([]string(nil), e.notes...) }
