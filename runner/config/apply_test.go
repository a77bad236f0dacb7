package config

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

type Common struct {
	Seed uint64 `json:"seed"`
}

type activation string

type testConfig struct {
	Common
	Name       string         `json:"name"`
	Dataset    string         `json:"dataset" set:"sinc|mnist"`
	Activation activation     `json:"activation,omitempty"`
	Verbose    bool           `json:"verbose"`
	Epochs     int            `json:"epochs"`
	Steps      int64          `json:"steps"`
	LR         float64        `json:"learning_rate"`
	Widths     []int          `json:"widths"`
	Rates      []float64      `json:"rates"`
	Timeout    time.Duration  `json:"timeout"`
	Device     string         `json:"device" set:"-"`
	Extra      map[string]int `json:"extra" set:"-"`
	Note       string         `json:"-"`
	Untagged   int
	hidden     int
}

func baseConfig() testConfig {
	return testConfig{Common: Common{Seed: 1}, Name: "run", Dataset: "sinc", Activation: "relu",
		Epochs: 10, Steps: 100, LR: 0.01, Widths: []int{4, 8}, Rates: []float64{0.5},
		Timeout: time.Minute, Device: "cpu", Note: "n", hidden: 3}
}

func usage(t *testing.T, err error) *UsageError {
	t.Helper()
	var ue *UsageError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v (%T), want a *UsageError", err, err)
	}
	return ue
}

func TestApplyEveryType(t *testing.T) {
	cfg := baseConfig()
	err := Apply(&cfg, []string{
		"seed=18446744073709551615", "name=deep net", "dataset=mnist", "activation=tanh",
		"verbose=true", "epochs=-3", "steps=9000000000", "learning_rate=1e-3",
		"widths=64, 1024,7", "rates=0.1,2.5e-1", "timeout=1m30s", "Untagged=5",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := testConfig{Common: Common{Seed: 18446744073709551615}, Name: "deep net", Dataset: "mnist",
		Activation: "tanh", Verbose: true, Epochs: -3, Steps: 9000000000, LR: 0.001,
		Widths: []int{64, 1024, 7}, Rates: []float64{0.1, 0.25}, Timeout: 90 * time.Second,
		Device: "cpu", Note: "n", Untagged: 5, hidden: 3}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("got  %+v\nwant %+v", cfg, want)
	}
}

func TestApplyValueForms(t *testing.T) {
	cfg := baseConfig()
	if err := Apply(&cfg, []string{"name=a=b=c", "epochs=1", "epochs=2", "widths=", "verbose=1", " steps = 7 "}); err != nil {
		t.Fatal(err)
	}
	if cfg.Name != "a=b=c" || cfg.Epochs != 2 || cfg.Widths == nil || len(cfg.Widths) != 0 || !cfg.Verbose || cfg.Steps != 7 {
		t.Fatalf("got %+v; want name a=b=c, epochs 2 (last wins), widths empty, verbose, steps 7", cfg)
	}
	if err := Apply(&cfg, []string{"name="}); err != nil || cfg.Name != "" {
		t.Fatalf("name= gives %q, %v; want the empty string", cfg.Name, err)
	}
	if err := Apply(&cfg, nil); err != nil {
		t.Fatalf("no sets: %v", err)
	}
}

func TestApplyUnknownKeyListsValidKeys(t *testing.T) {
	cfg := baseConfig()
	msg := usage(t, Apply(&cfg, []string{"learning-rate=0.1"})).Msg
	if !strings.Contains(msg, `unknown key "learning-rate"`) || !strings.Contains(msg, `did you mean "learning_rate"`) {
		t.Errorf("message lacks the key or the suggestion:\n%s", msg)
	}
	lines := []string{
		"Untagged=0 (int)", "activation=relu (string)", "dataset=sinc (one of sinc|mnist)",
		"epochs=10 (int)", "learning_rate=0.01 (float64)", "name=run (string)", "rates=0.5 ([]float64)",
		"seed=1 (uint64)", "steps=100 (int64)", "timeout=1m0s (duration)", "verbose=false (bool)", "widths=4,8 ([]int)",
	}
	last := -1
	for _, l := range lines {
		i := strings.Index(msg, "\n  "+l)
		if i < 0 {
			t.Errorf("message lacks line %q:\n%s", l, msg)
		} else if i < last {
			t.Errorf("key %q out of sorted order:\n%s", l, msg)
		}
		last = i
	}
	for _, hidden := range []string{"device", "extra", "Note", "hidden"} {
		if strings.Contains(msg, "  "+hidden+"=") {
			t.Errorf("message lists unsettable key %s:\n%s", hidden, msg)
		}
	}
}

func TestApplyRejectsBadValues(t *testing.T) {
	for _, set := range []string{
		"epochs=abc", "epochs=1.5", "epochs=", "steps=99999999999999999999", "seed=-1",
		"learning_rate=x", "learning_rate=NaN", "learning_rate=inf", "widths=64,x", "widths=64,,2",
		"rates=0.1,,2", "rates=0.1;0.2", "timeout=30", "verbose=maybe", "dataset=cifar", "dataset=MNIST",
	} {
		cfg := baseConfig()
		err := Apply(&cfg, []string{set})
		if err == nil {
			t.Errorf("--set %s accepted: %+v", set, cfg)
			continue
		}
		key, value, _ := strings.Cut(set, "=")
		msg := usage(t, err).Msg
		if !strings.Contains(msg, `key "`+key+`"`) || !strings.Contains(msg, `"`+value+`"`) {
			t.Errorf("--set %s: message does not name key and value: %s", set, msg)
		}
	}
	cfg := baseConfig()
	if msg := usage(t, Apply(&cfg, []string{"dataset=cifar"})).Msg; !strings.Contains(msg, "sinc, mnist") {
		t.Errorf("choice error does not list the choices: %s", msg)
	}
}

func TestApplyRejectsMalformedAndUnsettable(t *testing.T) {
	for set, want := range map[string]string{
		"epochs":     "want key=value",
		"=5":         "want key=value",
		"device=gpu": `key "device" cannot be set`,
		"extra=1":    `key "extra" cannot be set`,
		"Note=x":     `unknown key "Note"`,
		"hidden=1":   `unknown key "hidden"`,
		"Epochs=1":   `did you mean "epochs"`,
	} {
		cfg := baseConfig()
		if msg := usage(t, Apply(&cfg, []string{set})).Msg; !strings.Contains(msg, want) {
			t.Errorf("--set %s: message %q lacks %q", set, msg, want)
		}
	}
}

func TestApplyAllOrNothing(t *testing.T) {
	cfg := baseConfig()
	widths := cfg.Widths
	err := Apply(&cfg, []string{"epochs=5", "widths=1,2", "name=x", "rates=3", "epochs=oops"})
	usage(t, err)
	if !reflect.DeepEqual(cfg, baseConfig()) || &cfg.Widths[0] != &widths[0] {
		t.Fatalf("failed Apply changed the config: %+v", cfg)
	}
	if err := Apply(&cfg, []string{"widths=1,2,3"}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(widths, []int{4, 8}) {
		t.Fatalf("Apply wrote into the old slice: %v", widths)
	}
}

func TestApplyProgrammingErrors(t *testing.T) {
	type withMap struct {
		M map[string]int `json:"m"`
	}
	type intChoices struct {
		N int `json:"n" set:"1|2"`
	}
	type duplicate struct {
		Common
		S uint64 `json:"seed"`
	}
	type embeddedPtr struct {
		*Common
	}
	n := 3
	var nilCfg *testConfig
	for name, cfg := range map[string]any{
		"not a pointer":    baseConfig(),
		"nil pointer":      nilCfg,
		"pointer to int":   &n,
		"unsupported type": &withMap{},
		"choices on int":   &intChoices{},
		"duplicate keys":   &duplicate{},
		"embedded pointer": &embeddedPtr{},
	} {
		err := Apply(cfg, nil)
		var ue *UsageError
		if err == nil || errors.As(err, &ue) || !strings.Contains(err.Error(), "config") {
			t.Errorf("%s: err = %v; want a plain error about the config", name, err)
		}
	}
}
