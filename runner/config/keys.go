package config

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Key describes one settable field of a configuration.
type Key struct {
	Name    string   `json:"name"`              // the json name, used in --set Name=Value
	Type    string   `json:"type"`              // string, bool, int, int64, uint64, float64, []int, []float64 or duration
	Value   string   `json:"value"`             // the current value, in the form --set accepts
	Choices []string `json:"choices,omitempty"` // allowed values, or nil for any
	Zero    string   `json:"zero,omitempty"`    // what 0 means for this key (tag zero:"..."), or "" where 0 is a plain number
}

// Keys lists the settable keys of cfg (a struct or a pointer to one), sorted
// by name. Fields tagged set:"-" are left out. Keys panics if cfg is not a
// struct with only supported field types: that is a mistake in the program,
// which Apply reports as an error.
func Keys(cfg any) []Key {
	v, err := structValue(cfg, false)
	if err != nil {
		panic(err)
	}
	fs, err := fields(v.Type())
	if err != nil {
		panic(err)
	}
	return keys(v, fs)
}

func keys(v reflect.Value, fs []field) []Key {
	var out []Key
	// fs comes fresh from fields on every call, so its choices can be
	// handed out: a caller that changes them changes no rule.
	for _, f := range fs {
		if !f.settable {
			continue
		}
		out = append(out, Key{Name: f.name, Type: typeNames[f.kind],
			Value: format(f.kind, v.FieldByIndex(f.index)), Choices: f.choices, Zero: f.zero})
	}
	slices.SortFunc(out, func(a, b Key) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// keyList is the key list that usage errors show, one key per line.
func keyList(v reflect.Value, fs []field) string {
	var b strings.Builder
	for _, k := range keys(v, fs) {
		typ := k.Type
		if k.Choices != nil {
			typ = "one of " + strings.Join(k.Choices, "|")
		}
		fmt.Fprintf(&b, "  %s=%s (%s)\n", k.Name, k.Value, typ)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// format prints v so that parse reads it back unchanged.
func format(k kind, v reflect.Value) string {
	switch k {
	case kString:
		return v.String()
	case kBool:
		return strconv.FormatBool(v.Bool())
	case kInt, kInt64:
		return strconv.FormatInt(v.Int(), 10)
	case kUint64:
		return strconv.FormatUint(v.Uint(), 10)
	case kFloat64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case kDuration:
		return time.Duration(v.Int()).String()
	case kInts, kFloats:
		parts := make([]string, v.Len())
		for i := range parts {
			if k == kInts {
				parts[i] = strconv.FormatInt(v.Index(i).Int(), 10)
			} else {
				parts[i] = strconv.FormatFloat(v.Index(i).Float(), 'g', -1, 64)
			}
		}
		return strings.Join(parts, ",")
	}
	return ""
}
