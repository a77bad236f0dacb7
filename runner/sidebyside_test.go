package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The experiments whose runs go side by side write the tables they write
// with their runs one after the other, byte for byte.
func TestRunsSideBySideWriteTheTablesOfOneAfterTheOther(t *testing.T) {
	for _, exp := range []Experiment{FunctionFit()} {
		t.Run(exp.Name(), func(t *testing.T) {
			var dirs [2]string
			for i, n := range []int{1, 3} { // no spare core; two spare cores
				cfg, err := exp.Config("smoke")
				if err != nil {
					t.Fatal(err)
				}
				env := testEnv(t)
				env.cores = newCores(n)
				env.cores.take(context.Background())
				if err := exp.Run(env, cfg); err != nil {
					t.Fatal(err)
				}
				dirs[i] = env.Dir
			}
			files, err := filepath.Glob(filepath.Join(dirs[0], "*.csv"))
			if err != nil || len(files) == 0 {
				t.Fatalf("no tables in %s (%v)", dirs[0], err)
			}
			for _, f := range files {
				one, err1 := os.ReadFile(f)
				two, err2 := os.ReadFile(filepath.Join(dirs[1], filepath.Base(f)))
				if err1 != nil || err2 != nil {
					t.Fatalf("read %s: %v, %v", filepath.Base(f), err1, err2)
				}
				if !bytes.Equal(one, two) {
					t.Errorf("%s differs between one after the other and side by side", filepath.Base(f))
				}
			}
		})
	}
}
