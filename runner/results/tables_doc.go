package results

import (
	"fmt"
	"strings"
)

// Markdown renders the schema as the repository's table docs
// (docs/TABLES.md): every experiment, its tables and their columns.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# Result tables\n\n")
	b.WriteString("Generated from `runner/results` (the schema) by `go test ./runner/results -update`;\n")
	b.WriteString("a test fails when this file and the schema differ. Every experiment writes\n")
	b.WriteString("`OUT/<experiment>/manifest.json` and the tables below as CSV with a header row.\n")
	b.WriteString("Key columns say what a row is about; the others are measured. In a sweep\n")
	b.WriteString("table the first column is the run key: each key once, `--shard` splits the\n")
	b.WriteString("keys and `hw1 merge` joins shards by it.\n\n")
	b.WriteString("Over several seeds, an aggregated table has the key columns, then for every\n")
	b.WriteString("value column `<column>_mean`, `_std` (sample standard deviation), `_min` and\n")
	b.WriteString("`_max`, then `n`, the number of seeds that hold the row's key. The four are\n")
	b.WriteString("over the seeds' finite values (NaN and infinities are left out): `_std` is NaN\n")
	b.WriteString("when only one seed has a finite value, all four when none has.\n\n")
	b.WriteString("A numeric column's values say what its cells may hold (bounds included); a\n")
	b.WriteString("cell outside them, NaN included unless they allow it, fails the schema check\n")
	b.WriteString("that every table passes when it is written and read. A loss, a gradient norm\n")
	b.WriteString("or a network's output is NaN only when its training diverged; an accuracy\n")
	b.WriteString("never is. Experiments write their rows by column name (`results.Row`), laid\n")
	b.WriteString("out in the order below.\n")
	for _, e := range Experiments() {
		d, _ := Describe(e.Name)
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n", e.Name, upperFirst(d.Line()))
		for _, t := range e.Tables {
			fmt.Fprintf(&b, "\n### %s\n\n%s.", t.File, upperFirst(t.Doc))
			if t.Sweep {
				fmt.Fprintf(&b, " Sweep table, run key `%s`.", t.Columns[0].Name)
			}
			if t.Aggregated() {
				b.WriteString(" Aggregated over seeds.")
			} else {
				fmt.Fprintf(&b, " Not aggregated over seeds: %s.", t.NoAggregate)
			}
			b.WriteString("\n\n| column | kind | values | key | meaning |\n|---|---|---|---|---|\n")
			for _, c := range t.Columns {
				k := ""
				if c.Key {
					k = "key"
				}
				doc := c.Doc
				if c.Optional {
					doc += " (optional column)"
				}
				values := ""
				if c.Kind.numeric() {
					values = c.Range.String()
				}
				fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", c.Name, c.Kind, values, k, doc)
			}
		}
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
