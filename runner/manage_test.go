package runner

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hw1/runner/config"
	"hw1/runner/results"
	"hw1/runner/table"
	"hw1/runner/tensorboard"
)

// fakeConfig configures fakeSweep.
type fakeConfig struct {
	Runs   int     `json:"runs"`
	Offset float64 `json:"offset"`
}

// fakeSweep is an experiment that trains nothing: a sweep of cfg.Runs runs
// into min-ratio's table (so that merge knows its schema), each row made of
// the run number and cfg.Offset, and a TensorBoard scalar per run. After
// stopAfter runs of one call (0: never) it stops in the next run, after its
// scalar, as an interrupt does.
func fakeSweep(stopAfter int) *experiment[fakeConfig] {
	spec := results.MinRatioPoints
	return &experiment[fakeConfig]{
		name:     results.MinRatio,
		profiles: map[string]fakeConfig{"smoke": {Runs: 6}},
		check: func(c *fakeConfig) error {
			return config.AtLeast("runs", c.Runs, 1)
		},
		run: func(env *Env, c *fakeConfig) error {
			keys := make([]string, c.Runs)
			for k := range keys {
				keys[k] = strconv.Itoa(k)
			}
			ran := 0
			return env.Sweep(spec, keys, func(k int) (results.Row, error) {
				// The curve's point comes first, as a run's first epochs
				// do: an interrupt in the run leaves it, and a resume
				// runs the run again.
				if err := env.Scalar("fake/value", int64(k), float64(k)+c.Offset); err != nil {
					return nil, err
				}
				if stopAfter > 0 && ran == stopAfter {
					return nil, ErrInterrupted
				}
				ran++
				return fakeRow(spec, k, c.Offset), nil
			})
		},
	}
}

// fakeRow is a row of spec for run k: the key k, then a value of each
// column's kind in its range, which grows with k and offset (k/8 + offset,
// or that squeezed below the column's bound).
func fakeRow(spec results.Table, k int, offset float64) results.Row {
	row := results.Row{spec.Columns[0].Name: k}
	for _, c := range spec.Columns[1:] {
		if c.Optional {
			continue
		}
		switch c.Kind {
		case results.Int:
			row[c.Name] = k
		case results.Float:
			x := float64(k)/8 + offset
			if c.Range.Max < math.Inf(1) {
				x = c.Range.Max * x / (1 + x)
			}
			row[c.Name] = x
		case results.Bool:
			row[c.Name] = k%2 == 0
		default:
			row[c.Name] = "x"
		}
	}
	return row
}

// runFake runs exp with the runner's options and the --set values sets.
func runFake(t *testing.T, r *Runner, exp *experiment[fakeConfig], sets ...string) Outcome {
	t.Helper()
	cfg, err := exp.Config(r.opts.Profile)
	if err != nil {
		t.Fatal(err)
	}
	if err := config.Apply(cfg, sets); err != nil {
		t.Fatal(err)
	}
	return r.Run(context.Background(), exp, cfg)
}

// fakeRuns returns the run keys in the fake sweep's table under out.
func fakeRuns(t *testing.T, out string) []string {
	t.Helper()
	tb, err := table.Read(filepath.Join(out, results.MinRatio, results.MinRatioPoints.File))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := tb.Strings(results.MinRatioPoints.Columns[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRerunSkipsAndForceKeepsTheOldResultAside(t *testing.T) {
	out := t.TempDir()
	if o := runFake(t, quietRunner(out), fakeSweep(0)); o.Status != results.StatusDone {
		t.Fatalf("first run: %+v", o)
	}
	tablePath := filepath.Join(out, results.MinRatio, results.MinRatioPoints.File)
	first := readBytes(t, tablePath)
	if o := runFake(t, quietRunner(out), fakeSweep(0)); o.Status != "skipped" {
		t.Fatalf("rerun: %+v, want skipped", o)
	}
	r := quietRunner(out)
	r.opts.Force = true
	o := runFake(t, r, fakeSweep(0), "offset=1")
	if o.Status != results.StatusDone || o.KeptAside == "" {
		t.Fatalf("--force: %+v, want done with the old result kept aside", o)
	}
	if !strings.HasPrefix(o.KeptAside, filepath.Join(out, ReplacedDir)) {
		t.Errorf("kept aside in %s, want under %s", o.KeptAside, filepath.Join(out, ReplacedDir))
	}
	if got := readBytes(t, filepath.Join(o.KeptAside, results.MinRatioPoints.File)); !bytes.Equal(got, first) {
		t.Error("the result kept aside is not the earlier result")
	}
	if bytes.Equal(readBytes(t, tablePath), first) {
		t.Error("--force with offset=1 left the old table in place")
	}
}

func TestAnotherRunsResultIsRefusedAndUntouched(t *testing.T) {
	out := t.TempDir()
	if o := runFake(t, quietRunner(out), fakeSweep(0)); o.Status != results.StatusDone {
		t.Fatalf("first run: %+v", o)
	}
	dir := filepath.Join(out, results.MinRatio)
	before := readBytes(t, filepath.Join(dir, results.MinRatioPoints.File))
	otherSeed := quietRunner(out)
	otherSeed.opts.Seed = 9
	otherProfile := quietRunner(out)
	otherProfile.opts.Profile = "quick"
	exp := fakeSweep(0)
	exp.profiles["quick"] = fakeConfig{Runs: 6}
	cases := []struct {
		name string
		r    *Runner
		sets []string
		want string
	}{
		{"seed", otherSeed, nil, "seed (3, not 9)"},
		{"profile", otherProfile, nil, "profile (smoke, not quick)"},
		{"set", quietRunner(out), []string{"offset=2"}, "configuration"},
	}
	for _, c := range cases {
		o := runFake(t, c.r, exp, c.sets...)
		var input *InputError
		if !errors.As(o.Err, &input) || !strings.Contains(o.Err.Error(), c.want) || !strings.Contains(o.Err.Error(), "--force") ||
			!strings.Contains(o.Err.Error(), "status done") || !strings.Contains(o.Err.Error(), dir) {
			t.Errorf("other %s: %v, want an *InputError naming %s, what is there and --force", c.name, o.Err, c.want)
		}
	}
	if after := readBytes(t, filepath.Join(dir, results.MinRatioPoints.File)); !bytes.Equal(before, after) {
		t.Error("a refused run changed the table")
	}
	// An unreadable manifest is refused too, and kept with --force.
	if err := os.WriteFile(filepath.Join(dir, results.ManifestFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := runFake(t, quietRunner(out), exp); !strings.Contains(errString(o.Err), "cannot be read") {
		t.Errorf("unreadable manifest: %v, want a refusal", o.Err)
	}
	r := quietRunner(out)
	r.opts.Force = true
	o := runFake(t, r, exp)
	if o.Status != results.StatusDone {
		t.Fatalf("--force over an unreadable manifest: %+v", o)
	}
	if got := readBytes(t, filepath.Join(o.KeptAside, results.ManifestFile)); string(got) != "{not json" {
		t.Errorf("kept aside manifest %q", got)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func TestShardThenPlainRunCompletes(t *testing.T) {
	out := t.TempDir()
	r := quietRunner(out)
	r.opts.Shard = Shard{Index: 0, Count: 2}
	if o := runFake(t, r, fakeSweep(0)); o.Status != results.StatusDone {
		t.Fatalf("shard run: %+v", o)
	}
	if got := fakeRuns(t, out); !slices.Equal(got, []string{"0", "2", "4"}) {
		t.Fatalf("shard 0/2 ran %v", got)
	}
	if o := runFake(t, r, fakeSweep(0)); o.Status != "skipped" {
		t.Errorf("the same shard again: %+v, want skipped", o)
	}
	o := runFake(t, quietRunner(out), fakeSweep(0))
	if o.Status != results.StatusDone {
		t.Fatalf("plain run after the shard: %+v, want done (resumed), not skipped", o)
	}
	if got := fakeRuns(t, out); !slices.Equal(got, []string{"0", "1", "2", "3", "4", "5"}) {
		t.Errorf("after the plain run the table holds %v, want every run in sweep order", got)
	}
	m, err := results.ReadManifest(filepath.Join(out, results.MinRatio))
	if err != nil || len(m.Shards) != 0 || m.Status != results.StatusDone {
		t.Errorf("manifest after the plain run: %+v, %v; want done, no shards", m, err)
	}
	if o := runFake(t, r, fakeSweep(0)); o.Status != "skipped" {
		t.Errorf("a shard after the whole run: %+v, want skipped", o)
	}
}

func TestResumeContinuesTheEventFile(t *testing.T) {
	out := t.TempDir()
	o := runFake(t, quietRunner(out), fakeSweep(2))
	if o.Status != results.StatusInterrupted {
		t.Fatalf("first run: %+v, want interrupted", o)
	}
	// A record cut in half, as a kill during a write leaves it.
	files := eventFiles(t, filepath.Join(out, results.MinRatio))["fake"]
	if len(files) != 1 {
		t.Fatalf("event files of run fake: %v", files)
	}
	f, err := os.OpenFile(files[0], os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte{9, 0, 0, 0, 0, 0, 0, 0, 1}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if o := runFake(t, quietRunner(out), fakeSweep(0)); o.Status != results.StatusDone {
		t.Fatalf("resumed run: %+v", o)
	}
	if got := fakeRuns(t, out); len(got) != 6 {
		t.Fatalf("resumed table %v", got)
	}
	if after := eventFiles(t, filepath.Join(out, results.MinRatio))["fake"]; !slices.Equal(after, files) {
		t.Fatalf("event files after the resume %v, want the one file %v continued", after, files)
	}
	scalars, err := tensorboard.ReadScalars(files[0])
	if err != nil {
		t.Fatalf("the continued event file does not read: %v", err)
	}
	var steps []int64
	for _, s := range scalars {
		steps = append(steps, s.Step)
	}
	if !slices.Equal(steps, []int64{0, 1, 2, 3, 4, 5}) {
		t.Errorf("steps in the event file %v, want each of 0..5 once", steps)
	}
}

func TestCheckFindsBadInputBeforeTraining(t *testing.T) {
	work := t.TempDir()
	file := filepath.Join(work, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "sub")} {
		var input *InputError
		if err := CheckWritable(dir); !errors.As(err, &input) || !strings.Contains(err.Error(), "--out") {
			t.Errorf("CheckWritable(%s): %v, want an *InputError suggesting --out", dir, err)
		}
	}
	// A truncated image file: the check reads the data in full.
	data := filepath.Join(work, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"} {
		if err := os.WriteFile(filepath.Join(data, name), []byte{0, 0, 8, 3, 0, 0}, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := quietRunner(filepath.Join(work, "out"))
	r.opts.DataDir = data
	r.data = newDataCache(data)
	exp, cfg, err := r.Prepare("needs-mnist")
	if err != nil {
		t.Fatal(err)
	}
	err = r.CheckInput([]Job{{exp, cfg}})
	var input *InputError
	if !errors.As(err, &input) || !strings.Contains(err.Error(), data) || !strings.Contains(err.Error(), "make data") {
		t.Errorf("truncated data: %v, want an *InputError naming %s and 'make data'", err, data)
	}
	// A configuration value the experiment cannot run with.
	r = quietRunner(filepath.Join(work, "out"), "runs=0")
	exp, cfg, err = r.Prepare(results.MinRatio)
	if err != nil {
		t.Fatal(err)
	}
	var usage *config.UsageError
	if err := r.CheckInput([]Job{{exp, cfg}}); !errors.As(err, &usage) || !strings.Contains(err.Error(), "runs = 0") {
		t.Errorf("runs=0: %v, want a *config.UsageError naming runs", err)
	}
	if _, err := os.Stat(filepath.Join(work, "out")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the input checks created the output folder: %v", err)
	}
}

// An experiment without a datasets hook needs the dataset its "dataset"
// setting names, so that new experiments get their data checked too.
func TestDatasetsFromTheDatasetSetting(t *testing.T) {
	type withData struct {
		Dataset string `json:"dataset"`
	}
	exp := &experiment[withData]{name: "with-data"}
	if got := exp.Datasets(&withData{Dataset: FashionMNIST}); !slices.Equal(got, []string{FashionMNIST}) {
		t.Errorf("datasets %v, want [%s]", got, FashionMNIST)
	}
	if got := fakeSweep(0).Datasets(&fakeConfig{Runs: 1}); got != nil {
		t.Errorf("an experiment without a dataset setting needs %v", got)
	}
}

// A folder whose first run was killed before its manifest existed holds
// only a temporary file: the next run starts afresh and clears it.
func TestFreshRunClearsAKilledFirstRunsTempFiles(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, results.MinRatio)
	tmp := filepath.Join(dir, ".manifest.json.tmp123")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmp, []byte(`{"experiment":`), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := runOne(t, context.Background(), quietRunner(out), results.MinRatio); o.Err != nil {
		t.Fatal(o.Err)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the killed run's temporary file is still there: %v", err)
	}
}
