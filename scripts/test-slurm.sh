#!/usr/bin/env bash
# make test-slurm: hw1's Slurm workflow ('hw1 slurm') on a real one-node
# Slurm started here from Debian's packages, as root.
#
# 1. Installs slurm-wlm and munge with apt-get when they are missing.
# 2. Runs the smoke suite with --seeds 2 unsharded, timed.
# 3. In a network namespace of its own (loopback only), starts munged,
#    slurmctld and slurmd with their state, spool and logs under a temporary
#    folder, for a node of 2 CPUs.
# 4. Runs the same suite as a job array of 4 tasks and a merge job; checks
#    that the merged tables and the report's findings are byte-identical to
#    the unsharded run's, and times the array.
# 5. Runs it again, cancels task 0 (scancel) once it has finished a unit,
#    resubmits it, and checks that the run completes with every unit that was
#    finished before the cancel left as it was (not redone) and the tables
#    byte-identical again.
# 6. Stops every daemon it started, by its process id, whatever happened.
#
# Usage: scripts/test-slurm.sh (bin/hw1 built, data/mnist present: make
# test-slurm does both). Set HW1_SLURM_KEEP=1 to keep the temporary folder.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { echo "test-slurm: $*"; }
fail() {
	echo "test-slurm: FAIL: $*" >&2
	exit 1
}

if [[ $(id -u) != 0 ]]; then
	echo "test-slurm: run as root (sudo make test-slurm): it installs Debian's slurm-wlm and munge when missing and starts their daemons" >&2
	exit 2
fi
if [[ ! -x bin/hw1 ]]; then
	echo "test-slurm: no bin/hw1: run 'make build' first (make test-slurm does)" >&2
	exit 2
fi
if [[ -z ${HW1_SLURM_INSIDE:-} ]]; then
	missing=()
	for c in slurmctld slurmd sbatch munged; do
		command -v "$c" >/dev/null || missing+=("$c")
	done
	if ((${#missing[@]} > 0)); then
		say "installing slurm-wlm and munge (missing: ${missing[*]})"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
	fi
	for c in unshare ip setpriv; do
		command -v "$c" >/dev/null || {
			echo "test-slurm: $c is missing (util-linux, iproute2)" >&2
			exit 2
		}
	done
	# A network namespace with only the loopback interface: the daemons
	# talk over 127.0.0.1 and no one outside reaches their ports.
	exec env HW1_SLURM_INSIDE=1 unshare --net -- "$0" "$@"
fi
ip link set lo up
# slurmctld listens on every address (getaddrinfo with AI_ADDRCONFIG), which
# finds none when the namespace has only 127.0.0.1: a second address on the
# loopback interface, reachable from nowhere else.
ip addr add 10.255.0.1/32 dev lo

work=$(mktemp -d /tmp/hw1-slurm.XXXXXX)
chmod 755 "$work"
declare -A pid=()   # daemon -> its process id
submitted=()        # the job ids this test submitted
export SLURM_CONF="$work/slurm.conf"

# stop ends what this test started: its jobs, then each daemon by its pid.
stop() {
	local status=$?
	if ((${#submitted[@]} > 0)) && [[ -n ${pid[slurmctld]:-} ]]; then
		scancel "${submitted[@]}" 2>/dev/null || true
	fi
	local d stopped=()
	for d in slurmd slurmctld munged; do
		local p=${pid[$d]:-}
		[[ -n $p ]] || continue
		kill "$p" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$p" 2>/dev/null; then
			kill -9 "$p" 2>/dev/null || true
		fi
		wait "$p" 2>/dev/null || true
		stopped+=("$d (pid $p)")
	done
	if ((${#stopped[@]} > 0)); then
		say "stopped ${stopped[*]}"
	fi
	if ((status == 0)) && [[ -z ${HW1_SLURM_KEEP:-} ]]; then
		rm -rf "$work"
	else
		say "kept $work (logs: $work/log, $work/*/slurm/logs)"
	fi
	exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# --- 2. the unsharded run -------------------------------------------------
# The tasks run on 1 CPU and 1 thread each (two at a time on the 2-CPU
# node); the reference is the unsharded run on as many threads, as some
# experiments' last digits depend on the thread count (mnist-depth, seed 2).
# The unsharded run on every core (hw1's default) is timed too.
suite=(all --profile smoke --seeds 2)
unsharded() {
	local out=$1 t0
	shift
	say "unsharded: bin/hw1 run ${suite[*]} $*" >&2
	t0=$(now)
	bin/hw1 run "${suite[@]}" "$@" --quiet --out "$work/$out" >"$work/$out.log" 2>&1 || {
		cat "$work/$out.log" >&2
		fail "the unsharded run failed"
	}
	elapsed "$t0" "$(now)"
}
whole_s=$(unsharded whole --threads 1)
cores_s=$(unsharded cores)
rm -rf "$work/cores"

# --- 3. a one-node Slurm --------------------------------------------------
mkdir -p "$work/munge/etc" "$work/munge/run" "$work/state" "$work/spool" "$work/log"
chown munge:munge "$work/munge" "$work/munge/etc" "$work/munge/run"
chmod 755 "$work/munge" "$work/munge/run"
chmod 700 "$work/munge/etc"
dd if=/dev/urandom of="$work/munge/etc/munge.key" bs=128 count=1 status=none
chown munge:munge "$work/munge/etc/munge.key"
chmod 400 "$work/munge/etc/munge.key"
socket="$work/munge/run/munge.socket"
setpriv --reuid=munge --regid=munge --init-groups \
	munged --foreground --socket="$socket" --key-file="$work/munge/etc/munge.key" \
	--pid-file="$work/munge/run/munged.pid" --log-file="$work/munge/etc/munged.log" \
	--seed-file="$work/munge/etc/munged.seed" >"$work/log/munged.out" 2>&1 &
pid[munged]=$!
for _ in $(seq 50); do
	[[ -S $socket ]] && break
	sleep 0.1
done
[[ -S $socket ]] || fail "munged did not start: $(cat "$work/log/munged.out")"

node=$(hostname -s)
mem=$(awk '/MemTotal/ { print int($2 / 1024) - 1024 }' /proc/meminfo)
cat >"$SLURM_CONF" <<EOF
ClusterName=hw1test
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
# slurmd binds to the node's address (127.0.0.1), not to every interface.
CommunicationParameters=NoInAddrAny
MessageTimeout=5
ReturnToService=2
MinJobAge=3600
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 &
pid[slurmctld]=$!
slurmd -D -f "$SLURM_CONF" >"$work/log/slurmd.out" 2>&1 &
pid[slurmd]=$!
limit=$((SECONDS + 30))
while ((SECONDS < limit)) && kill -0 "${pid[slurmctld]}" 2>/dev/null && kill -0 "${pid[slurmd]}" 2>/dev/null; do
	[[ $(sinfo -h -o %t 2>/dev/null) == idle ]] && break
	sleep 0.2
done
[[ $(sinfo -h -o %t 2>/dev/null) == idle ]] || fail "the node is not idle: $(tail -n 3 "$work"/log/slurm*.out)"
say "one-node Slurm up: node $node idle, 2 CPUs (munged ${pid[munged]}, slurmctld ${pid[slurmctld]}, slurmd ${pid[slurmd]})"

# state JOB prints the states of the job (of each task of an array).
state() {
	scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 | sort | uniq -c |
		awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }'
}
# running JOB reports whether a task of the job is pending or running.
running() { [[ -n $(squeue -h -j "$1" -o %i 2>/dev/null) ]]; }
# wait_gone JOB waits until no task of the job is pending or running.
wait_gone() {
	local limit=$((SECONDS + 600))
	while running "$1"; do
		((SECONDS < limit)) || fail "job $1 still in the queue after 10 minutes: $(state "$1")"
		sleep 0.2
	done
}
# submit [ARGS] runs the run's submit.sh and sets array and merge.
submit() {
	local line
	line=$("$dir/slurm/submit.sh" "$@") || fail "submit.sh $* failed"
	array=$(sed -n 's/^array=\([0-9]*\) merge=.*/\1/p' <<<"$line")
	merge=$(sed -n 's/.* merge=\([0-9]*\)$/\1/p' <<<"$line")
	[[ -n $array && -n $merge ]] || fail "submit.sh printed '$line'"
	submitted+=("$array" "$merge")
}
# epoch TIME is a Slurm time in seconds since 1970.
epoch() { date -d "$1" +%s; }
# span JOB is the seconds from the first start to the last end of its tasks.
span() {
	local info first last
	info=$(scontrol show job "$1")
	first=$(grep -o 'StartTime=[^ ]*' <<<"$info" | cut -d= -f2 | sort | head -1)
	last=$(grep -o 'EndTime=[^ ]*' <<<"$info" | cut -d= -f2 | sort | tail -1)
	echo $(($(epoch "$last") - $(epoch "$first")))
}
# same_as_whole DIR checks DIR's tables and findings against the unsharded run's.
same_as_whole() {
	local d=$1 f n=0
	diff <(cd "$work/whole" && find . -name '*.csv' | sort) <(cd "$d" && find . -name '*.csv' | sort) >/dev/null ||
		fail "$d holds other tables than the unsharded run: $(diff <(cd "$work/whole" && find . -name '*.csv' | sort) <(cd "$d" && find . -name '*.csv' | sort) | head -5)"
	while read -r f; do
		cmp -s "$work/whole/$f" "$d/$f" || fail "$d/$f differs from the unsharded run's"
		n=$((n + 1))
	done < <(cd "$work/whole" && find . -name '*.csv' | sort)
	findings "$work/whole/report.html" >"$work/whole.findings"
	findings "$d/report.html" >"$d.findings"
	[[ -s "$work/whole.findings" ]] || fail "no findings in the unsharded report"
	cmp -s "$work/whole.findings" "$d.findings" || fail "the findings of $d/report.html differ from the unsharded run's"
	echo "$n"
}
# findings FILE prints the findings tables of a report.
findings() { sed -n '/<table class="findings"/,/<\/table>/p' "$1"; }

# --- 4. the array, timed ---------------------------------------------------
dir="$work/array"
bin/hw1 slurm "${suite[@]}" --tasks 4 --cpus 1 --out "$dir" | tee "$work/plan.txt"
t0=$(now)
submit
wait_gone "$array"
array_wall=$(elapsed "$t0" "$(now)")
wait_gone "$merge"
merge_wall=$(elapsed "$t0" "$(now)")
[[ $(state "$array") == "4 COMPLETED" ]] || fail "array $array ended $(state "$array"); logs in $dir/slurm/logs"
[[ $(state "$merge") == "1 COMPLETED" ]] || fail "merge job $merge ended $(state "$merge"): $(cat "$dir"/slurm/logs/merge-*.out)"
array_span=$(span "$array")
tables=$(same_as_whole "$dir/merged") || exit 1
say "array: 4 tasks in ${array_wall} s from submission to the last task's end (${array_span} s from first start to last end), merged and reported ${merge_wall} s after submission"
say "unsharded: ${whole_s} s on 1 thread, ${cores_s} s on every core"
say "array: $tables tables and the report's findings byte-identical to the unsharded run's"

# --- 5. cancel a task mid-run, resubmit it --------------------------------
dir="$work/resubmit"
bin/hw1 slurm "${suite[@]}" --tasks 4 --cpus 1 --out "$dir" >/dev/null
submit
first_array=$array first_merge=$merge
shard="$dir/shards/shard-0"
# done_units lists the manifests of the units shard 0 finished.
done_units() { grep -l '"status": "done"' "$shard"/*/seed-*/manifest.json 2>/dev/null || true; }
limit=$((SECONDS + 300))
until [[ -n $(done_units) ]]; do
	((SECONDS < limit)) || fail "task 0 finished no unit in 5 minutes"
	sleep 0.05
done
scancel "${first_array}_0"
while running "${first_array}_0"; do sleep 0.1; done
units=$(grep -o 'seed [0-9]*' "$shard/shard.json" | wc -l)
mapfile -t before < <(done_units)
((${#before[@]} < units)) || fail "task 0 ended all its $units units before the cancel: the test proves nothing"
mkdir -p "$work/before"
for m in "${before[@]}"; do
	cp "$m" "$work/before/$(echo "${m#"$shard"/}" | tr / _)"
done
task_state=$(scontrol show job "${first_array}_0" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
[[ $task_state == CANCELLED ]] || fail "task 0 ended $task_state after scancel, not CANCELLED"
say "cancelled task 0 (job ${first_array}_0) after ${#before[@]} of its $units units"
wait_gone "$first_merge"
[[ $(state "$first_merge") == "1 CANCELLED" ]] || fail "the first merge job ended $(state "$first_merge"), want cancelled (its array did not end well)"
[[ ! -e $dir/merged ]] || fail "a merge ran although task 0 was cancelled"
submit 0 "$first_array"
wait_gone "$array"
wait_gone "$first_array"
wait_gone "$merge"
[[ $(state "$array") == "1 COMPLETED" ]] || fail "resubmitted task 0 ended $(state "$array")"
[[ $(state "$merge") == "1 COMPLETED" ]] || fail "merge job $merge ended $(state "$merge"): $(cat "$dir"/slurm/logs/merge-job-"$merge".out)"
for m in "${before[@]}"; do
	cmp -s "$m" "$work/before/$(echo "${m#"$shard"/}" | tr / _)" || fail "$m changed: a unit finished before the cancel was done again"
done
log="$dir/slurm/logs/task-0-job-$array.out"
skipped=$(grep -c 'skipped' "$log" || true)
((skipped == ${#before[@]})) || fail "the resubmitted task skipped $skipped units, want the ${#before[@]} finished before the cancel (log $log)"
tables=$(same_as_whole "$dir/merged") || exit 1
say "resubmitted task 0 (job $array): skipped the ${#before[@]} units it had finished, ran the other $((units - ${#before[@]})); merge job $merge: every unit once"
say "after cancel and resubmit: $tables tables and the findings byte-identical to the unsharded run's; nothing lost, nothing done twice"
say "PASS"
