package shards

import "path/filepath"

// fakeDraw stands in for the plots package: it names one figure after the
// folder it was asked to draw, so a test can see that the merge asked for
// the right folder and recorded the answer.
func fakeDraw(dir string) ([]string, error) {
	return []string{"figure-of-" + filepath.Base(dir)}, nil
}
