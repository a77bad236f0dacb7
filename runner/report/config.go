package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// kv is one row of a key/value table.
type kv struct{ Key, Value string }

// flattenConfig renders a manifest's configuration (generic JSON) as
// key/value rows: nested objects become dotted keys, lists of plain values
// one comma-separated value, lists of objects indexed keys.
func flattenConfig(v any) []kv {
	var out []kv
	flatten("", v, &out)
	return out
}

func flatten(key string, v any, out *[]kv) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			if key != "" {
				*out = append(*out, kv{key, "{}"})
			}
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub := k
			if key != "" {
				sub = key + "." + k
			}
			flatten(sub, x[k], out)
		}
	case []any:
		if allScalar(x) {
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = scalar(e)
			}
			*out = append(*out, kv{orRoot(key), "[" + strings.Join(parts, ", ") + "]"})
			return
		}
		for i, e := range x {
			flatten(fmt.Sprintf("%s[%d]", key, i), e, out)
		}
	default:
		if v == nil && key == "" {
			return
		}
		*out = append(*out, kv{orRoot(key), scalar(v)})
	}
}

func orRoot(key string) string {
	if key == "" {
		return "(config)"
	}
	return key
}

func allScalar(xs []any) bool {
	for _, x := range xs {
		switch x.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// scalar renders one JSON value that is not an object or a list.
func scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	default:
		return fmt.Sprint(x)
	}
}

// compactConfig is a manifest's configuration as the section shows it at
// first: its plain settings, and each list of objects (the models) one
// line per object. The flattened form (flattenConfig) is one click away.
type compactConfig struct {
	Settings []kv         // scalars, lists of scalars and small objects, one row each
	Lists    []objectList // lists of objects, one line per object
}

// objectList is a list of objects of the configuration, such as its
// models: Key is the list's key, each item an object's name (or the key
// and index) and its one-line description.
type objectList struct {
	Key   string
	Items []kv
}

// compactOf renders a manifest's configuration (generic JSON) compactly;
// a configuration that is not an object is its flattened rows.
func compactOf(v any) compactConfig {
	var c compactConfig
	m, ok := v.(map[string]any)
	if !ok {
		c.Settings = flattenConfig(v)
		return c
	}
	for _, k := range sortedKeys(m) {
		switch x := m[k].(type) {
		case []any:
			if allScalar(x) {
				c.Settings = append(c.Settings, kv{k, scalarList(x)})
				continue
			}
			l := objectList{Key: k}
			for i, e := range x {
				label := fmt.Sprintf("%s[%d]", k, i)
				if o, ok := e.(map[string]any); ok {
					if name, ok := o["name"].(string); ok && name != "" {
						label = name
					}
				}
				l.Items = append(l.Items, kv{label, describeItem(e)})
			}
			c.Lists = append(c.Lists, l)
		default:
			c.Settings = append(c.Settings, kv{k, describe(x)})
		}
	}
	return c
}

// describeItem renders an object of a list in a line, without its name,
// which labels the line.
func describeItem(v any) string {
	if m, ok := v.(map[string]any); ok {
		return describeObject(m, true)
	}
	return describe(v)
}

// describe renders one JSON value in a line: an object as its fields, with
// a list of layers in the order of the network (describeLayer), a list as
// its items.
func describe(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return describeObject(x, false)
	case []any:
		if allScalar(x) {
			return scalarList(x)
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = describe(e)
		}
		return "[" + strings.Join(parts, "], [") + "]"
	default:
		return scalar(v)
	}
}

// describeObject renders an object's fields as "key value; ...", its
// layers as describeLayer does, leaving out its name if noName.
func describeObject(x map[string]any, noName bool) string {
	var parts []string
	for _, k := range sortedKeys(x) {
		if k == "name" && noName {
			continue
		}
		if layers, ok := x[k].([]any); ok && k == "layers" {
			var ls []string
			for _, l := range layers {
				ls = append(ls, describeLayer(l))
			}
			parts = append(parts, strings.Join(ls, ", "))
			continue
		}
		parts = append(parts, k+" "+describe(x[k]))
	}
	if len(parts) == 0 {
		return "{}"
	}
	return strings.Join(parts, "; ")
}

// describeLayer renders a layer of a network ({"kind": "conv2d",
// "filters": 16, "kernel": 5, "activation": "relu"}) as "conv2d 16 filters
// 5×5 relu": its kind, then its size, kernel or pool, activation, and any
// other field as "key value".
func describeLayer(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return describe(v)
	}
	var parts []string
	if k, ok := m["kind"]; ok {
		parts = append(parts, scalar(k))
	}
	if f, ok := m["filters"]; ok {
		parts = append(parts, scalar(f)+" filters")
	}
	if u, ok := m["units"]; ok {
		parts = append(parts, scalar(u))
	}
	for _, sq := range []string{"kernel", "pool"} {
		if s, ok := m[sq]; ok {
			parts = append(parts, scalar(s)+"×"+scalar(s))
		}
	}
	if a, ok := m["activation"]; ok && a != "" {
		parts = append(parts, scalar(a))
	}
	known := map[string]bool{"kind": true, "filters": true, "units": true, "kernel": true, "pool": true, "activation": true}
	for _, k := range sortedKeys(m) {
		if !known[k] {
			parts = append(parts, k+" "+describe(m[k]))
		}
	}
	return strings.Join(parts, " ")
}

func scalarList(xs []any) string {
	parts := make([]string, len(xs))
	for i, e := range xs {
		parts[i] = scalar(e)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
