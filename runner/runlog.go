package runner

import (
	"log/slog"
	"os"
	"path/filepath"
)

// LogFile is the file in an experiment's folder that keeps its whole log,
// every level, whatever the terminal shows (--quiet shows warnings only).
const LogFile = "run.log"

// experimentLog returns the logger of one experiment run in dir: the
// runner's, and the folder's LogFile, appended to (a resumed run continues
// it). When the file cannot be opened the run goes on with the runner's
// logger alone, which says so: a log is no reason to lose a run.
func (r *Runner) experimentLog(dir, name string) (*slog.Logger, func()) {
	base := r.opts.Log.With("experiment", name)
	f, err := os.OpenFile(filepath.Join(dir, LogFile), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		base.Warn("no log file: the log goes to the terminal only", "err", err)
		return base, func() {}
	}
	file := slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})
	return slog.New(slog.NewMultiHandler(r.opts.Log.Handler(), file)).With("experiment", name), func() { f.Close() }
}
