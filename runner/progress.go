package runner

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"
)

// progressFactory starts a progress display per training run: a bar with
// loss and ETA on a terminal, periodic log lines otherwise.
type progressFactory struct {
	w        io.Writer // the terminal, or nil for log lines
	log      *slog.Logger
	interval time.Duration // between log lines
}

// newProgress chooses the display for stderr.
func newProgress(log *slog.Logger, quiet bool) progressFactory {
	p := progressFactory{log: log, interval: 15 * time.Second}
	// HW1_STDERR_TERMINAL=1: stderr is a pipe to hw1's supervisor process,
	// which passes it on to a terminal. A terminal gets the bars, quiet or
	// not (they redraw one line); elsewhere progress is a log line every
	// interval, which --quiet leaves out.
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 || os.Getenv("HW1_STDERR_TERMINAL") == "1" {
		p.w = os.Stderr
	} else if quiet {
		p.interval = 0
	}
	return p
}

// Progress shows one training run's (or measurement's) progress: Update
// after each step, Done at the end.
type Progress struct {
	f          progressFactory
	name       string
	total      int
	start, due time.Time
	step       int
	loss       float64
}

func (f progressFactory) start(name string, total int) *Progress {
	now := time.Now()
	return &Progress{f: f, name: name, total: total, start: now, due: now}
}

// Update records that step steps of the run are done, at the given loss.
func (p *Progress) Update(step int, loss float64) {
	p.step, p.loss = step, loss
	now := time.Now()
	if now.Before(p.due) {
		return
	}
	switch {
	case p.f.w != nil:
		p.due = now.Add(100 * time.Millisecond)
		p.draw(now)
	case p.f.interval > 0:
		if p.step > 1 {
			p.f.log.Info("training", "run", p.name, "step", step, "of", p.total, "loss", fmt.Sprintf("%.4g", loss), "eta", p.eta(now).Round(time.Second).String())
		}
		p.due = now.Add(p.f.interval)
	default:
		p.due = now.Add(time.Hour)
	}
}

func (p *Progress) eta(now time.Time) time.Duration {
	if p.step == 0 {
		return 0
	}
	per := now.Sub(p.start) / time.Duration(p.step)
	return per * time.Duration(p.total-p.step)
}

func (p *Progress) draw(now time.Time) {
	const width = 24
	frac := float64(p.step) / float64(max(p.total, 1))
	fill := int(frac * width)
	fmt.Fprintf(p.f.w, "\r%-24.24s [%s%s] %3.0f%% loss %-9.4g eta %-8s", p.name,
		strings.Repeat("=", fill), strings.Repeat(" ", width-fill), 100*frac, p.loss, p.eta(now).Round(time.Second))
}

// Done ends the display, with a log line of the run.
func (p *Progress) Done() {
	if p.f.w != nil && p.step > 0 {
		p.draw(time.Now())
		fmt.Fprintln(p.f.w)
	}
	if p.f.interval > 0 || p.f.w != nil {
		p.f.log.Info("trained", "run", p.name, "steps", p.step, "loss", fmt.Sprintf("%.4g", p.loss), "took", time.Since(p.start).Round(time.Millisecond).String())
	}
}

// StartProgress starts a progress display for a run of total steps: a bar on
// a terminal, periodic log lines otherwise, nothing when quiet.
func (e *Env) StartProgress(name string, total int) *Progress {
	return e.progress.start(name, total)
}
