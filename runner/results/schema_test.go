package results

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/table"
)

var update = flag.Bool("update", false, "rewrite docs/TABLES.md from the schema")

// The repository's table docs are the schema's rendering.
func TestTablesDocMatchesSchema(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "TABLES.md")
	want := Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s", path)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./runner/results -update' to write it)", err)
	}
	if string(got) != want {
		t.Fatalf("%s differs from the schema: run 'go test ./runner/results -update' and commit it", path)
	}
}

func TestSchemaIsWellFormed(t *testing.T) {
	names := map[string]bool{}
	for _, e := range Experiments() {
		if names[e.Name] || e.Name == "" || len(e.Tables) == 0 {
			t.Errorf("experiment %q: duplicate, unnamed or without tables", e.Name)
		}
		names[e.Name] = true
		files := map[string]bool{}
		for _, tb := range e.Tables {
			if files[tb.File] || !strings.HasSuffix(tb.File, ".csv") || tb.Doc == "" {
				t.Errorf("%s/%s: duplicate file, not .csv, or no doc", e.Name, tb.File)
			}
			files[tb.File] = true
			if len(tb.Keys()) == 0 {
				t.Errorf("%s/%s: needs a key column", e.Name, tb.File)
			}
			if tb.Sweep && !tb.Columns[0].Key {
				t.Errorf("%s/%s: a sweep table's first column must be its run key", e.Name, tb.File)
			}
			cols := map[string]bool{}
			optional := false
			for _, c := range tb.Columns {
				if cols[c.Name] || c.Doc == "" || c.Kind == "" {
					t.Errorf("%s/%s: column %q duplicate or undocumented", e.Name, tb.File, c.Name)
				}
				cols[c.Name] = true
				if optional && !c.Optional {
					t.Errorf("%s/%s: optional columns must come last", e.Name, tb.File)
				}
				optional = optional || c.Optional
			}
		}
	}
	// The homework's nine come first, in the homework's order.
	homework := "function-fit,mnist-depth,weight-pca,grad-norm,min-ratio,random-labels,param-count,interpolation,sensitivity"
	if got := ExperimentNames(); len(got) < 9 || strings.Join(got[:9], ",") != homework {
		t.Errorf("experiment order: %v, want %s first", got, homework)
	}
}

func TestCheck(t *testing.T) {
	ok := MinRatioPoints.New(false)
	if err := ok.Append(1, 0.5, 1e-5, 0.4, -0.1, 3.0, 20, 100, 3, true, 0.6, 3e-6, 1e-9); err != nil {
		t.Fatal(err)
	}
	if err := MinRatioPoints.Check(ok); err != nil {
		t.Fatalf("a good table fails: %v", err)
	}
	for name, tb := range map[string]*table.Table{
		"renamed column": {Columns: append([]string{"runs"}, ok.Columns[1:]...), Rows: ok.Rows},
		"missing column": {Columns: ok.Columns[:9], Rows: [][]string{ok.Rows[0][:9]}},
		"not a number":   {Columns: ok.Columns, Rows: [][]string{append([]string{"1", "x"}, ok.Rows[0][2:]...)}},
		"not a bool":     {Columns: ok.Columns, Rows: [][]string{append(append(append([]string{}, ok.Rows[0][:9]...), "yes"), ok.Rows[0][10:]...)}},
		"repeated run":   {Columns: ok.Columns, Rows: [][]string{ok.Rows[0], ok.Rows[0]}},
		"short row":      {Columns: ok.Columns, Rows: [][]string{ok.Rows[0][:3]}},
	} {
		if err := MinRatioPoints.Check(tb); err == nil {
			t.Errorf("%s: Check passed", name)
		}
	}
	// Optional columns: all or none.
	with := WeightPCASnapshots.New(true)
	without := WeightPCASnapshots.New(false)
	if len(with.Columns) != len(without.Columns)+1 {
		t.Fatalf("optional column: %v vs %v", with.Columns, without.Columns)
	}
	if WeightPCASnapshots.Check(with) != nil || WeightPCASnapshots.Check(without) != nil {
		t.Error("weight-pca with or without acc must pass")
	}
}

func TestColumnDiff(t *testing.T) {
	spec := WeightPCASnapshots
	cols := spec.Names(false)
	for _, c := range []struct {
		have []string
		want string
	}{
		{cols, ""},
		{spec.Names(true), ""},
		{append(append([]string{}, cols[1:]...), "runs"), `no column "run"; column "runs" is not in the schema`},
		{append([]string{cols[1], cols[0]}, cols[2:]...), "columns out of order, repeated, or only some of the optional ones"},
	} {
		if got := spec.ColumnDiff(c.have); got != c.want {
			t.Errorf("ColumnDiff(%v) = %q, want %q", c.have, got, c.want)
		}
	}
}

// TestSchemaHoldsTheSpecifiedColumns states the homework specification's
// tables by hand (the nine experiments' original specification): each
// table's columns begin with these, in this order; more may follow.
func TestSchemaHoldsTheSpecifiedColumns(t *testing.T) {
	spec := map[string]map[string]string{
		"function-fit": {"models.csv": "model,hidden_layers,params", "loss.csv": "function,model,epoch,loss",
			"predictions.csv": "function,model,x,y_true,y_pred"},
		"mnist-depth": {"models.csv": "model,conv_layers,dense_layers,params",
			"history.csv": "model,epoch,train_loss,train_acc,test_loss,test_acc"},
		"weight-pca":    {"snapshots.csv": "run,epoch,loss,scope,pc1,pc2"},
		"grad-norm":     {"history.csv": "step,epoch,loss,grad_norm"},
		"min-ratio":     {"points.csv": "run,loss,grad_norm,min_ratio,min_eigenvalue,max_eigenvalue,near_zero"},
		"random-labels": {"history.csv": "epoch,train_loss,train_acc,test_loss,test_acc"},
		"param-count":   {"results.csv": "model,params,train_loss,train_acc,test_loss,test_acc"},
		"interpolation": {"curve.csv": "pair,alpha,train_loss,train_acc,test_loss,test_acc"},
		"sensitivity":   {"results.csv": "batch_size,train_loss,train_acc,test_loss,test_acc,sensitivity,loss_grad_norm,sharpness"},
		// Issue #15.
		"loss-surface": {"surface.csv": "model,a,b,train_loss", "trajectory.csv": "model,epoch,pc1,pc2,loss"},
		"hessian-spectrum": {"eigenvalues.csv": "model,index,eigenvalue,method", "density.csv": "model,lambda,density",
			"summary.csv": "model,params,top_eigenvalue,trace,trace_stderr"},
	}
	for name, tables := range spec {
		e, ok := Lookup(name)
		if !ok {
			t.Errorf("the schema has no experiment %s", name)
			continue
		}
		for file, cols := range tables {
			tb, ok := e.Table(file)
			if !ok {
				t.Errorf("%s: the schema has no table %s", name, file)
				continue
			}
			want := strings.Split(cols, ",")
			got := tb.Names(false)
			if len(got) < len(want) || strings.Join(got[:len(want)], ",") != cols {
				t.Errorf("%s/%s: columns %v, want %v first", name, file, got, want)
			}
		}
	}
}
