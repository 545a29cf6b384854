#!/usr/bin/env bash
# Builds local stand-ins for the base images the templates name, so nothing is ever pulled from a
# registry. Idempotent: an image whose tag already exists is reused. Needs a running engine
# (eng/engine.sh) and, for the Debian rootfs, root and mmdebstrap.
#
# Adding a stack: write build_<stack>() (it gets the tag as $1; its output goes to a log) and add a
# `standin <tag> build_<stack>` line to main(), in a group of its own when it needs only the Debian image.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
label=org.multistage.standin=true
log_dir=${TMPDIR:-/tmp}/multistage-standins
dotnet_root=/usr/share/dotnet
# This machine's Node.js install (bin/node, lib/node_modules/{npm,corepack}), which the node:20 stand-ins carry.
node_root=/usr

debian_image=multistage-standin/debian:12
debian_suite=bookworm

# What Debian 12 ships, and so what the tags the templates name say. Each build checks the installed
# package against these and fails if Debian's version moved (the tags would then be wrong).
node_major=18
go_version=1.19
# The Go stack's default (GoStack.DefaultGoVersion), from bookworm-backports.
go_backports_version=1.23
php_version=8.2
composer_major=2
php_image=multistage-standin/php:$php_version

# standin TAG FUNCTION [ARGS...]: runs FUNCTION ARGS... TAG unless TAG exists; one line of output.
standin() {
    local tag=$1 start=$SECONDS status=0
    shift
    if docker image inspect "$tag" >/dev/null 2>&1; then
        echo "reused  $tag"
        return
    fi
    local log="$log_dir/$(echo "$tag" | tr '/:' '__').log"
    # A subshell outside any `if`/`||`, so `set -e` still applies inside the build function.
    set +e
    (set -e; "$@" "$tag") >"$log" 2>&1
    status=$?
    set -e
    if [ "$status" -ne 0 ]; then
        echo "FAILED  $tag (exit $status, log: $log); last lines:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    echo "built   $tag in $((SECONDS - start))s"
}

# The other node major, from this machine's own install, and the tools every node stand-in adds, pinned.
host_node_major=20
yarn_version=1.22.22
# The newest corepack that still runs on node 18; node 20 keeps the corepack its install came with.
corepack_version=0.29.4

# docker_build TAG DOCKERFILE [BUILD-OPTIONS...] < context tar that contains DOCKERFILE
docker_build() {
    local tag=$1 dockerfile=$2
    shift 2
    # Legacy builder: BuildKit is not set up here. No bridge network exists, so builds use the host's.
    # --force-rm: a failed step leaves no stopped container behind.
    DOCKER_BUILDKIT=0 docker build --network host --force-rm --label "$label" -f "$dockerfile" -t "$tag" "$@" -
}

# Builds <tag> from a Dockerfile beside this script, whose context is that file alone; more args go to docker build.
from_dockerfile() {
    local tag=$1 dockerfile=$2
    shift 2
    tar -c -C "$here" "$dockerfile" | docker_build "$tag" "$dockerfile" "$@"
}

# --- Debian ------------------------------------------------------------------------------------

build_debian() {
    local tag=$1 mirror=() hooks=() local_cas=() f
    # The host's own apt sources, so the rootfs comes from wherever this machine gets its packages;
    # without them mmdebstrap uses its default mirror.
    for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
        if [ -s "$f" ] && grep -q "$debian_suite" "$f"; then
            mirror=("$f")
            break
        fi
    done
    # The machine's network intercepts TLS with its own CA: carry the local CA files (so a later
    # update-ca-certificates keeps them) and the machine's bundle itself.
    shopt -s nullglob
    local_cas=(/usr/local/share/ca-certificates/*.crt)
    shopt -u nullglob
    if [ "${#local_cas[@]}" -gt 0 ]; then
        hooks+=(--customize-hook="copy-in ${local_cas[*]} /usr/local/share/ca-certificates"
                --customize-hook='chroot "$1" update-ca-certificates')
    fi
    hooks+=(--customize-hook='copy-in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs')

    local id
    # merged-usr hook: /usr merged by symlinks, as in Docker's debian images, instead of the usrmerge
    # package (which pulls in perl). The path excludes are those of debian:bookworm-slim; the apt and
    # dpkg options stay in the image, so later installs follow them too.
    id=$(mmdebstrap --variant=minbase \
            --include=ca-certificates,libc6,libgcc-s1,libicu72,libssl3,libstdc++6,tzdata,zlib1g \
            --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
            --aptopt='APT::Install-Recommends "false"' \
            --dpkgopt='path-exclude=/usr/share/doc/*' \
            --dpkgopt='path-include=/usr/share/doc/*/copyright' \
            --dpkgopt='path-exclude=/usr/share/groff/*' \
            --dpkgopt='path-exclude=/usr/share/info/*' \
            --dpkgopt='path-exclude=/usr/share/lintian/*' \
            --dpkgopt='path-exclude=/usr/share/locale/*' \
            --dpkgopt='path-exclude=/usr/share/man/*' \
            "${hooks[@]}" \
            "$debian_suite" - "${mirror[@]}" \
        | docker import \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
            --change 'ENV NUGET_CERT_REVOCATION_MODE=offline' \
            --change "LABEL $label" \
            --change 'CMD ["bash"]' \
            - )
    # Tagged only once the whole rootfs arrived, so a failed run leaves no tag to be reused.
    docker tag "$id" "$tag"
}

# --- .NET ----------------------------------------------------------------------------------------

# Versions of this machine's install; the images carry exactly these.
read_dotnet_versions() {
    if [ ! -x "$dotnet_root/dotnet" ]; then
        echo "build.sh: no .NET install at $dotnet_root; the .NET stand-ins copy it from there." >&2
        exit 1
    fi
    dotnet_version=$("$dotnet_root/dotnet" --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { print $2 }' | sort -V | tail -n 1)
    dotnet_channel=${dotnet_version%.*}
    aspnet_version=$("$dotnet_root/dotnet" --list-runtimes \
        | awk -v c="$dotnet_channel." '$1 == "Microsoft.AspNetCore.App" && index($2, c) == 1 { print $2 }' | sort -V | tail -n 1)
    # --list-sdks rather than --version: a global.json in the working directory would change the latter.
    sdk_version=$("$dotnet_root/dotnet" --list-sdks | awk '{ print $1 }' | sort -V | tail -n 1)
    if [ -z "$dotnet_version" ] || [ -z "$aspnet_version" ] || [ -z "$sdk_version" ]; then
        echo "build.sh: $dotnet_root lacks a runtime, an ASP.NET Core runtime or an SDK" \
             "(found '$dotnet_version', '$aspnet_version', '$sdk_version')." >&2
        exit 1
    fi
    dotnet_repo=mcr.microsoft.com/dotnet
}

build_dotnet_runtime_deps() {
    from_dockerfile "$1" dotnet-runtime-deps.Dockerfile --build-arg BASE="$debian_image"
}

# Context paths are relative to / so one COPY puts them in place; only the files that exist are sent.
dotnet_files() {
    local p
    for p in "$@"; do
        if [ -e "$dotnet_root/$p" ]; then echo "${dotnet_root#/}/$p"; fi
    done
}

build_dotnet_runtime() {
    local files
    mapfile -t files < <(dotnet_files dotnet host LICENSE.txt ThirdPartyNotices.txt \
        "shared/Microsoft.NETCore.App/$dotnet_version")
    tar -c -C / "${files[@]}" -C "$here" dotnet-runtime.Dockerfile \
        | docker_build "$1" dotnet-runtime.Dockerfile \
            --build-arg BASE="$dotnet_repo/runtime-deps:$dotnet_channel" \
            --build-arg DOTNET_VERSION="$dotnet_version"
}

build_dotnet_aspnet() {
    tar -c -C / "${dotnet_root#/}/shared/Microsoft.AspNetCore.App/$aspnet_version" \
            -C "$here" dotnet-aspnet.Dockerfile \
        | docker_build "$1" dotnet-aspnet.Dockerfile \
            --build-arg BASE="$dotnet_repo/runtime:$dotnet_channel" \
            --build-arg ASPNET_VERSION="$aspnet_version"
}

build_dotnet_sdk() {
    # Everything the aspnet image does not already have, so no file is in two layers.
    local d=${dotnet_root#/} excludes=() p
    for p in dotnet host LICENSE.txt ThirdPartyNotices.txt "shared/Microsoft.NETCore.App/$dotnet_version" \
             "shared/Microsoft.AspNetCore.App/$aspnet_version"; do
        excludes+=(--exclude="$d/$p")
    done
    tar -c -C / --anchored "${excludes[@]}" "$d" -C "$here" dotnet-sdk.Dockerfile \
        | docker_build "$1" dotnet-sdk.Dockerfile \
            --build-arg BASE="$dotnet_repo/aspnet:$dotnet_channel" \
            --build-arg DOTNET_SDK_VERSION="$sdk_version"
}

build_dotnet_sdk_aot() {
    from_dockerfile "$1" dotnet-sdk-aot.Dockerfile --build-arg BASE="$dotnet_repo/sdk:$dotnet_channel"
}

build_dotnet_runtime_deps_noble() {
    docker tag "$dotnet_repo/runtime-deps:$dotnet_channel" "$1"
}

# --- Node ----------------------------------------------------------------------------------------

build_node_slim() {
    tar -c -C "$here" node.Dockerfile node-setup.sh \
        | docker_build "$1" node.Dockerfile --build-arg BASE="$debian_image" --build-arg NODE_MAJOR="$node_major" \
            --build-arg YARN_VERSION="$yarn_version" --build-arg COREPACK_VERSION="$corepack_version"
}

# The machine's node must be the major the tags say: the node:20 stand-ins copy it.
check_host_node() {
    local found
    found=$("$node_root/bin/node" -p 'process.versions.node' 2>/dev/null || true)
    if [ "${found%%.*}" != "$host_node_major" ] || [ ! -d "$node_root/lib/node_modules/npm" ] || [ ! -d "$node_root/lib/node_modules/corepack" ]; then
        echo "build.sh: the node:$host_node_major stand-ins copy this machine's Node.js $host_node_major install" \
             "($node_root/bin/node with npm and corepack in $node_root/lib/node_modules), but found '${found:-no node}'." \
             "Install Node.js $host_node_major there (a nodejs $host_node_major .deb does)." >&2
        exit 1
    fi
}

build_node_slim_from_host() {
    local r=${node_root#/}
    tar -c -C / "$r/bin/node" "$r/lib/node_modules/npm" "$r/lib/node_modules/corepack" -C "$here" node-host.Dockerfile node-setup.sh \
        | docker_build "$1" node-host.Dockerfile --build-arg BASE="$debian_image" --build-arg NODE_MAJOR="$host_node_major" \
            --build-arg YARN_VERSION="$yarn_version"
}

# The builder adds the compilers and git the official full image has, for native addons and git dependencies.
build_node() {
    local major=${1#node:}
    from_dockerfile "$1" node-builder.Dockerfile --build-arg BASE="node:${major%%-*}-bookworm-slim"
}

# --- Go ------------------------------------------------------------------------------------------

build_golang() {
    from_dockerfile "$1" golang.Dockerfile --build-arg BASE="$debian_image" --build-arg GO_VERSION="$go_version"
}

build_golang_backports() {
    from_dockerfile "$1" golang.Dockerfile --build-arg BASE="$debian_image" --build-arg GO_VERSION="$go_backports_version" \
        --build-arg GO_PACKAGE="golang-$go_backports_version-go" --build-arg APT_SUITE="$debian_suite-backports"
}

build_distroless_static() {
    from_dockerfile "$1" distroless-static.Dockerfile --build-arg BASE="$debian_image"
}

# For cgo binaries: the static stand-in plus the C library.
build_distroless_base() {
    from_dockerfile "$1" distroless-base.Dockerfile --build-arg BASE="$debian_image" \
        --build-arg STATIC=gcr.io/distroless/static-debian12:nonroot
}

# --- PHP -----------------------------------------------------------------------------------------

build_php() {
    from_dockerfile "$1" php.Dockerfile --build-arg BASE="$debian_image" --build-arg PHP_VERSION="$php_version"
}

build_composer() {
    from_dockerfile "$1" composer.Dockerfile --build-arg BASE="$php_image" --build-arg COMPOSER_MAJOR="$composer_major"
}

build_php_fpm() {
    tar -c -C "$here" php-fpm.Dockerfile php-fpm-docker.conf \
        | docker_build "$1" php-fpm.Dockerfile --build-arg BASE="$php_image" --build-arg PHP_VERSION="$php_version"
}

# -------------------------------------------------------------------------------------------------

main() {
    if ! timeout 10 docker version >/dev/null 2>&1; then
        echo "build.sh: no Docker engine answers; run eng/engine.sh first." >&2
        exit 1
    fi
    mkdir -p "$log_dir"

    standin "$debian_image" build_debian

    read_dotnet_versions
    check_host_node
    standin "$dotnet_repo/runtime-deps:$dotnet_channel" build_dotnet_runtime_deps
    standin "$dotnet_repo/runtime:$dotnet_channel" build_dotnet_runtime
    standin "$dotnet_repo/aspnet:$dotnet_channel" build_dotnet_aspnet
    standin "$dotnet_repo/sdk:$dotnet_channel" build_dotnet_sdk
    # Native AOT: a builder with its toolchain, and the runtime-deps tag an AOT app runs on (one Debian image here).
    standin "$dotnet_repo/sdk:$dotnet_channel-noble-aot" build_dotnet_sdk_aot
    standin "$dotnet_repo/runtime-deps:$dotnet_channel-noble" build_dotnet_runtime_deps_noble

    # These stacks only need the Debian image, so they build side by side: their time is mostly dpkg,
    # which uses one CPU. Each group stops at its first failure; the script fails if any group did.
    local pids=() pid failed=0
    { standin "node:$node_major-bookworm-slim" build_node_slim
      standin "node:$node_major-bookworm" build_node
      standin "node:$host_node_major-bookworm-slim" build_node_slim_from_host
      standin "node:$host_node_major-bookworm" build_node; } &
    pids+=($!)
    { standin "$php_image" build_php
      standin "composer:$composer_major" build_composer
      standin "php:$php_version-fpm" build_php_fpm; } &
    pids+=($!)
    { standin "golang:$go_version" build_golang
      standin "golang:$go_backports_version" build_golang_backports
      standin gcr.io/distroless/static-debian12:nonroot build_distroless_static
      standin gcr.io/distroless/base-debian12:nonroot build_distroless_base; } &
    pids+=($!)
    for pid in "${pids[@]}"; do
        wait "$pid" || failed=1
    done
    if [ "$failed" -ne 0 ]; then exit 1; fi
}

main "$@"
