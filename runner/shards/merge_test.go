package shards

import (
	"testing"

	"hw1/runner/table"
)

func TestKeyLessIsNatural(t *testing.T) {
	ordered := []string{"0", "2", "9", "10", "100", "cnn-w1", "cnn-w2", "cnn-w16", "mlp-w1", "mlp-w02", "mlp-w3", "x"}
	for i := range ordered {
		for j := range ordered {
			if got, want := keyLess(ordered[i], ordered[j]), i < j; got != want {
				t.Errorf("keyLess(%q, %q) = %v, want %v", ordered[i], ordered[j], got, want)
			}
		}
	}
}

// Repeats that agree are dropped wherever they stand, even after the
// table has been compacted past them (rows a, a, b, c, b).
func TestDedupeKeepsFirstRowsOfRepeats(t *testing.T) {
	tb := &table.Table{Columns: []string{"run", "loss"}, Rows: [][]string{{"a", "1"}, {"a", "1"}, {"b", "2"}, {"c", "3"}, {"b", "2"}}}
	from := []string{"s0", "s0", "s1", "s1", "s2"}
	if err := dedupe(tb, true, from); err != nil {
		t.Fatalf("agreeing repeats called a conflict: %v", err)
	}
	if len(tb.Rows) != 3 || tb.Rows[0][0] != "a" || tb.Rows[1][0] != "b" || tb.Rows[2][0] != "c" {
		t.Errorf("rows %v, want a, b, c", tb.Rows)
	}
	tb.Rows = append(tb.Rows, []string{"b", "9"})
	if err := dedupe(tb, true, []string{"s0", "s1", "s1", "s2"}); err == nil {
		t.Error("two different rows for run b merged")
	}
}
