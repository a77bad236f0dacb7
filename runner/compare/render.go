package compare

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// Summary is one line for an experiment: agrees or differs, and why.
func (d ExperimentDiff) Summary() string {
	if d.Skipped != "" {
		return d.Skipped
	}
	count := map[Verdict]int{}
	for _, t := range d.Tables {
		count[t.Verdict]++
	}
	var parts []string
	for _, v := range []Verdict{Identical, Within, Different, Missing} {
		if count[v] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[v], v))
		}
	}
	line := "tables: " + strings.Join(parts, ", ")
	if len(parts) == 0 {
		line = "tables: none to compare"
	}
	if d.SeedTablesSkipped {
		line += " (aggregates only: a record keeps no seed's tables)"
	}
	differ := 0
	for _, f := range d.Findings {
		if !f.Same {
			differ++
		}
	}
	switch {
	case d.FindingsError != "":
		line += "; findings not compared: " + d.FindingsError
	case differ > 0:
		line += fmt.Sprintf("; findings: %d of %d with another verdict", differ, len(d.Findings))
	default:
		line += fmt.Sprintf("; findings: all %d the same", len(d.Findings))
	}
	return line
}

// WriteText writes the comparison for a terminal: a line per experiment,
// then the differing tables (with their largest differences) and findings.
func WriteText(w io.Writer, r *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s against %s; numbers equal within %s\n", r.A, r.B, r.Tolerance)
	agree := 0
	for _, e := range r.Experiments {
		verdict := "differs"
		if e.Agrees() {
			verdict, agree = "agrees", agree+1
		}
		fmt.Fprintf(&b, "%-17s %-8s %s\n", e.Name, verdict, e.Summary())
		if e.WhereA != "" && e.WhereA != e.WhereB {
			fmt.Fprintf(&b, "    ran on %s against %s\n", e.WhereA, e.WhereB)
		}
		for _, t := range e.Tables {
			if t.Verdict == Identical || t.Verdict == Within {
				continue
			}
			fmt.Fprintf(&b, "    %s: %s (%s)\n", t.File, t.Verdict, t.Reason)
			for _, c := range t.Worst {
				fmt.Fprintf(&b, "      %s at %s: %s against %s%s\n", c.Column, c.Row, c.A, c.B, relText(c.Rel))
			}
		}
		for _, f := range e.Findings {
			if !f.Same {
				fmt.Fprintf(&b, "    finding %q: %s against %s\n", f.A.Statement, verdictText(f.A.Agrees, f.A.Robustness), verdictText(f.B.Agrees, f.B.Robustness))
			}
		}
	}
	fmt.Fprintf(&b, "%d of %d experiments agree\n", agree, len(r.Experiments))
	_, err := io.WriteString(w, b.String())
	return err
}

// String states the tolerance in words.
func (tol Tolerance) String() string {
	if tol.Rel == 0 && tol.Abs == 0 {
		return "nothing (byte for byte)"
	}
	return fmt.Sprintf("a relative %g (and an absolute %g)", tol.Rel, tol.Abs)
}

func relText(rel float64) string {
	if rel > 1e300 {
		return ""
	}
	return fmt.Sprintf(" (relative %.2g)", rel)
}

func verdictText(agrees, robustness string) string {
	if robustness == "" {
		return agrees
	}
	return agrees + " (" + robustness + ")"
}

var page = template.Must(template.New("compare").Funcs(template.FuncMap{"rel": relText, "verdict": verdictText}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>hw1 compare</title>
<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}.agrees{color:#176117}.differs{color:#a11}</style></head>
<body><h1>hw1 compare</h1>
<p><b>A</b> {{.A}}<br><b>B</b> {{.B}}<br>Numbers count as equal within {{.Tolerance}}.</p>
<table><tr><th>experiment</th><th>verdict</th><th>summary</th></tr>
{{range .Experiments}}<tr><td>{{.Name}}</td>{{if .Agrees}}<td class="agrees">agrees</td>{{else}}<td class="differs">differs</td>{{end}}<td>{{.Summary}}{{if ne .WhereA .WhereB}}<br>ran on {{.WhereA}} against {{.WhereB}}{{end}}</td></tr>
{{end}}</table>
{{range .Experiments}}{{if not .Agrees}}<h2>{{.Name}}</h2>
{{range .Tables}}{{if or (eq .Verdict "different") (eq .Verdict "missing")}}<p><b>{{.File}}</b>: {{.Verdict}} ({{.Reason}})</p>{{if .Worst}}<table><tr><th>column</th><th>row</th><th>A</th><th>B</th></tr>{{range .Worst}}<tr><td>{{.Column}}</td><td>{{.Row}}</td><td>{{.A}}</td><td>{{.B}}{{rel .Rel}}</td></tr>{{end}}</table>{{end}}{{end}}{{end}}
{{if .Findings}}<table><tr><th>finding (A)</th><th>A</th><th>B</th></tr>{{range .Findings}}{{if not .Same}}<tr><td>{{.A.Statement}}</td><td>{{verdict .A.Agrees .A.Robustness}}</td><td>{{verdict .B.Agrees .B.Robustness}}</td></tr>{{end}}{{end}}</table>{{end}}
{{end}}{{end}}</body></html>
`))

// WriteHTML writes the comparison as a page a grader can read.
func WriteHTML(w io.Writer, r *Result) error {
	return page.Execute(w, r)
}
