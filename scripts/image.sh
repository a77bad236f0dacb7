#!/usr/bin/env bash
# Builds the Dockerfile's CPU and GPU images with podman, on a Debian base
# made here with debootstrap, so that no image is pulled from a registry. It
# is the same Dockerfile a user builds with Docker; only its BASE build
# argument changes. Each build ends with the Dockerfile's test stage, which
# runs `hw1 doctor` and the whole smoke suite inside the image.
#
#   scripts/image.sh [cpu|gpu|all]     (default: all)
#
# Needs podman and debootstrap (Debian: apt-get install podman debootstrap)
# and root. The base and the layers live in podman's storage; the debootstrap
# tree is made in the cache folder and removed once imported.
# The build context is the committed tree (git archive HEAD), so that local
# edits and untracked files (data/, results) stay out and cannot change the
# context between the test build and the image build; HW1_IMAGE_CONTEXT=.
# builds the working tree instead.
# Environment: HW1_IMAGE_NO_CACHE=1 (build the test stage's layers anew, to
# time it: "test build" in the summary; the image build after it may redo
# some layers, as buildah's cache of the no-cache layers misses),
# HW1_IMAGE_BASE (a base image already there: skip debootstrap),
# DEBIAN_MIRROR, HW1_IMAGE_TAG (default hw1), HW1_BUILD_CA_FILE (a CA
# bundle to trust while building, behind a TLS-intercepting proxy; not
# kept in the image).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "image: $*" >&2; }

case "${1:-all}" in
  cpu|gpu) variants=$1 ;;
  all) variants="cpu gpu" ;;
  *) log "usage: scripts/image.sh [cpu|gpu|all] (got '$1')"; exit 2 ;;
esac
for tool in podman debootstrap; do
  command -v "$tool" >/dev/null || { log "$tool is missing: apt-get install podman debootstrap"; exit 1; }
done

cache=${XDG_CACHE_HOME:-$HOME/.cache}/hw1/image
base=${HW1_IMAGE_BASE:-localhost/hw1-base:bookworm}
tag=${HW1_IMAGE_TAG:-hw1}

if ! podman image exists "$base"; then
  log "making the base $base with debootstrap (Debian 12, minbase)"
  root="$cache/rootfs-bookworm"
  rm -rf "$root"
  mkdir -p "$cache"
  debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | podman import - "$base" >&2
  rm -rf "$root"
fi

ca=()
if [ -n "${HW1_BUILD_CA_FILE:-}" ]; then
  [ -f "$HW1_BUILD_CA_FILE" ] || { log "HW1_BUILD_CA_FILE=$HW1_BUILD_CA_FILE: no such file"; exit 2; }
  ca=(--volume "$(realpath "$HW1_BUILD_CA_FILE"):/run/build-ca.pem:ro")
fi

context=${HW1_IMAGE_CONTEXT:-}
if [ -z "$context" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  git archive HEAD | tar -x -C "$work"
  context=$work
  log "context: the committed tree at $(git rev-parse --short HEAD)"
fi
nocache=()
[ "${HW1_IMAGE_NO_CACHE:-}" = 1 ] && nocache=(--no-cache)

summary=()
for v in $variants; do
  image="$tag:$v"
  [ "$v" = gpu ] && image="$tag-gpu:latest"
  log "building $image (TF_VARIANT=$v) with its test stage"
  start=$(date +%s)
  # The test stage: doctor and the smoke suite inside the image.
  podman build --isolation chroot --network host "${ca[@]}" "${nocache[@]}" --build-arg BASE="$base" --build-arg TF_VARIANT="$v" \
    --target test -t "$tag-$v-test" "$context" >&2
  tested=$(( $(date +%s) - start ))
  # The image itself: the same layers, cached.
  podman build --isolation chroot --network host "${ca[@]}" --build-arg BASE="$base" --build-arg TF_VARIANT="$v" \
    -t "$image" "$context" >&2
  took=$(( $(date +%s) - start ))
  size=$(podman image inspect --format '{{.Size}}' "$image")
  summary+=("$(printf '%-16s built and tested in %dm%02ds (test build %dm%02ds), %d MB' "$image" \
    $((took / 60)) $((took % 60)) $((tested / 60)) $((tested % 60)) $((size / 1000000)))")
  podman rmi "$tag-$v-test" >/dev/null 2>&1 || true
done
printf 'image: %s\n' "${summary[@]}"
