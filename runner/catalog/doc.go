// Package catalog is each experiment as the commands that read results see
// it without TensorFlow (hw1 list, hw1 merge, the shard plan): its --set
// keys with their values per profile, and its reference cost. The
// experiment packages declare both (their profiles and runner.Definition's
// Cost); catalog.json holds a copy, written from them by
// `go test ./runner/registry -run TestCatalogIsTheRegistry -update` and
// checked against them by that test, so that this package needs neither
// the experiments nor TensorFlow.
package catalog
