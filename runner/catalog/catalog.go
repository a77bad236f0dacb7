package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"hw1/runner/config"
)

// File is the catalog's file in this package's folder.
const File = "catalog.json"

//go:embed catalog.json
var catalogJSON []byte

// Entry is one experiment of the catalog.
type Entry struct {
	Name string `json:"name"`
	Cost Cost   `json:"cost"`
	// Keys are its --set keys with their values, by profile, sorted by
	// name (config.Keys).
	Keys map[string][]config.Key `json:"keys"`
}

// Read returns the catalog's experiments, in the schema's order.
func Read() ([]Entry, error) {
	var es []Entry
	if err := json.Unmarshal(catalogJSON, &es); err != nil {
		return nil, fmt.Errorf("read the experiment catalog (%s): %w", File, err)
	}
	return es, nil
}

// Lookup finds an experiment of the catalog by name.
func Lookup(name string) (Entry, error) {
	es, err := Read()
	if err != nil {
		return Entry{}, err
	}
	for _, e := range es {
		if e.Name == name {
			return e, nil
		}
	}
	return Entry{}, fmt.Errorf("experiment %q is not in the catalog (%s); regenerate it with 'go test ./runner/registry -run TestCatalogIsTheRegistry -update'", name, File)
}

// Encode is es as File holds them.
func Encode(es []Entry) ([]byte, error) {
	b, err := json.MarshalIndent(es, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode the experiment catalog: %w", err)
	}
	return append(b, '\n'), nil
}

// Costs returns the catalog's costs by experiment name.
func Costs() (map[string]Cost, error) {
	es, err := Read()
	if err != nil {
		return nil, err
	}
	out := make(map[string]Cost, len(es))
	for _, e := range es {
		out[e.Name] = e.Cost
	}
	return out, nil
}
