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
	Intro    intro
	Summary  []kv
	Statuses []statusRow
	Total    verdictCounts // the findings of all sections, by verdict
	// OverSeeds is set when a section's findings are combined over seeds:
	// the statuses table then has a column for their robustness.
	OverSeeds bool
	Sections  []section
}

type statusRow struct {
	ID, Title, Status, Duration string
	Counts                      verdictCounts
	OverSeeds                   string // robust, mixed, single-seed counts; "" for one seed
}

// verdictCounts counts an experiment's findings by verdict against the
// literature. Note says why there are none to count ("not run", "no
// findings"); the counts are then empty.
type verdictCounts struct {
	Yes, Partly, No, NA, All int
	Note                     string
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
	Compact       compactConfig // the configuration at first sight
	Config        []kv          // all of it, flattened, behind a click; nil when Compact is all of it
	Run           []kv
	Models        *grid
	Findings      []Finding
	FindingsError string
	Tables        []fileLink
	TableErrors   []string // schema tables missing (when done) or not matching the schema
}

// figure is one embedded PNG with links to its file and the SVG beside it.
type figure struct {
	Number, Caption, Name string
	Src                   template.URL // a data: URI built here from the PNG bytes
	PNG                   string       // relative link to the PNG file
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
	configs := map[string]any{} // by experiment
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
			configs[e.Name] = m.Config
		}
		for _, err := range errs {
			problems = append(problems, fmt.Errorf("%s: %w", e.Name, err))
		}
		p.Sections = append(p.Sections, s)
		row := statusRow{ID: s.ID, Title: s.Number + " " + e.Name, Status: s.Status, Duration: s.Duration,
			Counts: countVerdicts(s), OverSeeds: robustnessSummary(s)}
		p.Total = p.Total.add(row.Counts)
		p.OverSeeds = p.OverSeeds || row.OverSeeds != ""
		p.Statuses = append(p.Statuses, row)
	}
	p.Summary = summarize(manifests, p.Sections)
	var profiles []string
	for _, m := range manifests {
		profiles = appendNew(profiles, m.Profile)
	}
	p.Intro = buildIntro(profiles, configs)
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
		s.Compact = compactOf(m.Config)
		if flat := flattenConfig(m.Config); len(flat) != len(s.Compact.Settings) || len(s.Compact.Lists) > 0 {
			s.Config = flat // else the compact form is all of it
		}
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
	return embedFigures(name, pngFiles(expDir, name), n)
}

// figureFile is a PNG to embed as a figure.
type figureFile struct {
	path string // the PNG
	link string // its folder, relative to the report, for the SVG beside it
	name string // the name shown: the file's, or its path in the experiment's folder
	note string // a sentence added to the caption
}

// pngFiles returns the PNGs of dir in name order (numbers by value,
// naturalLess); link is dir relative to the report.
func pngFiles(dir, link string) []figureFile {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.png")) // the pattern is valid
	sort.SliceStable(paths, func(i, j int) bool { return naturalLess(paths[i], paths[j]) })
	out := make([]figureFile, len(paths))
	for i, p := range paths {
		out[i] = figureFile{path: p, link: link, name: filepath.Base(p)}
	}
	return out
}

// embedFigures embeds the files as figures of the experiment's section,
// numbered in their order, each captioned with what it shows
// (figureCaption) and linked to its file and the SVG beside it when there
// is one.
func embedFigures(experiment string, files []figureFile, n int) []figure {
	var out []figure
	for k, file := range files {
		stem := strings.TrimSuffix(filepath.Base(file.path), ".png")
		caption, _ := figureCaption(experiment, stem)
		if file.note != "" {
			if !strings.HasSuffix(caption, ".") {
				caption += "."
			}
			caption += " " + file.note
		}
		f := figure{Number: fmt.Sprintf("Figure %d.%d", n, k+1), Name: file.name, Caption: caption,
			PNG: file.link + "/" + url.PathEscape(stem+".png")}
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

// countVerdicts counts the section's findings by verdict: yes, partly, no
// and n/a (a description of the run, with no claim to check) apart, so
// that none is read as agreement.
func countVerdicts(s section) verdictCounts {
	var c verdictCounts
	switch {
	case !s.Ran:
		c.Note = "not run"
		return c
	case s.FindingsError != "":
		c.Note = "no findings"
		return c
	}
	for _, f := range s.Findings {
		switch f.Agrees {
		case AgreesYes:
			c.Yes++
		case AgreesPartly:
			c.Partly++
		case AgreesNo:
			c.No++
		default:
			c.NA++
		}
		c.All++
	}
	return c
}

// add returns the sum of two counts (without notes).
func (c verdictCounts) add(d verdictCounts) verdictCounts {
	return verdictCounts{Yes: c.Yes + d.Yes, Partly: c.Partly + d.Partly, No: c.No + d.No, NA: c.NA + d.NA, All: c.All + d.All}
}

// robustnessSummary counts a multi-seed section's findings by robustness
// ("2 robust, 1 mixed"); "" when no finding has one.
func robustnessSummary(s section) string {
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
	return strings.Join(over, ", ")
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

// naturalLess orders names as text, but runs of digits by their value, so
// that density-sens-bs5 comes before density-sens-bs16 and bs1000.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		switch {
		case da != "" && db != "":
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
		case a[0] != b[0]:
			return a[0] < b[0]
		default:
			a, b = a[1:], b[1:]
		}
	}
	return len(a) < len(b)
}

// digitsPrefix returns the ASCII digits s starts with.
func digitsPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
