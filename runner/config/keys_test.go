package config

import (
	"reflect"
	"testing"
)

func TestKeys(t *testing.T) {
	cfg := baseConfig()
	want := []Key{
		{Name: "Untagged", Type: "int", Value: "0"},
		{Name: "activation", Type: "string", Value: "relu"},
		{Name: "dataset", Type: "string", Value: "sinc", Choices: []string{"sinc", "mnist"}},
		{Name: "epochs", Type: "int", Value: "10"},
		{Name: "learning_rate", Type: "float64", Value: "0.01"},
		{Name: "name", Type: "string", Value: "run"},
		{Name: "rates", Type: "[]float64", Value: "0.5"},
		{Name: "seed", Type: "uint64", Value: "1"},
		{Name: "steps", Type: "int64", Value: "100"},
		{Name: "timeout", Type: "duration", Value: "1m0s"},
		{Name: "verbose", Type: "bool", Value: "false"},
		{Name: "widths", Type: "[]int", Value: "4,8"},
	}
	for _, c := range []any{cfg, &cfg} {
		if got := Keys(c); !reflect.DeepEqual(got, want) {
			t.Errorf("Keys(%T):\n got %+v\nwant %+v", c, got, want)
		}
	}
}

// Every printed value reads back as the same value.
func TestKeysValuesRoundTrip(t *testing.T) {
	cfg := baseConfig()
	cfg.LR = 1.0 / 3
	cfg.Rates = []float64{1e-300, -2.5, 123456789.125}
	cfg.Widths = nil
	cfg.Timeout = 1500 * 1e6 // 1.5s
	cfg.Steps = -1 << 63
	for _, k := range Keys(cfg) {
		got := cfg
		if err := Apply(&got, []string{k.Name + "=" + k.Value}); err != nil {
			t.Errorf("%s=%s: %v", k.Name, k.Value, err)
			continue
		}
		if k.Name == "widths" { // nil and empty print alike
			if len(got.Widths) != 0 {
				t.Errorf("widths=%s gives %v", k.Value, got.Widths)
			}
			continue
		}
		if !reflect.DeepEqual(got, cfg) {
			t.Errorf("%s=%s changes the config:\n got %+v\nwant %+v", k.Name, k.Value, got, cfg)
		}
	}
}

func TestKeysPanicsOnBadConfig(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Keys of a struct with a map field did not panic")
		}
	}()
	Keys(struct {
		M map[string]int `json:"m"`
	}{})
}

// A zero:"..." tag says what 0 means for the key; Keys hands it on, and a
// key without one has none.
func TestKeysSayWhatZeroMeans(t *testing.T) {
	type cfg struct {
		Examples int `json:"examples" zero:"all of them"`
		Epochs   int `json:"epochs"`
	}
	got := map[string]string{}
	for _, k := range Keys(&cfg{}) {
		got[k.Name] = k.Zero
	}
	if got["examples"] != "all of them" || got["epochs"] != "" {
		t.Errorf("zero meanings %v, want examples: all of them, epochs: none", got)
	}
}
