package report

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"hw1/runner/results"
)

// page is what the HTML template renders.
type page struct {
	Title    string
	Summary  []kv
	Statuses []statusRow
	Sections []section
}

type statusRow struct {
	ID, Title, Status, Duration, Agreement string
}

// section is one experiment's part of the report.
type section struct {
	ID, Number, Title, PartHeading, Question string

	Ran          bool
	NotRunReason string
	Status       string
	Duration     string
	Error        string
	Notes        []string

	Figures       []figure
	Config        []kv
	Run           []kv
	Models        *grid
	Findings      []Finding
	FindingsError string
	Tables        []fileLink
	TableErrors   []string // schema tables missing (when done) or not matching the schema
}

// figure is one embedded PNG with a link to the SVG beside it.
type figure struct {
	Number, Caption, Name string
	Src                   template.URL // a data: URI built here from the PNG bytes
	SVG                   string       // relative link, empty when there is no SVG
	Error                 string
}

type grid struct {
	Columns []string
	Rows    [][]string
}

type fileLink struct{ Name, Href, Detail string }

// buildPage collects everything the report shows from the run directory.
// Problems with one experiment are shown in its section; those of
// experiments whose manifest says done are also returned, joined, each
// prefixed with the experiment's name.
func buildPage(dir string) (page, error) {
	p := page{Title: "hw1 — results report"}
	var manifests []*results.Manifest
	var problems []error
	lastPart := ""
	for i, e := range experiments() {
		s, m, errs := buildSection(dir, e, i+1)
		if e.part != lastPart {
			s.PartHeading = e.part
			lastPart = e.part
		}
		if m != nil {
			manifests = append(manifests, m)
		}
		for _, err := range errs {
			problems = append(problems, fmt.Errorf("%s: %w", e.Name, err))
		}
		p.Sections = append(p.Sections, s)
		p.Statuses = append(p.Statuses, statusRow{ID: s.ID, Title: s.Number + " " + e.Name,
			Status: s.Status, Duration: s.Duration, Agreement: agreementSummary(s)})
	}
	p.Summary = summarize(manifests, p.Sections)
	return p, errors.Join(problems...)
}

// buildSection builds one experiment's section and returns its manifest
// (nil when there is none) and, when the manifest says done, the section's
// problems: every table of the schema missing or not matching it, and a
// findings error that is not one of those.
func buildSection(dir string, e experiment, n int) (section, *results.Manifest, []error) {
	expDir := filepath.Join(dir, e.Name)
	s := section{ID: e.Name, Number: fmt.Sprintf("%d.", n), Title: e.title, Question: e.question}
	m, err := results.ReadManifest(expDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.Status = "not run"
		s.Duration = "—"
		s.NotRunReason = fmt.Sprintf("Not run: %s/%s does not exist. Run `hw1 run %s` with this directory as --out to produce it.",
			e.Name, results.ManifestFile, e.Name)
		return s, nil, nil
	case err != nil:
		s.Ran = true
		s.Status = "unreadable manifest"
		s.Duration = "—"
		s.Error = fmt.Sprintf("%v (rerun the experiment to rewrite its manifest)", err)
		m = nil
	default:
		s.Ran = true
		s.Status = m.Status
		s.Duration = duration(m.DurationSeconds)
		s.Error = m.Error
		s.Notes = m.Notes
		s.Config = flattenConfig(m.Config)
		s.Run = runRows(m)
	}
	done := m != nil && m.Status == results.StatusDone
	if m != nil && len(m.Seeds) > 0 {
		problems := seedsSection(&s, expDir, e, m, n)
		if !done {
			problems = nil
		}
		return s, m, problems
	}
	f := newFolder(expDir)
	var problems []error
	for _, spec := range e.Tables {
		_, err := f.table(spec)
		var te *tableError
		if err == nil || (errors.As(err, &te) && te.missing && !done) {
			continue // a run that did not finish may lack tables
		}
		s.TableErrors = append(s.TableErrors, err.Error())
		problems = append(problems, err)
	}
	s.Figures = figures(expDir, e.Name, n)
	s.Models = modelGrid(f, e.models)
	s.Tables = tableLinks(f, e)
	found, err := findingsOf(f, experimentName(m, expDir))
	if err != nil {
		s.FindingsError = err.Error()
		var te *tableError
		if !errors.As(err, &te) || !slices.Contains(s.TableErrors, te.Error()) {
			problems = append(problems, err)
		}
	}
	s.Findings = found
	if !done {
		problems = nil
	}
	return s, m, problems
}

// runRows describes how the experiment ran.
func runRows(m *results.Manifest) []kv {
	version := m.Version
	if m.Revision != "" {
		version += " (" + m.Revision + ")"
	}
	// A multi-seed result's seeds have a row of their own (seedsSection),
	// and its duration is theirs summed.
	seed, dur := []kv{{"seed", fmt.Sprint(m.Seed)}}, "duration"
	if len(m.Seeds) > 0 {
		seed, dur = nil, "duration (sum over seeds)"
	}
	rows := append([]kv{{"profile", m.Profile}}, seed...)
	rows = append(rows, []kv{
		{"threads", fmt.Sprint(m.Threads)},
		{"hw1 version", version},
		{"TensorFlow", m.TensorFlow},
		{"start", stamp(m.Start)},
		{"end", stamp(m.End)},
		{dur, duration(m.DurationSeconds)},
	}...)
	if len(m.Shards) > 0 {
		rows = append(rows, kv{"shards", strings.Join(m.Shards, ", ")})
	}
	if m.Device != "" {
		rows = append(rows, kv{"device", m.Device})
	}
	if m.Repeatability != "" {
		rows = append(rows, kv{"repeatability", m.Repeatability})
	}
	return rows
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format(time.RFC3339)
}

// figures embeds every PNG of the folder, in name order.
func figures(expDir, name string, n int) []figure {
	return embedFigures(pngFiles(expDir, name), n)
}

// figureFile is a PNG to embed as a figure.
type figureFile struct {
	path string // the PNG
	link string // its folder, relative to the report, for the SVG beside it
	name string // the name shown: the file's, or its path in the experiment's folder
	note string // added to the caption
}

// pngFiles returns the PNGs of dir in name order; link is dir relative to
// the report.
func pngFiles(dir, link string) []figureFile {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.png")) // the pattern is valid
	sort.Strings(paths)
	out := make([]figureFile, len(paths))
	for i, p := range paths {
		out[i] = figureFile{path: p, link: link, name: filepath.Base(p)}
	}
	return out
}

// embedFigures embeds the files as the section's figures, numbered in
// their order, each with a link to the SVG beside it when there is one.
func embedFigures(files []figureFile, n int) []figure {
	var out []figure
	for k, file := range files {
		stem := strings.TrimSuffix(filepath.Base(file.path), ".png")
		f := figure{Number: fmt.Sprintf("Figure %d.%d", n, k+1), Name: file.name,
			Caption: strings.NewReplacer("-", " ", "_", " ").Replace(stem) + file.note}
		b, err := os.ReadFile(file.path)
		if err != nil {
			f.Error = fmt.Sprintf("cannot embed %s: %v", file.name, err)
		} else {
			f.Src = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b))
		}
		if exists(filepath.Join(filepath.Dir(file.path), stem+".svg")) {
			f.SVG = file.link + "/" + url.PathEscape(stem+".svg")
		}
		out = append(out, f)
	}
	return out
}

// modelGrid returns the section's table of models (nil for none, or when
// the file is unreadable or empty): the whole file as it is, or the view's
// columns of it.
func modelGrid(f *folder, v *modelView) *grid {
	if v == nil {
		return nil
	}
	t, err := f.file(v.table.File)
	if err != nil || len(t.Rows) == 0 {
		return nil
	}
	if v.columns == nil {
		return &grid{Columns: t.Columns, Rows: t.Rows}
	}
	g := &grid{Columns: v.columns, Rows: make([][]string, len(t.Rows))}
	for _, c := range v.columns {
		cells, err := t.Strings(c)
		if err != nil {
			return nil
		}
		for i, cell := range cells {
			g.Rows[i] = append(g.Rows[i], cell)
		}
	}
	return g
}

// tableLinks lists the CSV tables of the folder with their row counts;
// files the schema does not list for the experiment say so.
func tableLinks(f *folder, e experiment) []fileLink {
	paths, _ := filepath.Glob(filepath.Join(f.dir, "*.csv")) // the pattern is valid
	sort.Strings(paths)
	var out []fileLink
	for _, path := range paths {
		base := filepath.Base(path)
		l := fileLink{Name: base, Href: e.Name + "/" + url.PathEscape(base)}
		if t, err := f.file(base); err != nil {
			l.Detail = "unreadable: " + err.Error()
		} else {
			l.Detail = fmt.Sprintf("%s; columns: %s", plural(len(t.Rows), "row"), strings.Join(t.Columns, ", "))
		}
		if _, ok := e.Table(base); !ok {
			l.Detail += "; not a table of " + e.Name + " in the schema (the report does not read it)"
		}
		out = append(out, l)
	}
	return out
}

// agreementSummary counts the section's findings by agreement.
func agreementSummary(s section) string {
	if !s.Ran {
		return "—"
	}
	if s.FindingsError != "" {
		return "no findings"
	}
	counts := map[string]int{}
	for _, f := range s.Findings {
		counts[f.Agrees]++
	}
	var parts []string
	for _, a := range []string{AgreesYes, AgreesPartly, AgreesNo, AgreesNA} {
		if counts[a] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[a], a))
		}
	}
	robustness := map[string]int{}
	for _, f := range s.Findings {
		robustness[f.Robustness]++
	}
	var over []string
	for _, r := range []string{Robust, Mixed, SingleSeed} {
		if robustness[r] > 0 {
			over = append(over, fmt.Sprintf("%d %s", robustness[r], r))
		}
	}
	if len(over) > 0 {
		return strings.Join(parts, ", ") + " (over seeds: " + strings.Join(over, ", ") + ")"
	}
	return strings.Join(parts, ", ")
}

// summarize describes the whole run: profiles, seeds, versions, total
// duration and how many experiments ended how.
func summarize(ms []*results.Manifest, sections []section) []kv {
	var profiles, seeds, versions, tfs []string
	var total float64
	multi := false // a result of several seeds: its duration sums theirs
	var start, end time.Time
	for _, m := range ms {
		profiles = appendNew(profiles, m.Profile)
		if len(m.Seeds) == 0 {
			seeds = appendNew(seeds, fmt.Sprint(m.Seed))
		}
		for _, r := range m.Seeds { // a multi-seed result: m.Seed is its first
			seeds = appendNew(seeds, fmt.Sprint(r.Seed))
			multi = true
		}
		v := m.Version
		if m.Revision != "" {
			v += " (" + m.Revision + ")"
		}
		versions = appendNew(versions, v)
		tfs = appendNew(tfs, m.TensorFlow)
		total += m.DurationSeconds
		if !m.Start.IsZero() && (start.IsZero() || m.Start.Before(start)) {
			start = m.Start
		}
		if m.End.After(end) {
			end = m.End
		}
	}
	statuses := map[string]int{}
	var order []string
	for _, s := range sections {
		if statuses[s.Status] == 0 {
			order = append(order, s.Status)
		}
		statuses[s.Status]++
	}
	var st []string
	for _, k := range order {
		st = append(st, fmt.Sprintf("%d %s", statuses[k], k))
	}
	orDash := func(xs []string) string {
		if len(xs) == 0 {
			return "—"
		}
		return strings.Join(xs, ", ")
	}
	seedKey, totalKey := "seed", "total duration (sum over experiments)"
	if len(seeds) > 1 {
		seedKey = "seeds"
	}
	if multi {
		totalKey = "total duration (sum over experiments and seeds)"
	}
	return []kv{
		{"profile", orDash(profiles)},
		{seedKey, orDash(seeds)},
		{"hw1 version", orDash(versions)},
		{"TensorFlow", orDash(tfs)},
		{"first start", stamp(start)},
		{"last end", stamp(end)},
		{totalKey, duration(total)},
		{"experiments", strings.Join(st, ", ")},
	}
}

func appendNew(xs []string, x string) []string {
	if x == "" {
		return xs
	}
	for _, v := range xs {
		if v == x {
			return xs
		}
	}
	return append(xs, x)
}
