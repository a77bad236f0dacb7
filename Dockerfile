# hw1 image: bin/hw1 linked against the official libtensorflow 2.18.0.
#
#   GPU (default): CUDA 12.5 + cuDNN 9, what TensorFlow 2.18 was built with.
#     docker build -t hw1 .
#     docker run --rm --gpus all -v "$PWD/results:/results" hw1 run all --profile full
#   CPU:
#     docker build -t hw1-cpu --build-arg BASE=ubuntu:22.04 --build-arg TF_VARIANT=cpu .
#
# Results go to the /results volume; the CUDA JIT cache lives there too, so
# that PTX compiled on a first run (TF 2.18 ships no sm_90 kernels, so Hopper
# GPUs JIT-compile) is kept between runs.
ARG BASE=nvidia/cuda:12.5.1-cudnn-runtime-ubuntu22.04
ARG GO_IMAGE=golang:1.26-bookworm

FROM ${GO_IMAGE} AS go

FROM ${BASE} AS build
ARG TF_VARIANT=gpu
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl gcc libc6-dev make python3 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=go /usr/local/go /usr/local/go
ENV PATH=/usr/local/go/bin:$PATH LIBTENSORFLOW_DIR=/opt/libtensorflow TF_VARIANT=${TF_VARIANT}
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN scripts/install-libtensorflow.sh && make build && DATA_DIR=/opt/hw1-data scripts/data.sh

FROM ${BASE}
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/libtensorflow/lib /opt/libtensorflow/lib
COPY --from=build /src/bin/hw1 /usr/local/bin/hw1
COPY --from=build /opt/hw1-data /data
ENV LD_LIBRARY_PATH=/opt/libtensorflow/lib \
    TF_CPP_MIN_LOG_LEVEL=2 \
    TF_ENABLE_ONEDNN_OPTS=1 \
    TF_OVERRIDE_GLOBAL_THREADPOOL=1 \
    CUDA_CACHE_PATH=/results/.cuda-cache \
    CUDA_CACHE_MAXSIZE=4294967296
WORKDIR /
VOLUME /results
ENTRYPOINT ["hw1"]
CMD ["doctor", "--data-root", "/data"]
