# hw1 — set-up, build, test and run. `make run` and `make test` are the whole
# set-up on a fresh Linux x86-64 machine with Go and pip (see README.md).

SHELL := bash
TF_VERSION := 2.18.0
LIBTENSORFLOW_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/hw1/libtensorflow-$(TF_VERSION)
export LIBTENSORFLOW_DIR
export CGO_CFLAGS := -I$(LIBTENSORFLOW_DIR)/include
export CGO_LDFLAGS := -L$(LIBTENSORFLOW_DIR)/lib -Wl,-rpath,$(LIBTENSORFLOW_DIR)/lib
export LD_LIBRARY_PATH := $(LIBTENSORFLOW_DIR)/lib$(if $(LD_LIBRARY_PATH),:$(LD_LIBRARY_PATH))
export TF_CPP_MIN_LOG_LEVEL ?= 2
export TF_ENABLE_ONEDNN_OPTS ?= 1
export TF_OVERRIDE_GLOBAL_THREADPOOL ?= 1

PROFILE ?= quick
# Each profile has its own folder (results for quick, results-PROFILE for the
# others), so that `make run` after `make run PROFILE=full` never meets the
# full results; hw1 refuses to replace a result of another profile anyway.
OUT ?= $(if $(filter quick,$(PROFILE)),results,results-$(PROFILE))
TF_STAMP := $(LIBTENSORFLOW_DIR)/lib/libtensorflow.so
DATA_STAMP := data/mnist/train-images-idx3-ubyte.gz

.PHONY: all libtensorflow data build results-tool test test-slurm vet run record doctor bench clean help gpu-on-cpu gpu-check image

all: build

help:
	@echo "make run     install what is missing, build, run every experiment (PROFILE=quick; OUT=results, or results-PROFILE for another profile) and write OUT/report.html"
	@echo "make record  the reference record docs/record: the full profile over 3 seeds on 2 threads into RECORD_RUN (hours; rerun to resume), then 'hw1 record'"
	@echo "make bench   hw1's training throughput beside Keras's on the same TensorFlow"
	@echo "make test    install what is missing, go vet, staticcheck, go test ./... on the real TensorFlow"
	@echo "make test-slurm   (root) the Slurm workflow on a one-node Slurm started here: array, cancel, resubmit, merge"
	@echo "make build   bin/hw1, and bin/hw1-results (list, plot, report, merge, compare without TensorFlow)"
	@echo "make results-tool   bin/hw1-results alone: needs Go only, no TensorFlow"
	@echo "make data    MNIST and Fashion-MNIST under data/"
	@echo "make libtensorflow   TensorFlow $(TF_VERSION)'s C library under LIBTENSORFLOW_DIR"
	@echo "make gpu-on-cpu  the GPU build of TensorFlow (2.4 GB of wheels) on this CPU: smoke suite, tables compared with the CPU build's"
	@echo "make gpu-check   on a machine with an NVIDIA GPU: doctor, smoke suite on the GPU against the CPU, steps/s; a summary to paste"
	@echo "make image       the CPU and GPU images of the Dockerfile, built and tested with podman (IMAGE=cpu|gpu|all)"

$(TF_STAMP):
	scripts/install-libtensorflow.sh >/dev/null

libtensorflow: $(TF_STAMP)

$(DATA_STAMP):
	scripts/data.sh

data:
	scripts/data.sh

build: $(TF_STAMP) results-tool
	go build -buildvcs=auto -o bin/hw1 ./cmd/hw1

# bin/hw1-results: list, plot, report, merge and compare in pure Go, without TensorFlow,
# for a machine that only reads results (copied from a cluster, say).
results-tool:
	CGO_ENABLED=0 go build -buildvcs=auto -tags notf -o bin/hw1-results ./cmd/hw1

vet: $(TF_STAMP)
	go vet ./...
	CGO_ENABLED=0 go vet -tags notf ./cmd/hw1
	go tool staticcheck ./...

# The fault suite (cmd/hw1, TestFaultsAndBadInputs) writes its one-line
# summary to FAULT_SUMMARY; it is printed whether the tests pass or not.
FAULT_SUMMARY := bin/fault-summary.txt

test: $(TF_STAMP) $(DATA_STAMP) vet
	@mkdir -p bin && rm -f $(FAULT_SUMMARY)
	@HW1_FAULT_SUMMARY=$(CURDIR)/$(FAULT_SUMMARY) go test -timeout 30m ./...; status=$$?; \
		cat $(FAULT_SUMMARY) 2>/dev/null; exit $$status

# The Slurm workflow (hw1 slurm) on a real one-node Slurm that the script
# starts and stops, as root; not part of `make test` (it installs Debian's
# slurm-wlm and munge when missing). About 2 minutes on 2 cores.
test-slurm: build $(DATA_STAMP)
	scripts/test-slurm.sh

run: build $(DATA_STAMP)
	bin/hw1 run all --profile $(PROFILE) --out $(OUT)

# The reference record (docs/record, README "Reference results"): the full
# profile over 3 seeds on 2 threads, resumable (rerun to go on where it
# stopped), then its compact form: manifests, aggregates, findings.
RECORD_RUN ?= results-record
record: build $(DATA_STAMP)
	bin/hw1 run all --profile full --seeds 3 --threads 2 --out $(RECORD_RUN)
	bin/hw1 record $(RECORD_RUN) docs/record

bench: build $(DATA_STAMP)
	scripts/bench.sh

doctor: build
	bin/hw1 doctor

# Not part of test: they download the GPU build's 2.4 GB of wheels.
gpu-on-cpu: $(DATA_STAMP)
	scripts/gpu-on-cpu.sh

gpu-check: $(DATA_STAMP)
	scripts/gpu-check.sh

IMAGE ?= all
image:
	scripts/image.sh $(IMAGE)

clean:
	rm -rf bin
