// Package config turns command-line overrides into experiment
// configurations. Each experiment states its configuration as a flat Go
// struct per profile (smoke, quick, full); users change single fields with
// repeatable `--set key=value` flags, where key is the field's json name.
//
// Supported field types: string, bool, int, int64, uint64, float64, []int,
// []float64 (comma-separated, "64,1024") and time.Duration. Field tags:
//
//	json:"name"        the key (without a json tag, the Go field name, as in encoding/json)
//	json:"-"           not a key
//	set:"sinc|mnist"   a string field restricted to these values
//	set:"-"            listed nowhere and rejected by Apply
//
// Embedded exported structs without a json tag contribute their fields, as in
// encoding/json. Any other field type must be tagged set:"-" or json:"-",
// and two fields may not share a key.
package config
