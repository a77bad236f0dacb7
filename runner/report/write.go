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
// experiment gets a section: experiments absent from dir a short "not run"
// one; failed or interrupted ones show their status and error and whatever
// tables and figures they left.
func Write(dir string) (string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("report: run directory: %w (run `hw1 run all --out %s` first, or name the directory an earlier run wrote)", err, dir)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("report: %s is a file, not a run directory: name the directory given to `hw1 run --out`", dir)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, buildPage(dir)); err != nil {
		return "", fmt.Errorf("report: render %s: %w", FileName, err)
	}
	path := filepath.Join(dir, FileName)
	if err := table.WriteFileAtomic(path, buf.Bytes()); err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	return path, nil
}
