package report

import (
	"html/template"
	"strings"
)

// pageTemplate renders a page. It is self-contained: no scripts, fonts or
// style sheets from elsewhere; figures are data URIs. Void elements are
// self-closed so that the page also parses as XML.
var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"statusClass": cssClass,
	"agreeClass":  cssClass,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; line-height: 1.45; color: #222; background: #fff; max-width: 1100px; margin: 0 auto; padding: 1em 1.5em 4em; }
h1 { border-bottom: 2px solid #444; padding-bottom: .2em; }
h2.part { margin-top: 2.5em; color: #555; font-size: 1.1em; text-transform: uppercase; letter-spacing: .05em; }
section { border-top: 1px solid #ccc; margin-top: 2em; padding-top: .5em; }
table { border-collapse: collapse; margin: .6em 0 1em; font-size: .92em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.count { text-align: right; }
tr.total th, tr.total td { border-top: 2px solid #888; }
.legend { font-size: .9em; color: #444; max-width: 60em; }
table.findings td.agree { font-weight: bold; white-space: nowrap; }
.agree-yes { background: #e6f4e6; }
.agree-no { background: #fbe3e3; }
.agree-partly { background: #fff4d6; }
.agree-na { background: #f4f4f4; }
.rule { display: block; font-weight: normal; font-size: .85em; color: #555; white-space: normal; max-width: 16em; }
.question { font-style: italic; }
.status { font-weight: bold; }
.status-done { color: #1a6b1a; }
.status-failed, .status-interrupted, .status-unreadable { color: #a11; }
.status-running { color: #a60; }
.status-notrun { color: #777; }
.error { background: #fbe3e3; border-left: 4px solid #a11; padding: .5em .8em; white-space: pre-wrap; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
.notrun { background: #f4f4f4; border-left: 4px solid #999; padding: .5em .8em; }
figure { margin: 1em 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: .9em; color: #444; max-width: 60em; }
figcaption .file { color: #777; font-size: .9em; }
ul.settings { columns: 18em; column-gap: 2em; list-style: none; padding-left: 0; font-size: .92em; }
ul.settings li { break-inside: avoid; }
ul.settings code { color: #555; }
p.list-key { margin: .6em 0 .2em; font-weight: bold; }
ul.config-list { margin-top: 0; font-size: .92em; }
details.config-full summary { cursor: pointer; color: #1a4f8b; margin: .4em 0; }
dl.parts dt { font-weight: bold; margin-top: .6em; }
dl.parts dd { margin-left: 1.5em; }
dl.terms { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1em; font-size: .92em; }
dl.terms dt { font-weight: bold; }
dl.terms dd { margin: 0; }
td.differs { background: #fff4d6; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{with .Intro}}
<div id="about" class="intro">
<h2>What this report is</h2>
<p>HW1 is a deep-learning homework in three parts: deep vs shallow networks, the optimization process, and generalization. This report comes from hw1, which trains every experiment of the homework (and two further analyses) on TensorFlow, writes their results as tables, draws the figures from the tables and sums them up here.</p>
<dl class="parts">
{{- range .Parts}}
<dt>{{.Heading}}</dt>
<dd>{{.Asks}}<br />Experiments: {{range $i, $e := .Experiments}}{{if $i}}; {{end}}<a href="{{$e.Href}}">{{$e.Name}}</a> ({{$e.Detail}}){{end}}.</dd>
{{- end}}
</dl>
<h3>How to read it</h3>
<p>Each experiment has a section: the question it answers, its status, its figures (each captioned with what it shows), its configuration and its findings. A finding is computed by the report from the experiment's result tables alone and set beside what the literature, or the homework's own report, found; a rule, printed under each verdict, decides whether the two agree: <b>yes</b>, <b>partly</b> or <b>no</b>. A finding marked <b>n/a</b> describes the run and makes no claim to check. The run summary below counts the findings of each experiment by verdict. The tables behind every number are linked at the end of each section.</p>
{{- if .Profiles}}
<h3>The profile of this run</h3>
<ul class="profiles">
{{- range .Profiles}}
<li><b>{{.Key}}</b>: {{.Value}}.</li>
{{- end}}
</ul>
{{- if .Scale}}
<p>The settings that make an experiment big or small, in this run and in the homework (the profile full):</p>
<table class="scale">
<tr><th>Experiment</th><th>Setting</th><th>This run</th><th>The homework</th></tr>
{{- range .Scale}}
<tr>{{if .Span}}<td rowspan="{{.Span}}"><a href="#{{.Experiment}}">{{.Experiment}}</a>{{if .Beyond}} †{{end}}</td>{{end}}<td>{{.Setting}}</td><td class="count{{if .Differs}} differs{{end}}">{{.Run}}</td><td class="count">{{.Homework}}</td></tr>
{{- end}}
</table>
<p class="legend">Shaded: this run's value is not the homework's. † Beyond the homework: its column gives hw1's full profile. Every experiment's whole configuration is in its section.</p>
{{- end}}
{{- end}}
<details class="terms">
<summary>Terms used on this page</summary>
<dl class="terms">
{{- range .Terms}}
<dt>{{.Key}}</dt><dd>{{.Value}}</dd>
{{- end}}
</dl>
</details>
</div>
{{end}}
<h2 id="summary">Run summary</h2>
<table class="summary">
{{- range .Summary}}
<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
<table class="statuses">
<tr><th rowspan="2">Experiment</th><th rowspan="2">Status</th><th rowspan="2">Duration</th><th colspan="5">Findings, by verdict against the literature</th>{{if .OverSeeds}}<th rowspan="2">Findings over seeds</th>{{end}}</tr>
<tr><th>yes: agree</th><th>partly</th><th>no: disagree</th><th>n/a: describe the run</th><th>all</th></tr>
{{- $over := .OverSeeds}}
{{- range .Statuses}}
<tr><td><a href="#{{.ID}}">{{.Title}}</a></td><td>{{.Status}}</td><td>{{.Duration}}</td>
{{- with .Counts}}{{if .Note}}<td class="count" colspan="5">{{.Note}}</td>{{else}}<td class="count">{{.Yes}}</td><td class="count">{{.Partly}}</td><td class="count">{{.No}}</td><td class="count">{{.NA}}</td><td class="count">{{.All}}</td>{{end}}{{end}}
{{- if $over}}<td>{{.OverSeeds}}</td>{{end}}</tr>
{{- end}}
{{- with .Total}}
<tr class="total"><th colspan="3">all experiments</th><td class="count">{{.Yes}}</td><td class="count">{{.Partly}}</td><td class="count">{{.No}}</td><td class="count">{{.NA}}</td><td class="count">{{.All}}</td>{{if $over}}<td></td>{{end}}</tr>
{{- end}}
</table>
<p class="legend">Each finding is one number or comparison computed from the experiment's tables and set beside what the literature (or the homework) reports; a stated rule decides its verdict. <b>yes</b>: the data agree with the literature; <b>partly</b>: in part, or not in every seed; <b>no</b>: they disagree; <b>n/a</b>: the finding describes the run and makes no claim to check.{{if .OverSeeds}} Over seeds: <b>robust</b> findings reach the same verdict in every seed, <b>mixed</b> ones do not.{{end}}</p>
{{range .Sections}}
{{- if .PartHeading}}
<h2 class="part">{{.PartHeading}}</h2>
{{- end}}
<section id="{{.ID}}">
<h2>{{.Number}} {{.Title}} <code>{{.ID}}</code></h2>
<p class="question">{{.Question}}</p>
{{- if not .Ran}}
<p class="status status-notrun">Status: not run</p>
<p class="notrun">{{.NotRunReason}}</p>
{{- else}}
<p class="status status-{{.Status | statusClass}}">Status: {{.Status}} · duration {{.Duration}}</p>
{{- if .Error}}
<pre class="error">{{.Error}}</pre>
{{- end}}
{{- if .Notes}}
<ul class="notes">
{{- range .Notes}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}

<h3>Figures</h3>
{{- if .Figures}}
{{- range .Figures}}
<figure>
{{- if .Error}}
<p class="error">{{.Error}}</p>
{{- else}}
<img src="{{.Src}}" alt="{{.Name}}" />
{{- end}}
<figcaption><b>{{.Number}}.</b> {{.Caption}} <span class="file">(<a href="{{.PNG}}">{{.Name}}</a>{{if .SVG}}; <a href="{{.SVG}}">SVG</a>{{end}})</span></figcaption>
</figure>
{{- end}}
{{- else}}
<p>No figures in the folder.</p>
{{- end}}

<h3>Configuration</h3>
<table class="config run">
{{- range .Run}}
<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
{{- with .Compact}}
{{- range .Lists}}
<p class="list-key">{{.Key}}:</p>
<ul class="config-list">
{{- range .Items}}
<li><b>{{.Key}}</b>: {{.Value}}</li>
{{- end}}
</ul>
{{- end}}
{{- if .Settings}}
<ul class="settings">
{{- range .Settings}}
<li><code>{{.Key}}</code> = {{.Value}}</li>
{{- end}}
</ul>
{{- end}}
{{- end}}
{{- if .Config}}
<details class="config-full">
<summary>The whole configuration, flattened as the manifest holds it ({{len .Config}} keys)</summary>
<table class="config">
{{- range .Config}}
<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
</details>
{{- end}}
{{- with .Models}}
<table class="models">
<tr>{{range .Columns}}<th>{{.}}</th>{{end}}</tr>
{{- range .Rows}}
<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{- end}}
</table>
{{- end}}

<h3>Findings</h3>
{{- if .FindingsError}}
<p class="error">No findings: {{.FindingsError}}</p>
{{- end}}
{{- if .Findings}}
<table class="findings">
<tr><th>Our data</th><th>Literature</th><th>Agrees</th></tr>
{{- range .Findings}}
<tr><td>{{.Statement}}</td><td>{{.Literature}}</td><td class="agree agree-{{.Agrees | agreeClass}}">{{.Agrees}}{{if .Robustness}} ({{.Robustness}}){{end}}<span class="rule">{{.Rule}}</span></td></tr>
{{- end}}
</table>
{{- end}}

<h3>Tables</h3>
{{- range .TableErrors}}
<p class="error">{{.}}</p>
{{- end}}
{{- if .Tables}}
<ul class="tables">
{{- range .Tables}}
<li><a href="{{.Href}}">{{.Name}}</a>: {{.Detail}}</li>
{{- end}}
</ul>
{{- else}}
<p>No tables in the folder.</p>
{{- end}}
{{- end}}
</section>
{{end}}
</body>
</html>
`))

// cssClass turns a status or agreement ("not run", "n/a", "unreadable
// manifest") into a class-name suffix: the letters of its first word.
func cssClass(s string) string {
	if i := strings.Index(s, " manifest"); i > 0 {
		s = s[:i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
