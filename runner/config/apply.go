package config

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Apply sets fields of *cfg from "key=value" strings, in order (a later
// setting of the same key wins). Keys are the fields' json names; the value
// is everything after the first '='.
//
// Apply is all-or-nothing: if any setting is wrong, *cfg is left unchanged.
// Wrong settings give a *UsageError: an unknown key lists the valid keys with
// their current values, a bad value names the key, the value and what is
// expected. A configuration struct with a field --set cannot handle gives a
// plain error (a programming mistake), even when sets is empty.
func Apply(cfg any, sets []string) error {
	v, err := structValue(cfg, true)
	if err != nil {
		return err
	}
	fs, err := fields(v.Type())
	if err != nil {
		return err
	}
	work := reflect.New(v.Type()).Elem()
	work.Set(v)
	for _, s := range sets {
		if err := applyOne(work, fs, s); err != nil {
			return err
		}
	}
	v.Set(work)
	return nil
}

// applyOne applies one "key=value" to the working copy.
func applyOne(work reflect.Value, fs []field, set string) error {
	key, value, ok := strings.Cut(set, "=")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		return &UsageError{Msg: fmt.Sprintf("--set %q: want key=value, for example --set epochs=5; valid keys:\n%s",
			set, keyList(work, fs))}
	}
	i := slices.IndexFunc(fs, func(f field) bool { return f.name == key })
	if i < 0 {
		msg := fmt.Sprintf("--set %s: unknown key %q", set, key)
		if s := suggest(fs, key); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return &UsageError{Msg: msg + "; valid keys (current values):\n" + keyList(work, fs)}
	}
	f := fs[i]
	if !f.settable {
		return &UsageError{Msg: fmt.Sprintf("--set %s: key %q cannot be set with --set", set, key)}
	}
	dst := work.FieldByIndex(f.index)
	nv, err := parse(f, dst.Type(), value)
	if err != nil {
		e := &UsageError{Msg: fmt.Sprintf("--set %s: bad value %q for key %q: %v", set, value, key, err)}
		if f.kind == kInt || f.kind == kInt64 || f.kind == kFloat64 {
			e.BadNumber = key
		}
		return e
	}
	dst.Set(nv)
	return nil
}

// parse turns text into a new value of type t (of kind f.kind). Slices are
// always newly allocated, so the original configuration shares nothing with
// a failed working copy.
func parse(f field, t reflect.Type, text string) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if f.kind != kString {
		text = strings.TrimSpace(text)
	}
	switch f.kind {
	case kString:
		if f.choices != nil && !slices.Contains(f.choices, text) {
			return v, fmt.Errorf("want one of %s", strings.Join(f.choices, ", "))
		}
		v.SetString(text)
	case kBool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return v, fmt.Errorf("want true or false")
		}
		v.SetBool(b)
	case kInt, kInt64:
		n, err := parseInt(text, t.Bits())
		if err != nil {
			return v, err
		}
		v.SetInt(n)
	case kUint64:
		n, err := strconv.ParseUint(text, 10, 64)
		if err != nil {
			return v, fmt.Errorf("want a whole number from 0 to %d", uint64(math.MaxUint64))
		}
		v.SetUint(n)
	case kFloat64:
		x, err := parseFloat(text)
		if err != nil {
			return v, err
		}
		v.SetFloat(x)
	case kDuration:
		d, err := time.ParseDuration(text)
		if err != nil {
			return v, fmt.Errorf("want a duration such as 90s, 1m30s or 2h")
		}
		v.SetInt(int64(d))
	case kInts, kFloats:
		return parseList(f.kind, t, text)
	}
	return v, nil
}

// parseList parses a comma-separated list; the empty text is the empty list.
func parseList(k kind, t reflect.Type, text string) (reflect.Value, error) {
	var parts []string
	if text != "" {
		parts = strings.Split(text, ",")
	}
	v := reflect.MakeSlice(t, len(parts), len(parts))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		var err error
		if k == kInts {
			var n int64
			n, err = parseInt(p, t.Elem().Bits())
			v.Index(i).SetInt(n)
		} else {
			var x float64
			x, err = parseFloat(p)
			v.Index(i).SetFloat(x)
		}
		if err != nil {
			return v, fmt.Errorf("item %d (%q): %v; write a comma-separated list such as %s",
				i+1, p, err, map[kind]string{kInts: "64,1024", kFloats: "0.1,0.01"}[k])
		}
	}
	return v, nil
}

func parseInt(text string, bits int) (int64, error) {
	n, err := strconv.ParseInt(text, 10, bits)
	if err != nil {
		return 0, fmt.Errorf("want a whole number from %d to %d", int64(-1)<<(bits-1), int64(^uint64(0)>>(65-bits)))
	}
	return n, nil
}

// parseFloat rejects NaN and infinities: they cannot be saved in the
// manifest's JSON and make no sense as settings.
func parseFloat(text string) (float64, error) {
	x, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("want a finite number such as 0.01 or 1e-3")
	}
	return x, nil
}

// suggest returns the key the user probably meant: the same up to case and
// '-' versus '_'.
func suggest(fs []field, key string) string {
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "-", "_")) }
	var names []string
	for _, f := range fs {
		if f.settable && norm(f.name) == norm(key) {
			return f.name
		}
		if f.settable {
			names = append(names, f.name)
		}
	}
	return Suggest(key, names)
}
