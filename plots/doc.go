// Package plots draws hw1's figures from the result tables that the runner
// wrote, and from nothing else: Draw reads an experiment's CSV tables (and
// its manifest, to know which experiment a folder holds and which training
// budget a sensitivity sweep had) and writes every figure of that
// experiment as PNG and SVG beside the tables. Because it never trains, any
// figure can be redrawn at any time with `hw1 plot DIR`.
//
// A multi-seed folder (hw1 run --seeds) gets every seed's figures in the
// seed's folder, as a single-seed run draws them, and the experiment's
// figures over the seeds in the folder itself: drawn by the same code from
// the aggregate tables, every curve as the mean over the seeds with a band
// from their minimum to their maximum and, for a few seeds, each seed as a
// faint thin line (panel.curve; the legend says so). Min-ratio's points are
// pooled over the seeds; the figures of tables that are not aggregated
// (weight-pca, loss-surface, hessian-spectrum's eigenvalues and densities)
// stay per seed only.
//
// Every table is read through the schema in hw1/runner/results, and only
// through it: the experiments' names, the tables' files and the columns
// come from its constants and Table values, never from literals here, and
// each table read is checked against its Table (the columns in order, every
// cell of its column's kind) before anything is drawn, so that a table that
// does not match the schema is an error naming the file, not a wrong
// figure. The package links nothing of TensorFlow.
package plots
