// Package report turns a finished (or partly finished) run directory into
// DIR/report.html: one self-contained HTML page with an introduction (what
// the homework's three parts ask, how to read the page, what the run's
// profile means and its scale beside the homework's, the terms used), the
// run's summary (findings counted by verdict) and, per experiment, the
// question it answers, its status, its figures (embedded as PNG data URIs,
// each captioned with what it shows, with links to the PNG and SVG files
// beside them), its configuration (compact, the flattened form in a
// <details> element) and its findings. A multi-seed experiment (hw1 run --seeds)
// shows the figures drawn over its seeds (the mean and spread, from the
// aggregate tables) and, where there are none of a name, its first finished
// seed's.
//
// The report reads results only through hw1/runner/results, the schema: the
// experiments and their order, every table's file and columns, and the
// manifest. Each table is checked against the schema (results.Table.Check)
// when read, and the code names experiments, files and columns only by the
// schema's constants (a test rejects string literals that spell them). A
// table that does not match the schema is shown in its section, and Write
// returns an error when the experiment's manifest says done.
//
// A finding is computed from the experiment's CSV tables only, and set
// against what the literature or the assignment reports, with a stated rule
// that decides whether the two agree. The package reads only what the runner
// left on disk (manifest.json, the tables, the figure files); it imports
// nothing of TensorFlow (not hw1/runner, hw1/runner/tensorboard or
// hw1/plots) and redraws nothing. What it states about them is checked by
// tests that read their code instead: the figure names plots draws (each
// needs a caption) and the runner's full profile (the homework's settings
// in the introduction).
package report
