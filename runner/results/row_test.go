package results

import (
	"strings"
	"testing"

	"hw1/runner/table"
)

// historyRow is a row of mnist-depth's history after an epoch of training.
func historyRow() Row {
	return Row{ColModel: "deep", ColEpoch: 1, ColTrainLoss: 2.3, ColTrainAcc: 0.11, ColTestLoss: 2.29, ColTestAcc: 0.12}
}

// Append lays a row out in the schema's order, whatever order it is
// written in.
func TestAppendByName(t *testing.T) {
	tb := MNISTDepthHistory.New(false)
	if err := MNISTDepthHistory.Append(tb, historyRow()); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(tb.Rows[0], ","), "deep,1,2.3,0.11,2.29,0.12"; got != want {
		t.Errorf("row %s, want %s", got, want)
	}
	if err := MNISTDepthHistory.Check(tb); err != nil {
		t.Errorf("the appended table fails the check: %v", err)
	}
	// Optional columns: the table's columns say whether the row has them.
	snap := Row{ColRun: 0, ColEpoch: 0, ColLoss: 2.3, ColScope: ScopeModel, ColPC1: -1.5, ColPC2: 0.25}
	without := WeightPCASnapshots.New(false)
	if err := WeightPCASnapshots.Append(without, snap); err != nil {
		t.Fatal(err)
	}
	with := WeightPCASnapshots.New(true)
	snap[ColAcc] = 0.1
	if err := WeightPCASnapshots.Append(with, snap); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(with.Rows[0], ","), "0,0,2.3,model,-1.5,0.25,0.1"; got != want {
		t.Errorf("row %s, want %s", got, want)
	}
}

// A row that misses a column, names one the table does not have, or goes
// to a table of other columns fails, naming the table and the columns, and
// leaves the table as it was.
func TestAppendRejectsWrongColumns(t *testing.T) {
	missing := historyRow()
	delete(missing, ColTrainAcc)
	unknown := historyRow()
	unknown["train_accuracy"] = 0.5
	snap := Row{ColRun: 0, ColEpoch: 0, ColLoss: 2.3, ColScope: ScopeModel, ColPC1: -1.5, ColPC2: 0.25, ColAcc: 0.1}
	for _, c := range []struct {
		name string
		spec Table
		tb   *table.Table
		row  Row
		want []string
	}{
		{"missing", MNISTDepthHistory, MNISTDepthHistory.New(false), missing, []string{"mnist-depth/history.csv", `no column "train_acc"`}},
		{"unknown", MNISTDepthHistory, MNISTDepthHistory.New(false), unknown, []string{"mnist-depth/history.csv", `column "train_accuracy" is not in the table`}},
		{"optional, not in the table", WeightPCASnapshots, WeightPCASnapshots.New(false), snap, []string{"weight-pca/snapshots.csv", `column "acc" is not in the table`}},
		{"other table", MNISTDepthHistory, RandomLabelsHistory.New(false), historyRow(), []string{"mnist-depth/history.csv", `no column "model"`}},
	} {
		err := c.spec.Append(c.tb, c.row)
		if err == nil {
			t.Errorf("%s: Append passed", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v, want it to say %s", c.name, err, w)
			}
		}
		if len(c.tb.Rows) != 0 {
			t.Errorf("%s: the failed row was appended", c.name)
		}
	}
}

// A row built by name with the values of two same-kind columns swapped
// fails as it is appended, naming the table and the column, when their
// meanings differ (a loss of 2.3 as the training accuracy).
func TestAppendRejectsSwappedValues(t *testing.T) {
	swapped := historyRow()
	swapped[ColTrainLoss], swapped[ColTrainAcc] = swapped[ColTrainAcc], swapped[ColTrainLoss]
	tb := MNISTDepthHistory.New(false)
	err := MNISTDepthHistory.Append(tb, swapped)
	if err == nil || !strings.Contains(err.Error(), "mnist-depth/history.csv: row 1, column train_acc: 2.3 is outside 0 to 1") {
		t.Errorf("Append of swapped train_loss and train_acc: %v", err)
	}
	if len(tb.Rows) != 0 {
		t.Error("the failed row was appended")
	}
}
