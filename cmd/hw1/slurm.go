//go:build !notf

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/urfave/cli/v2"

	"hw1/runner"
	"hw1/runner/config"
	"hw1/runner/registry"
	"hw1/runner/shards"
)

// hw1 slurm writes the scripts of a sharded run on a Slurm cluster: a job
// array with one task per shard, a merge job that runs once every task has
// ended well, and the script that submits both (and resubmits failed
// tasks). It is a command rather than fixed scripts because the scripts
// hold what only hw1 knows: the plan of units (how many tasks, which units
// each runs), the time each task needs by hw1's estimate, and the run's
// flags, the same in every task and in the merge.

func slurmCommand() *cli.Command {
	return &cli.Command{
		Name:      "slurm",
		Usage:     "write the Slurm scripts of a run sharded over a job array, merged and reported by a final job",
		ArgsUsage: "EXPERIMENT|all",
		Description: "Writes DIR/array.sbatch (task K runs 'hw1 run ... --shard K/N --out OUT/shards/shard-K'),\n" +
			"DIR/merge.sbatch ('hw1 merge' of the shards into OUT/merged, then 'hw1 report') and DIR/submit.sh,\n" +
			"which submits the array and the merge job (--dependency=afterok on the array). 'DIR/submit.sh 2,3 JOB'\n" +
			"resubmits tasks 2 and 3 (their shards continue where they stopped; finished units are skipped) and a\n" +
			"merge job that waits for them and for the array JOB. OUT must be a folder every node sees.\n" +
			"Each task asks for --cpus CPUs (hw1 runs on as many threads), the memory of hw1's estimate for the\n" +
			"profile, and twice the longest task's estimated time (reference machine) plus 10 minutes.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "profile", Aliases: []string{"p"}, Value: "quick", Usage: "smoke, quick or full"},
			&cli.Int64Flag{Name: "seed", Value: 1, Usage: "seed of everything random in the run"},
			&cli.StringFlag{Name: "seeds", Usage: "several seeds: a count N or a list (1,2,5)"},
			&cli.StringSliceFlag{Name: "set", Usage: "override a configuration value, key=value (repeatable)"},
			&cli.StringFlag{Name: "data", Usage: "the MNIST-format files' folder on the nodes (default: hw1 run's)"},
			&cli.IntFlag{Name: "tasks", Aliases: []string{"n"}, Value: 4, Usage: "tasks of the job array: the run's shards"},
			&cli.IntFlag{Name: "cpus", Value: 2, Usage: "CPUs per task (--cpus-per-task), and hw1's threads"},
			&cli.StringFlag{Name: "mem", Usage: "memory per task, as sbatch takes it (e.g. 4G); default: hw1's estimate for the profile"},
			&cli.StringFlag{Name: "time", Usage: "time limit per task, as sbatch takes it (e.g. 2:00:00); default: from hw1's estimate"},
			&cli.StringFlag{Name: "partition", Usage: "Slurm partition (default: the cluster's)"},
			&cli.StringFlag{Name: "device", Usage: "passed to 'hw1 run --device'; gpu also asks each task for a GPU (--gres=gpu:1)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "results-slurm", Usage: "results folder on storage every node sees: shards/shard-K/, merged/"},
			&cli.StringFlag{Name: "to", Usage: "folder for the scripts and the tasks' logs (default: OUT/slurm)"},
			&cli.StringFlag{Name: "hw1", Usage: "the hw1 binary on the nodes (default: this one)"},
		},
		Action: slurmAction,
	}
}

// slurmJob is what the scripts are written from.
type slurmJob struct {
	Name       string // the job's name, hw1-<experiment>
	Tasks      int
	CPUs       int
	Mem        string
	Time       string
	MergeTime  string
	Partition  string
	GPU        bool
	Hw1        string // the binary, quoted for the shell
	Workdir    string // the folder the jobs run in, quoted
	Out        string // the results folder, quoted
	Logs       string // the logs' folder, quoted
	RunArgs    string // hw1 run's arguments but --shard and --out, quoted
	Estimate   string // the longest task's estimate, said
	MemWhy     string // where the memory request comes from
	UnitsByJob []string
}

func slurmAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("slurm takes one experiment name or 'all' (got %d arguments); see 'hw1 list'", c.NArg())
	}
	n, cpus := c.Int("tasks"), c.Int("cpus")
	if n < 1 {
		return usageErrorf("--tasks %d: want at least 1 task", n)
	}
	if cpus < 1 {
		return usageErrorf("--cpus %d: want at least 1 CPU per task", cpus)
	}
	for _, f := range []string{"mem", "time"} {
		if v := c.String(f); v != "" && !slurmValue(f, v) {
			return usageErrorf("--%s %q: want %s", f, v, map[string]string{"mem": "a size as sbatch takes it, e.g. 4G or 4000M", "time": "a time as sbatch takes it, e.g. 90, 2:00:00 or 1-12:00:00"}[f])
		}
	}
	profile := c.String("profile")
	seeds, err := runner.ParseSeeds(c.String("seeds"), c.Int64("seed"))
	if err != nil {
		return exitError{2, err}
	}
	r := runner.New(runner.Options{Profile: profile, Seed: seeds[0], Sets: c.StringSlice("set"), Quiet: true,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Experiments: registry.New()})
	name := c.Args().First()
	names := []string{name}
	if name == "all" {
		names = nil
		for _, e := range r.Registry().All() {
			names = append(names, e.Name())
		}
	}
	var exps []runner.Experiment
	for _, x := range names {
		exp, err := r.Registry().Lookup(x)
		if err != nil {
			return exitError{2, err}
		}
		exps = append(exps, exp)
	}
	sets, _, err := runner.RouteSets(exps, profile, c.StringSlice("set"))
	if err != nil {
		return exitError{2, err}
	}
	for _, x := range names { // bad names, profiles and --set values: exit 2 here, not on the cluster
		if _, _, err := r.PrepareWith(x, sets[x]); err != nil {
			return exitError{2, err}
		}
	}
	var plan *runner.Plan
	if n > 1 {
		if plan, err = shards.PlanShards(names, seeds, profile, n); err != nil {
			var usage *config.UsageError
			if errors.As(err, &usage) {
				k := shards.MaxShards(names, seeds, profile, n)
				return usageErrorf("--tasks %d: this run's units of work (each an experiment's seed, or part of a long sweep) fill at most %d of them; use --tasks %d, or more seeds", n, k, k)
			}
			return exitError{2, err}
		}
	}
	out, err := filepath.Abs(c.String("out"))
	if err != nil {
		return exitError{2, fmt.Errorf("--out %s: %w", c.String("out"), err)}
	}
	to := c.String("to")
	if to == "" {
		to = filepath.Join(out, "slurm")
	}
	if to, err = filepath.Abs(to); err != nil {
		return exitError{2, fmt.Errorf("--to %s: %w", c.String("to"), err)}
	}
	bin := c.String("hw1")
	if bin == "" {
		if bin, err = os.Executable(); err != nil {
			return exitError{2, fmt.Errorf("find this hw1 binary (give it with --hw1 PATH): %w", err)}
		}
	}
	if bin, err = filepath.Abs(bin); err != nil {
		return exitError{2, fmt.Errorf("--hw1 %s: %w", bin, err)}
	}
	wd, err := os.Getwd()
	if err != nil {
		return exitError{2, fmt.Errorf("the working folder: %w", err)}
	}

	args := []string{"run", name, "--profile", profile, "--seed", strconv.FormatInt(seeds[0], 10), "--threads", strconv.Itoa(cpus), "--quiet"}
	if s := c.String("seeds"); s != "" {
		args = append(args, "--seeds", s)
	}
	for _, s := range c.StringSlice("set") {
		args = append(args, "--set", s)
	}
	if d := c.String("data"); d != "" {
		args = append(args, "--data", d)
	}
	if d := c.String("device"); d != "" {
		args = append(args, "--device", d)
	}
	longest := int64(0)
	job := slurmJob{Name: "hw1-" + name, Tasks: n, CPUs: cpus, Partition: c.String("partition"),
		GPU: strings.HasPrefix(c.String("device"), "gpu"), Hw1: shellQuote(bin), Workdir: shellQuote(wd),
		Out: shellQuote(out), Logs: shellQuote(filepath.Join(to, "logs")), RunArgs: shellWords(args), MergeTime: "30:00"}
	for i := range n {
		var units []shards.Unit
		var load int64
		if plan != nil {
			units, load = plan.Shards[i], plan.Load(i)
		} else {
			for _, x := range names {
				for _, k := range seeds {
					units = append(units, shards.Unit{Experiment: x, Seed: k})
				}
			}
			for _, e := range r.Estimate(jobsOf(r, names), nil) {
				load += e.Duration.Milliseconds() * int64(len(seeds))
			}
		}
		longest = max(longest, load)
		job.UnitsByJob = append(job.UnitsByJob, fmt.Sprintf("task %d (%s): %s", i, roundEstimate(time.Duration(load)*time.Millisecond), unitNames(units)))
	}
	// The estimate is the reference machine's (2 cores); on fewer CPUs the
	// compute-bound experiments take longer in proportion.
	slower := max(1, 2/cpus)
	est := time.Duration(float64(longest)*float64(time.Millisecond)) * time.Duration(slower)
	job.Estimate = roundEstimate(time.Duration(longest) * time.Millisecond)
	if slower > 1 {
		job.Estimate += fmt.Sprintf(", ×%d on %d CPU", slower, cpus)
	}
	job.Time = c.String("time")
	if job.Time == "" {
		job.Time = slurmMinutes(2*est + 10*time.Minute)
	}
	mb, why := runner.TaskMemory(profile)
	job.Mem, job.MemWhy = c.String("mem"), why
	if job.Mem == "" {
		job.Mem = fmt.Sprintf("%dM", mb)
	} else {
		job.MemWhy = "given with --mem"
	}
	if err := os.MkdirAll(filepath.Join(to, "logs"), 0o755); err != nil {
		return exitError{2, fmt.Errorf("--to %s: %w; choose a folder you can write", to, err)}
	}
	for file, tmpl := range map[string]string{"array.sbatch": arraySbatch, "merge.sbatch": mergeSbatch, "submit.sh": submitScript} {
		var b bytes.Buffer
		if err := template.Must(template.New(file).Funcs(template.FuncMap{"dec": func(i int) int { return i - 1 }}).Parse(tmpl)).Execute(&b, job); err != nil {
			return fmt.Errorf("write %s: %w", file, err)
		}
		if err := os.WriteFile(filepath.Join(to, file), b.Bytes(), 0o755); err != nil {
			return exitError{2, fmt.Errorf("write %s: %w; choose a folder you can write with --to DIR", filepath.Join(to, file), err)}
		}
	}
	w := c.App.Writer
	gpu := ""
	if job.GPU {
		gpu = ", --gres=gpu:1"
	}
	fmt.Fprintf(w, "hw1 slurm: %d tasks of %s, profile %s, seeds %s; each task asks for --cpus-per-task=%d, --mem=%s (%s), --time=%s "+
		"(the longest task's estimate on the reference machine, %s, twice, plus 10 minutes)%s\n",
		n, name, profile, joinInts(seeds), cpus, job.Mem, job.MemWhy, job.Time, job.Estimate, gpu)
	for _, u := range job.UnitsByJob {
		fmt.Fprintln(w, "  "+u)
	}
	fmt.Fprintf(w, "submit:   %s\n", filepath.Join(to, "submit.sh"))
	fmt.Fprintf(w, "resubmit: %s TASKS ARRAY_JOB   (e.g. 2,3 and the first array's job id; finished units are skipped)\n", filepath.Join(to, "submit.sh"))
	fmt.Fprintf(w, "report:   %s\n", filepath.Join(out, "merged", "report.html"))
	return nil
}

// jobsOf prepares the named experiments (Prepare checked them).
func jobsOf(r *runner.Runner, names []string) []runner.Job {
	var jobs []runner.Job
	for _, x := range names {
		exp, cfg, err := r.Prepare(x)
		if err == nil {
			jobs = append(jobs, runner.Job{Exp: exp, Cfg: cfg})
		}
	}
	return jobs
}

// slurmValue reports whether v reads as sbatch's --mem or --time.
func slurmValue(flag, v string) bool {
	re := map[string]string{"mem": `^[0-9]+[KMGT]?$`, "time": `^([0-9]+-)?[0-9]+(:[0-9]{2}){0,2}$`}[flag]
	return regexp.MustCompile(re).MatchString(v)
}

// slurmMinutes writes d as sbatch's --time, whole minutes rounded up: "1:35:00".
func slurmMinutes(d time.Duration) string {
	m := int(math.Ceil(d.Minutes()))
	return fmt.Sprintf("%d:%02d:00", m/60, m%60)
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func shellWords(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}

func joinInts(seeds []int64) string {
	parts := make([]string, len(seeds))
	for i, k := range seeds {
		parts[i] = strconv.FormatInt(k, 10)
	}
	return strings.Join(parts, ",")
}

const arraySbatch = `#!/usr/bin/env bash
# Written by 'hw1 slurm'. Task K of the array runs shard K/{{.Tasks}} of the run:
{{- range .UnitsByJob}}
#   {{.}}
{{- end}}
# Requests: --cpus-per-task={{.CPUs}} (hw1 runs on as many threads); --mem={{.Mem}}: {{.MemWhy}};
# --time={{.Time}}: the longest task's estimate on the reference machine ({{.Estimate}}) twice, plus 10 minutes.
# A task that is cancelled or fails keeps its finished units; resubmitted
# (submit.sh K ARRAY_JOB, or sbatch --array=K array.sbatch), it skips them and continues.
#SBATCH --job-name={{.Name}}
#SBATCH --array=0-{{.Tasks | dec}}
#SBATCH --cpus-per-task={{.CPUs}}
#SBATCH --mem={{.Mem}}
#SBATCH --time={{.Time}}
#SBATCH --output={{.Logs}}/task-%a-job-%A.out
{{- if .Partition}}
#SBATCH --partition={{.Partition}}
{{- end}}
{{- if .GPU}}
#SBATCH --gres=gpu:1
{{- end}}
set -euo pipefail
cd {{.Workdir}}
task=${SLURM_ARRAY_TASK_ID:?run this script with sbatch --array}
exec {{.Hw1}} {{.RunArgs}} --shard "$task/{{.Tasks}}" --out {{.Out}}/shards/shard-"$task"
`

const mergeSbatch = `#!/usr/bin/env bash
# Written by 'hw1 slurm': joins the shards of the run into merged/ (hw1 merge
# checks that every unit is there exactly once) and writes the report. It runs
# after the array (submit.sh gives it --dependency=afterok on the array).
#SBATCH --job-name={{.Name}}-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem={{.Mem}}
#SBATCH --time={{.MergeTime}}
#SBATCH --output={{.Logs}}/merge-job-%j.out
{{- if .Partition}}
#SBATCH --partition={{.Partition}}
{{- end}}
set -euo pipefail
cd {{.Workdir}}
out={{.Out}}
shards=()
for ((k = 0; k < {{.Tasks}}; k++)); do
	if [[ -d "$out/shards/shard-$k" ]]; then
		shards+=("$out/shards/shard-$k")
	fi
done
if ((${#shards[@]} == 0)); then
	echo "no shard folder under $out/shards: did the array run?" >&2
	exit 1
fi
# Merge into a new folder, then put it in place: a merge writes over nothing.
tmp="$out/.merging-${SLURM_JOB_ID:-$$}"
{{.Hw1}} merge "$tmp" "${shards[@]}"
{{.Hw1}} report "$tmp"
if [[ -e "$out/merged" ]]; then
	mv "$out/merged" "$out/merged.before-${SLURM_JOB_ID:-$$}"
fi
mv "$tmp" "$out/merged"
echo "report: $out/merged/report.html"
`

const submitScript = `#!/usr/bin/env bash
# Written by 'hw1 slurm'. Submits the job array of the run and the merge job,
# which starts once every task has ended well (--dependency=afterok).
#   submit.sh                   every task, 0-{{.Tasks | dec}}
#   submit.sh 2,3 ARRAY_JOB     resubmit tasks 2 and 3 once they have ended; the new
#                               merge job also waits for the rest of ARRAY_JOB
# Prints "array=<job id> merge=<job id>".
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tasks=${1:-0-{{.Tasks | dec}}}
after=${2:-}
array=$(sbatch --parsable --array="$tasks" "$here/array.sbatch")
array=${array%%;*}
dependency="afterok:$array"
if [[ -n "$after" ]]; then
	dependency="$dependency,afterany:$after"
fi
merge=$(sbatch --parsable --dependency="$dependency" --kill-on-invalid-dep=yes "$here/merge.sbatch")
merge=${merge%%;*}
echo "array=$array merge=$merge"
`
