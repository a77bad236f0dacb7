// Package plots draws hw1's figures from the result tables that the runner
// wrote, and from nothing else: it reads an experiment's CSV tables (and its
// manifest, to know which experiment a folder holds) and writes every figure
// of that experiment as PNG and SVG beside the tables. Because it never
// trains, any figure can be redrawn at any time with `hw1 plot DIR`.
package plots
