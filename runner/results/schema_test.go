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
		if names[e.Name] || e.Name == "" || e.Doc == "" || len(e.Tables) == 0 {
			t.Errorf("experiment %q: duplicate, unnamed, undocumented or without tables", e.Name)
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
	if got := ExperimentNames(); len(got) != 9 || got[0] != "function-fit" || got[8] != "sensitivity" {
		t.Errorf("experiment order: %v", got)
	}
}

func TestCheck(t *testing.T) {
	ok := MinRatioPoints.New(false)
	if err := ok.Append(1, 0.5, 1e-5, 0.4, -0.1, 3.0, 20, 100, 3, true); err != nil {
		t.Fatal(err)
	}
	if err := MinRatioPoints.Check(ok); err != nil {
		t.Fatalf("a good table fails: %v", err)
	}
	for name, tb := range map[string]*table.Table{
		"renamed column": {Columns: append([]string{"runs"}, ok.Columns[1:]...), Rows: ok.Rows},
		"missing column": {Columns: ok.Columns[:9], Rows: [][]string{ok.Rows[0][:9]}},
		"not a number":   {Columns: ok.Columns, Rows: [][]string{append([]string{"1", "x"}, ok.Rows[0][2:]...)}},
		"not a bool":     {Columns: ok.Columns, Rows: [][]string{append(append([]string{}, ok.Rows[0][:9]...), "yes")}},
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
