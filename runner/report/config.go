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
