// Package graphs builds and runs hw1's models as TensorFlow graphs through
// graft (github.com/wamuir/graft, the TensorFlow 2.18 C API).
//
// It knows nothing of experiments, files, plots or flags: the runner asks it
// for models, trains them and reads them back. Everything that touches graft
// stays inside this package.
package graphs
