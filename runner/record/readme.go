package record

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"hw1/runner/report"
	"hw1/runner/results"
)

// readmeFile is the record's page of findings, made with it.
const readmeFile = "README.md"

// writeReadme writes the record's README.md: what the record is, the runs
// it holds, and every finding with its verdict and how many seeds hold it.
func writeReadme(dir, from string, all [][]report.Finding) error {
	var b strings.Builder
	b.WriteString("# hw1's record\n\n")
	b.WriteString("Written by `hw1 record` (`make record`, see the README's \"Reference results\"); do not edit.\n")
	b.WriteString("Each experiment's folder keeps its manifests (its own and every seed's), its aggregate tables\n")
	b.WriteString("(`*.csv.gz`: mean, sd, min and max over the seeds) and its findings (`findings.json`), computed from\n")
	b.WriteString("every seed's tables. Hold a run against it with `hw1 compare RESULTS docs/record`.\n\n")
	var yes, partly, no, na, mixed, total int
	for _, fs := range all {
		for _, f := range fs {
			total++
			switch f.Agrees {
			case report.AgreesYes:
				yes++
			case report.AgreesPartly:
				partly++
			case report.AgreesNo:
				no++
			default:
				na++
			}
			if f.Robustness == report.Mixed {
				mixed++
			}
		}
	}
	fmt.Fprintf(&b, "%d findings: %d agree with the literature, %d partly, %d do not, %d describe the run (n/a); "+
		"%d are mixed over the seeds (their verdict is partly).\n", total, yes, partly, no, na, mixed)
	for _, fs := range all {
		if len(fs) == 0 {
			continue
		}
		name := fs[0].Experiment
		m, err := results.ReadManifest(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "\n## %s\n\n", name)
		fmt.Fprintf(&b, "Profile %s, %s; %s, hw1 %s", m.Profile, seedsText(m), m.Where(), m.Version)
		if m.Revision != "" {
			fmt.Fprintf(&b, " (%s)", m.Revision)
		}
		b.WriteString(".\n\n")
		for _, f := range fs {
			verdict := f.Agrees
			if f.Robustness != "" {
				verdict += ", " + f.Robustness
			}
			fmt.Fprintf(&b, "- **%s.** %s\n  Literature: %s\n", verdict, oneLine(f.Statement), oneLine(f.Literature))
		}
	}
	return os.WriteFile(filepath.Join(dir, readmeFile), []byte(b.String()), 0o644)
}

// seedsText names a run's seeds.
func seedsText(m *results.Manifest) string {
	if len(m.Seeds) == 0 {
		return fmt.Sprintf("seed %d", m.Seed)
	}
	s := make([]string, len(m.Seeds))
	for i, r := range m.Seeds {
		s[i] = fmt.Sprint(r.Seed)
	}
	return "seeds " + strings.Join(s, ", ")
}

// oneLine folds a text onto one line for a Markdown list item.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
