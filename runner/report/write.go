package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"hw1/runner/table"
)

// FileName is the report's file name inside the run directory.
const FileName = "report.html"

// Write writes dir/report.html (atomically) and returns its path. Every
// experiment of the schema (results.Experiments) gets a section:
// experiments absent from dir a short "not run" one; failed or interrupted
// ones show their status and error and whatever tables and figures they
// left.
//
// The page is written whole even when some tables do not match the schema
// or a finding cannot be computed; each such problem is shown in its
// section. When an experiment whose manifest says done has one (a schema
// table missing, unreadable or not matching the schema, or a findings
// error), Write returns the path together with an error joining one
// "EXPERIMENT: problem" line per problem. A non-empty path means the file
// was written, whether or not err is nil; on errors that prevent writing it
// (no such directory, a render or write failure) the path is "".
func Write(dir string) (string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("report: run directory: %w (run `hw1 run all --out %s` first, or name the directory an earlier run wrote)", err, dir)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("report: %s is a file, not a run directory: name the directory given to `hw1 run --out`", dir)
	}
	p, problems := buildPage(dir)
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return "", fmt.Errorf("report: render %s: %w", FileName, err)
	}
	path := filepath.Join(dir, FileName)
	if err := table.WriteFileAtomic(path, buf.Bytes()); err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	if problems != nil {
		return path, fmt.Errorf("report: wrote %s, but experiments that finished have problems (shown in it too):\n%w", path, problems)
	}
	return path, nil
}
