package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
)

// TestCountVerdicts: every verdict is counted in its own column, so that
// n/a, partly and no are never read as agreement.
func TestCountVerdicts(t *testing.T) {
	s := section{Ran: true, Findings: []Finding{
		{Agrees: AgreesYes}, {Agrees: AgreesYes}, {Agrees: AgreesPartly}, {Agrees: AgreesNo}, {Agrees: AgreesNA}, {Agrees: AgreesNA}, {Agrees: AgreesNA},
	}}
	want := verdictCounts{Yes: 2, Partly: 1, No: 1, NA: 3, All: 7}
	if got := countVerdicts(s); got != want {
		t.Errorf("countVerdicts = %+v, want %+v", got, want)
	}
	if got := countVerdicts(section{}); got.Note != "not run" || got.All != 0 {
		t.Errorf("not run: %+v", got)
	}
	if got := countVerdicts(section{Ran: true, FindingsError: "x"}); got.Note != "no findings" || got.All != 0 {
		t.Errorf("findings error: %+v", got)
	}
	if got := want.add(want); got != (verdictCounts{Yes: 4, Partly: 2, No: 2, NA: 6, All: 14}) {
		t.Errorf("add = %+v", got)
	}
}

// TestStatusesTableCounts: the run summary's table has one column per
// verdict, each row's cells are the counts of its section's findings, and
// the last row sums them.
func TestStatusesTableCounts(t *testing.T) {
	dir := fakeRun(t)
	if err := os.RemoveAll(filepath.Join(dir, results.MinRatio)); err != nil {
		t.Fatal(err)
	}
	doc, _ := writeAndParse(t, dir)
	var table *node
	for _, tb := range doc.tag("table") {
		if tb.attr["class"] == "statuses" {
			table = tb
		}
	}
	if table == nil {
		t.Fatal("no statuses table")
	}
	head := table.tag("tr")[1].text.String()
	for _, s := range []string{"yes: agree", "partly", "no: disagree", "n/a: describe the run", "all"} {
		if !strings.Contains(head, s) {
			t.Errorf("statuses table header %q lacks %q", head, s)
		}
	}
	if strings.Contains(table.text.String(), "agreeing") {
		t.Error("statuses table still calls every finding agreeing")
	}
	rows := map[string][]string{}
	var total []string
	for _, tr := range table.tag("tr")[2:] {
		var cells []string
		for _, td := range tr.tag("td") {
			cells = append(cells, td.text.String())
		}
		if tr.attr["class"] == "total" {
			total = cells
			continue
		}
		name := strings.Fields(cells[0])[1]
		rows[name] = cells[3:]
	}
	var sum verdictCounts
	for _, name := range results.ExperimentNames() {
		if name == results.MinRatio {
			if got := strings.Join(rows[name], "|"); got != "not run" {
				t.Errorf("%s: cells %q, want one 'not run'", name, got)
			}
			continue
		}
		found, err := folderFindings(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		c := countVerdicts(section{Ran: true, Findings: found})
		sum = sum.add(c)
		want := fmt.Sprintf("%d|%d|%d|%d|%d", c.Yes, c.Partly, c.No, c.NA, c.All)
		if got := strings.Join(rows[name], "|"); got != want {
			t.Errorf("%s: counts %q, want %q (yes|partly|no|n/a|all)", name, got, want)
		}
	}
	if sum.NA == 0 || sum.Yes == 0 {
		t.Fatalf("the fake run should have findings of both yes and n/a: %+v", sum)
	}
	want := fmt.Sprintf("%d|%d|%d|%d|%d", sum.Yes, sum.Partly, sum.No, sum.NA, sum.All)
	if got := strings.Join(total, "|"); got != want {
		t.Errorf("total row %q, want %q", got, want)
	}
}
