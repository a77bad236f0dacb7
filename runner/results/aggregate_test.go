package results

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/table"
)

// A hand-checked aggregate of three seeds of sensitivity's results: batch
// 10 in all three, batch 100 in two.
func TestAggregateByHand(t *testing.T) {
	seed := func(rows ...[]any) *table.Table {
		tb := SensitivityResults.New(false)
		for _, r := range rows {
			if err := tb.Append(r...); err != nil {
				t.Fatal(err)
			}
		}
		return tb
	}
	// batch, train_loss, train_acc, test_loss, test_acc, sensitivity, loss_grad_norm, sharpness, epochs, steps
	a := seed([]any{10, 0.1, 0.9, 0.2, 0.8, 1.0, 2.0, 0.5, 1.0, 100}, []any{100, 0.3, 0.7, 0.4, 0.6, 3.0, 4.0, 0.1, 1.0, 10})
	b := seed([]any{10, 0.3, 0.9, 0.2, 0.8, 2.0, 2.0, 0.5, 1.0, 100})
	c := seed([]any{100, 0.5, 0.7, 0.4, 0.6, 5.0, 4.0, 0.1, 1.0, 10}, []any{10, 0.2, 0.9, 0.2, 0.8, 3.0, 2.0, 0.5, 1.0, 100})
	agg, err := SensitivityResults.Aggregate([]*table.Table{a, b, c})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(SensitivityResults.AggregateColumns(), ",")
	if got := strings.Join(agg.Columns, ","); got != want {
		t.Fatalf("columns %s, want %s", got, want)
	}
	cell := func(row int, col string) string {
		i, err := agg.Col(col)
		if err != nil {
			t.Fatal(err)
		}
		return agg.Rows[row][i]
	}
	// Keys in order of first appearance: 10 (seed a), then 100.
	if cell(0, ColBatchSize) != "10" || cell(1, ColBatchSize) != "100" {
		t.Fatalf("row order %v", agg.Rows)
	}
	// train_loss of batch 10: 0.1, 0.3, 0.2 -> mean 0.2, sample std 0.1.
	// sensitivity of batch 100: 3 and 5 -> mean 4, std sqrt(2), min 3, max 5, n 2.
	checks := []struct {
		row       int
		col, want string
	}{
		{0, "train_loss_mean", "0.2"}, {0, "train_loss_std", "0.1"}, {0, "train_loss_min", "0.1"},
		{0, "train_loss_max", "0.3"}, {0, ColN, "3"}, {0, "sensitivity_mean", "2"}, {0, "sensitivity_std", "1"},
		{1, "sensitivity_mean", "4"}, {1, "sensitivity_std", "1.4142135623730951"}, {1, "sensitivity_min", "3"},
		{1, "sensitivity_max", "5"}, {1, ColN, "2"}, {1, "steps_std", "0"},
	}
	for _, c := range checks {
		got, err1 := strconv.ParseFloat(cell(c.row, c.col), 64)
		want, err2 := strconv.ParseFloat(c.want, 64)
		if err1 != nil || err2 != nil || math.Abs(got-want) > 1e-12 {
			t.Errorf("row %d %s = %v, want %s", c.row, c.col, got, c.want)
		}
	}
}

func TestAggregateRefuses(t *testing.T) {
	if _, err := WeightPCASnapshots.Aggregate([]*table.Table{WeightPCASnapshots.New(false)}); err == nil {
		t.Error("PCA snapshots aggregated, but their axes differ per seed")
	}
	if _, err := SensitivityResults.Aggregate(nil); err == nil {
		t.Error("aggregate of no seeds")
	}
	bad := &table.Table{Columns: []string{"batch"}, Rows: [][]string{{"1"}}}
	if _, err := SensitivityResults.Aggregate([]*table.Table{bad}); err == nil {
		t.Error("a table that does not match the schema was aggregated")
	}
}

// A table of key columns only counts its seeds; a true/false cell is not
// a number (no aggregated table has a true/false value column).
func TestAggregateKeysOnlyAndNumbers(t *testing.T) {
	m := FunctionFitModels.New(false)
	if err := m.Append("deep", 7, 568); err != nil {
		t.Fatal(err)
	}
	agg, err := FunctionFitModels.Aggregate([]*table.Table{m, m})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(agg.Rows[0], ","); got != "deep,7,568,2" {
		t.Errorf("keys-only aggregate row %s, want deep,7,568,2", got)
	}
	if x, err := number("-1.5e-3"); err != nil || x != -1.5e-3 {
		t.Errorf("-1.5e-3 reads as %v, %v", x, err)
	}
	for _, cell := range []string{"true", "yes", ""} {
		if _, err := number(cell); err == nil {
			t.Errorf("%q read as a number", cell)
		}
	}
	for _, e := range Experiments() {
		for _, tb := range e.Tables {
			for _, c := range tb.Columns {
				if tb.Aggregated() && !c.Key && c.Kind == Bool {
					t.Errorf("%s/%s: aggregated table with the true/false value column %s, which number cannot read", e.Name, tb.File, c.Name)
				}
			}
		}
	}
}

// Non-finite values are left out of the statistics whatever the seeds'
// order, n still counts every seed that holds the key, the standard
// deviation of one value is NaN, and no finite value gives NaN throughout.
func TestAggregateNonFinite(t *testing.T) {
	seed := func(loss string) *table.Table {
		tb := GradNormHistory.New(false)
		if err := tb.Append(1, 1, loss, "NaN"); err != nil {
			t.Fatal(err)
		}
		return tb
	}
	a, b, c := seed("NaN"), seed("2"), seed("+Inf")
	want := "1,1,2,NaN,2,2,NaN,NaN,NaN,NaN,3"
	for _, order := range [][]*table.Table{{a, b, c}, {b, a, c}, {c, b, a}} {
		agg, err := GradNormHistory.Aggregate(order)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(agg.Rows[0], ","); got != want {
			t.Errorf("aggregate row %s, want %s (columns %v)", got, want, agg.Columns)
		}
	}
}
