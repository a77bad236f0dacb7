package config

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// kind is how a field's text is parsed and printed.
type kind int

const (
	kString kind = iota
	kBool
	kInt
	kInt64
	kUint64
	kFloat64
	kInts
	kFloats
	kDuration
)

// typeNames are the Key.Type of each kind.
var typeNames = [...]string{
	kString: "string", kBool: "bool", kInt: "int", kInt64: "int64", kUint64: "uint64",
	kFloat64: "float64", kInts: "[]int", kFloats: "[]float64", kDuration: "duration",
}

// field is one key of a configuration struct.
type field struct {
	name     string
	index    []int // reflect.Value.FieldByIndex path
	kind     kind
	choices  []string // allowed values of a string field, or nil
	settable bool     // false for set:"-"
	zero     string   // what the value 0 means (tag zero:"..."), or ""
}

var durationType = reflect.TypeOf(time.Duration(0))

// structValue returns the struct cfg points to (or is, if addressable is
// false).
func structValue(cfg any, addressable bool) (reflect.Value, error) {
	v := reflect.ValueOf(cfg)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}, fmt.Errorf("config: nil %T; pass a pointer to the configuration struct", cfg)
		}
		v = v.Elem()
	} else if addressable {
		return reflect.Value{}, fmt.Errorf("config: got %T; pass a pointer to the configuration struct", cfg)
	}
	if v.Kind() != reflect.Struct {
		return reflect.Value{}, fmt.Errorf("config: got %T; the configuration must be a struct", cfg)
	}
	return v, nil
}

// fields lists the keys of struct type t, in field order, or reports a
// field that cannot be a key (a mistake in the configuration struct, not
// in the user's input).
func fields(t reflect.Type) ([]field, error) {
	var out []field
	if err := collect(t, nil, &out); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, f := range out {
		if seen[f.name] {
			return nil, fmt.Errorf("config %s: two fields have the key %q; rename one json tag", t, f.name)
		}
		seen[f.name] = true
	}
	return out, nil
}

func collect(t reflect.Type, prefix []int, out *[]field) error {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		jsonTag, hasJSON := sf.Tag.Lookup("json")
		name, _, _ := strings.Cut(jsonTag, ",")
		if !sf.IsExported() || name == "-" && jsonTag == "-" {
			continue
		}
		if sf.Anonymous && !hasJSON && sf.Type.Kind() == reflect.Struct {
			if err := collect(sf.Type, index, out); err != nil {
				return err
			}
			continue
		}
		if name == "" {
			name = sf.Name
		}
		setTag := sf.Tag.Get("set")
		f := field{name: name, index: index, settable: setTag != "-", zero: sf.Tag.Get("zero")}
		k, ok := kindOf(sf.Type)
		if !ok {
			if !f.settable {
				*out = append(*out, f) // known, so Apply can say it cannot be set
				continue
			}
			return fmt.Errorf("config %s: field %s has type %s, which --set cannot parse; use a supported type or tag it set:\"-\"",
				t, sf.Name, sf.Type)
		}
		f.kind = k
		if f.settable && setTag != "" {
			if k != kString {
				return fmt.Errorf("config %s: field %s has choices %q but type %s; choices need a string field",
					t, sf.Name, setTag, sf.Type)
			}
			f.choices = strings.Split(setTag, "|")
		}
		*out = append(*out, f)
	}
	return nil
}

func kindOf(t reflect.Type) (kind, bool) {
	if t == durationType {
		return kDuration, true
	}
	switch t.Kind() {
	case reflect.String:
		return kString, true
	case reflect.Bool:
		return kBool, true
	case reflect.Int:
		return kInt, true
	case reflect.Int64:
		return kInt64, true
	case reflect.Uint64:
		return kUint64, true
	case reflect.Float64:
		return kFloat64, true
	case reflect.Slice:
		switch t.Elem().Kind() {
		case reflect.Int:
			return kInts, true
		case reflect.Float64:
			return kFloats, true
		}
	}
	return 0, false
}
