//go:build !notf

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hw1/runner"
	"hw1/runner/registry"
	"hw1/runner/shards"
)

// hw1 slurm writes an array of one task per shard of the plan, a merge job
// and the script that submits both with --dependency=afterok; the requests
// are the estimate's, a GPU only with --device gpu; bad input is exit 2.
// (make test-slurm runs the scripts on a real Slurm.)
func TestSlurmScripts(t *testing.T) {
	root := filepath.Join("..", "..")
	work := t.TempDir()
	hw1 := func(args ...string) (int, string, string) {
		t.Helper()
		return run(t, hw1Binary, root, args...)
	}
	out := filepath.Join(work, "res")
	code, stdout, errs := hw1("slurm", "all", "--profile", "smoke", "--seeds", "2", "--tasks", "4", "--cpus", "1", "--out", out)
	if code != 0 {
		t.Fatalf("hw1 slurm: exit %d\n%s\n%s", code, stdout, errs)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, "slurm", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	array, merge, submit := read("array.sbatch"), read("merge.sbatch"), read("submit.sh")
	mem, _ := runner.TaskMemory("smoke")
	for _, want := range []string{"#SBATCH --array=0-3\n", "#SBATCH --cpus-per-task=1\n", "#SBATCH --mem=" + strconv.Itoa(mem) + "M\n",
		"#SBATCH --time=0:11:00\n", `--threads 1`, `--seeds 2`, `--shard "$task/4" --out ` + out + `/shards/shard-"$task"`} {
		if !strings.Contains(array, want) {
			t.Errorf("array.sbatch lacks %q:\n%s", want, array)
		}
	}
	if strings.Contains(array, "gres") || strings.Contains(array, "--device") {
		t.Errorf("array.sbatch asks for a GPU without --device gpu:\n%s", array)
	}
	// Every task's units, as the plan gives them.
	plan, err := shards.PlanShards(allExperiments(t), []int64{1, 2}, "smoke", 4)
	if err != nil {
		t.Fatal(err)
	}
	for i, units := range plan.Shards {
		if !strings.Contains(array, unitNames(units)) {
			t.Errorf("array.sbatch does not list task %d's units %s", i, unitNames(units))
		}
	}
	for _, want := range []string{"merge \"$tmp\" \"${shards[@]}\"", "report \"$tmp\"", `mv "$tmp" "$out/merged"`} {
		if !strings.Contains(merge, want) {
			t.Errorf("merge.sbatch lacks %q:\n%s", want, merge)
		}
	}
	for _, want := range []string{`--array="$tasks"`, `dependency="afterok:$array"`, `afterany:$after`, "--kill-on-invalid-dep=yes"} {
		if !strings.Contains(submit, want) {
			t.Errorf("submit.sh lacks %q:\n%s", want, submit)
		}
	}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		files := []string{"array.sbatch", "merge.sbatch", "submit.sh"}
		for i := range files {
			files[i] = filepath.Join(out, "slurm", files[i])
		}
		if b, err := exec.Command(sc, append([]string{"--shell=bash"}, files...)...).CombinedOutput(); err != nil {
			t.Errorf("shellcheck: %v\n%s", err, b)
		}
	}

	gpu := filepath.Join(work, "gpu")
	if code, _, errs := hw1("slurm", "min-ratio", "--profile", "full", "--device", "gpu", "--out", gpu); code != 0 {
		t.Fatalf("hw1 slurm --device gpu: exit %d\n%s", code, errs)
	}
	b, err := os.ReadFile(filepath.Join(gpu, "slurm", "array.sbatch"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"#SBATCH --gres=gpu:1\n", "--device gpu", "min-ratio seed 1 part 3/4"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("array.sbatch of --device gpu lacks %q:\n%s", want, b)
		}
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"slurm", "all", "--tasks", "0"}, "at least 1 task"},
		{[]string{"slurm", "grad-norm", "--profile", "smoke", "--tasks", "2"}, "use --tasks 1"},
		{[]string{"slurm", "all", "--mem", "4X"}, "4G"},
		{[]string{"slurm", "all", "--time", "soon"}, "2:00:00"},
		{[]string{"slurm", "all", "--set", "epochz=3"}, "epochs"},
		{[]string{"slurm"}, "hw1 list"},
	} {
		if code, _, errs := hw1(append(c.args, "--out", filepath.Join(work, "bad"))...); code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, want 2 saying %q\n%s", c.args, code, c.want, errs)
		}
	}
}

// allExperiments are the registered experiments, as 'all' runs them.
func allExperiments(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, e := range registry.New().All() {
		names = append(names, e.Name())
	}
	return names
}
