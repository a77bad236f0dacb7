# hw1 image: bin/hw1 linked against TensorFlow 2.18.0's C library, from the
# pinned PyPI wheels that scripts/install-libtensorflow.sh installs, on a
# plain glibc base. No CUDA base image: the GPU variant carries the CUDA 12.5 /
# cuDNN 9.3 runtime of tensorflow's and-cuda wheels, and the NVIDIA Container
# Toolkit mounts the driver (libcuda.so.1) at `docker run --gpus all`.
#
#   CPU (default):
#     docker build -t hw1 .
#     docker run --rm -v "$PWD/results:/results" hw1 run all --profile quick
#   GPU:
#     docker build -t hw1-gpu --build-arg TF_VARIANT=gpu .
#     docker run --rm --gpus all hw1-gpu doctor
#     docker run --rm --gpus all -v "$PWD/results:/results" hw1-gpu run all --profile full --device gpu
#     docker run --rm --gpus all -v "$PWD/results:/results" --entrypoint gpu-check.sh hw1-gpu /results/gpu-check
#   The smoke suite inside the image, as a build check:
#     docker build --target test .
#
# BASE is any glibc distribution with apt (Debian 12 or later, Ubuntu 22.04
# or later); scripts/image.sh builds this same file with podman on a local
# Debian base and changes BASE only.
ARG BASE=debian:bookworm-slim

FROM ${BASE} AS build
ARG TF_VARIANT=cpu
# Go from the Go module proxy: the toolchain is a module, so no golang image
# is needed. GO_SHA256 pins the zip.
ARG GO_VERSION=1.26.8
ARG GO_SHA256=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7
ARG GOPROXY=https://proxy.golang.org
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# The build tools are the base's versions (any Debian or Ubuntu): what goes
# into the image, TensorFlow, the CUDA runtime and Go, is sha256-pinned.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl gcc libc6-dev make python3 python3-pip unzip \
    && rm -rf /var/lib/apt/lists/*
# Behind a TLS-intercepting proxy, its CA is trusted while building (the
# build stage only, not the image) when mounted at /run/build-ca.pem, e.g.
# scripts/image.sh with HW1_BUILD_CA_FILE=FILE.
RUN if [ -f /run/build-ca.pem ]; then \
      cp /run/build-ca.pem /usr/local/share/ca-certificates/build-ca.crt && update-ca-certificates; \
    fi
RUN curl -fsSL --retry 2 -o /tmp/go.zip "${GOPROXY%%,*}/golang.org/toolchain/@v/v0.0.1-go${GO_VERSION}.linux-amd64.zip" \
    && echo "${GO_SHA256}  /tmp/go.zip" | sha256sum -c - \
    && unzip -q /tmp/go.zip -d /tmp/go \
    && mv "/tmp/go/golang.org/toolchain@v0.0.1-go${GO_VERSION}.linux-amd64" /usr/local/go \
    && rm -rf /tmp/go /tmp/go.zip \
    && /usr/local/go/bin/go version
ENV PATH=/usr/local/go/bin:$PATH GOTOOLCHAIN=local GOPROXY=${GOPROXY} \
    LIBTENSORFLOW_DIR=/opt/libtensorflow TF_VARIANT=${TF_VARIANT}
WORKDIR /src
# TensorFlow first: its layer (2.4 GB of wheels for gpu) stays cached while
# the sources change.
COPY scripts/install-libtensorflow.sh scripts/
RUN HW1_WHEEL_CACHE=/tmp/wheels scripts/install-libtensorflow.sh && rm -rf /tmp/wheels
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# nvidia/ (the CUDA runtime) is empty for cpu; BUILD_INFO is empty when the
# library came from the archive.
RUN make build && DATA_DIR=/opt/hw1-data scripts/data.sh \
    && mkdir -p /opt/libtensorflow/nvidia \
    && touch /opt/libtensorflow/BUILD_INFO

# The image: the C library under the prefix bin/hw1 was linked with (its
# rpath finds it; TensorFlow's own RUNPATH finds the CUDA libraries under
# nvidia/), the binary and the data sets.
FROM ${BASE} AS runtime
COPY --from=build /opt/libtensorflow/lib /opt/libtensorflow/lib
COPY --from=build /opt/libtensorflow/nvidia /opt/libtensorflow/nvidia
COPY --from=build /opt/libtensorflow/VERSION /opt/libtensorflow/BUILD_INFO /opt/libtensorflow/
COPY --from=build /src/bin/hw1 /usr/local/bin/hw1
COPY --from=build /opt/hw1-data /data
COPY scripts/gpu-check.sh /usr/local/bin/gpu-check.sh
ENV TF_CPP_MIN_LOG_LEVEL=2 \
    TF_ENABLE_ONEDNN_OPTS=1 \
    TF_OVERRIDE_GLOBAL_THREADPOOL=1 \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    CUDA_CACHE_PATH=/results/.cuda-cache \
    CUDA_CACHE_MAXSIZE=4294967296
# hw1's defaults (--data-root data, --out results) are /data and /results.
WORKDIR /
VOLUME /results
ENTRYPOINT ["hw1"]
CMD ["doctor"]

# The check that the image works: doctor, the whole smoke suite, and the
# GPU check rehearsed on the CPU (every step of gpu-check.sh, the "GPU"
# runs on the CPU), in RUN steps: no `docker run` and no GPU needed (a GPU
# build falls back to the CPU).
FROM runtime AS test
RUN hw1 doctor && hw1 run all --profile smoke --out /tmp/smoke --quiet \
    && GPU_CHECK_DEVICE=cpu gpu-check.sh /tmp/gpu-check

# The default target is the image.
FROM runtime
