package report

import (
	"encoding/json"
	"strings"
	"testing"

	"hw1/runner/results"
)

// mnistDepthConfig is a manifest configuration with two models of layers,
// as mnist-depth's is.
const mnistDepthConfig = `{"dataset": "mnist", "models": [
 {"name": "shallow", "layers": [{"kind": "conv2d", "filters": 16, "kernel": 5, "activation": "relu"}, {"kind": "maxpool", "pool": 2}, {"kind": "flatten"}, {"kind": "dense", "units": 36, "activation": "relu"}, {"kind": "dense", "units": 10}]},
 {"name": "deep", "layers": [{"kind": "conv2d", "filters": 16, "kernel": 5, "activation": "relu"}, {"kind": "maxpool", "pool": 2}, {"kind": "conv2d", "filters": 32, "kernel": 5, "activation": "relu"}, {"kind": "maxpool", "pool": 2}, {"kind": "flatten"}, {"kind": "dense", "units": 64, "activation": "relu"}, {"kind": "dense", "units": 10}]}],
 "train_examples": 512, "epochs": 1, "batch_size": 64, "lr": 0.001, "widths": [1, 2], "optimizer": {"name": "adam", "lr": 0.001}}`

// TestCompactOf: each model is one line, its layers in order; the plain
// settings are one row each; far fewer rows than the flattened form.
func TestCompactOf(t *testing.T) {
	var v any
	if err := json.Unmarshal([]byte(mnistDepthConfig), &v); err != nil {
		t.Fatal(err)
	}
	c := compactOf(v)
	if len(c.Lists) != 1 || c.Lists[0].Key != "models" || len(c.Lists[0].Items) != 2 {
		t.Fatalf("lists %+v, want models with two items", c.Lists)
	}
	want := []kv{
		{"shallow", "conv2d 16 filters 5×5 relu, maxpool 2×2, flatten, dense 36 relu, dense 10"},
		{"deep", "conv2d 16 filters 5×5 relu, maxpool 2×2, conv2d 32 filters 5×5 relu, maxpool 2×2, flatten, dense 64 relu, dense 10"},
	}
	for i, w := range want {
		if c.Lists[0].Items[i] != w {
			t.Errorf("model %d: %+v, want %+v", i, c.Lists[0].Items[i], w)
		}
	}
	settings := map[string]string{}
	for _, s := range c.Settings {
		settings[s.Key] = s.Value
	}
	for k, v := range map[string]string{"dataset": "mnist", "epochs": "1", "lr": "0.001", "widths": "[1, 2]", "optimizer": "lr 0.001; name adam"} {
		if settings[k] != v {
			t.Errorf("setting %s = %q, want %q", k, settings[k], v)
		}
	}
	if len(c.Settings) != 7 {
		t.Errorf("%d settings, want 7: %v", len(c.Settings), c.Settings)
	}
	if flat := flattenConfig(v); len(flat) < 30 {
		t.Errorf("the flattened form has %d rows; the test wants a configuration that needs compacting", len(flat))
	}
	// A list of objects without names is labelled by key and index.
	var w any
	if err := json.Unmarshal([]byte(`{"runs": [{"lr": 0.1}, {"lr": 0.2}]}`), &w); err != nil {
		t.Fatal(err)
	}
	if got := compactOf(w).Lists[0].Items; len(got) != 2 || got[1] != (kv{"runs[1]", "lr 0.2"}) {
		t.Errorf("unnamed objects: %+v", got)
	}
	if got := compactOf(3.0); len(got.Settings) != 1 || got.Settings[0] != (kv{"(config)", "3"}) {
		t.Errorf("a configuration that is not an object: %+v", got)
	}
}

// TestConfigCompactOnPage: the section shows each model in one line and
// the flattened configuration inside a <details> element, one click away.
func TestConfigCompactOnPage(t *testing.T) {
	dir := fakeRun(t)
	var cfg any
	if err := json.Unmarshal([]byte(mnistDepthConfig), &cfg); err != nil {
		t.Fatal(err)
	}
	m, err := results.ReadManifest(dir + "/" + results.MNISTDepth)
	if err != nil {
		t.Fatal(err)
	}
	m.Config = cfg
	if err := m.Write(dir + "/" + results.MNISTDepth); err != nil {
		t.Fatal(err)
	}
	doc, _ := writeAndParse(t, dir)
	byID, _ := sections(doc)
	sec := byID[results.MNISTDepth]
	var lines []string
	for _, ul := range sec.tag("ul") {
		if ul.attr["class"] == "config-list" {
			for _, li := range ul.tag("li") {
				lines = append(lines, li.text.String())
			}
		}
	}
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "deep: conv2d 16 filters 5×5 relu, maxpool 2×2, conv2d 32") {
		t.Errorf("model lines %q, want one per model", lines)
	}
	details := sec.tag("details")
	if len(details) != 1 || len(details[0].tag("summary")) != 1 {
		t.Fatalf("%d <details> elements, want one with a summary", len(details))
	}
	full := details[0].text.String()
	if !strings.Contains(full, "models[1].layers[5].units") {
		t.Errorf("the flattened configuration is not behind the click:\n%s", full)
	}
	// Outside <details> no flattened key is shown.
	var outside strings.Builder
	for _, tb := range sec.tag("table") {
		if !strings.Contains(details[0].text.String(), tb.text.String()) {
			outside.WriteString(tb.text.String())
		}
	}
	if strings.Contains(outside.String(), "layers[") {
		t.Errorf("flattened keys outside <details>:\n%s", outside.String())
	}
}

// TestConfigWithoutDetails: a configuration of plain settings only is all
// in its compact form, and the section has no <details> repeating it.
func TestConfigWithoutDetails(t *testing.T) {
	dir := fakeRun(t)
	m, err := results.ReadManifest(dir + "/" + results.GradNorm)
	if err != nil {
		t.Fatal(err)
	}
	m.Config = map[string]any{"epochs": 50.0, "hidden": []any{9.0, 9.0}, "lr": 0.001}
	if err := m.Write(dir + "/" + results.GradNorm); err != nil {
		t.Fatal(err)
	}
	doc, _ := writeAndParse(t, dir)
	byID, _ := sections(doc)
	sec := byID[results.GradNorm]
	if n := len(sec.tag("details")); n != 0 {
		t.Errorf("%d <details> for a configuration of plain settings, want none", n)
	}
	if text := sec.text.String(); !strings.Contains(text, "hidden = [9, 9]") || !strings.Contains(text, "lr = 0.001") {
		t.Errorf("settings not shown:\n%s", text)
	}
}
