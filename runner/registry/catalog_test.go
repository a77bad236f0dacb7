package registry

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
)

var update = flag.Bool("update", false, "rewrite runner/catalog/catalog.json from the experiments")

// The catalog (what hw1 list and the shard plan read without TensorFlow)
// is the experiments' own keys, profile values and costs: a profile or a
// cost changed without regenerating it fails here.
func TestCatalogIsTheRegistry(t *testing.T) {
	es, err := catalogOf(New())
	if err != nil {
		t.Fatal(err)
	}
	want, err := catalog.Encode(es)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "catalog", catalog.File)
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Errorf("%s is not the experiments' keys and costs: regenerate it with 'go test ./runner/registry -run TestCatalogIsTheRegistry -update'", path)
	}
}

// catalogOf is what package catalog holds of the experiments of r: each one's
// cost and its --set keys per profile, as the experiment declares them.
func catalogOf(r *runner.Registry) ([]catalog.Entry, error) {
	var out []catalog.Entry
	for _, e := range r.All() {
		if err := runner.CheckCost(e); err != nil {
			return nil, err
		}
		en := catalog.Entry{Name: e.Name(), Cost: e.Cost(), Keys: map[string][]config.Key{}}
		for _, p := range config.Profiles() {
			cfg, err := e.Config(p)
			if err != nil {
				return nil, fmt.Errorf("catalog of %s: %w", e.Name(), err)
			}
			en.Keys[p] = config.Keys(cfg)
		}
		out = append(out, en)
	}
	return out, nil
}
