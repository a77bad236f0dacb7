// Package report turns a finished (or partly finished) run directory into
// DIR/report.html: one self-contained HTML page with the run's summary and,
// per experiment, the question it answers, its status, its figures (embedded
// as PNG data URIs, with links to the SVG files beside them), its
// configuration and its findings.
//
// A finding is computed from the experiment's CSV tables only, and set
// against what the literature or the assignment reports, with a stated rule
// that decides whether the two agree. The package reads only what the runner
// left on disk (manifest.json, the tables, the figure files); it imports
// nothing of TensorFlow and redraws nothing.
package report
