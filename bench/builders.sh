#!/usr/bin/env bash
# Part 5: the builders, on samples/node-nest (a NestJS app: npm ci of ~300 packages, then nest build).
# Three sides, each on its own copy of the sample:
#   ours, BuildKit   dotnet publish node-nest.proj -p:MultiStageBuilder=buildkit (cache mounts in the Dockerfile)
#   ours, classic    dotnet publish node-nest.proj -p:MultiStageBuilder=classic  (the same templates, no --mount)
#   docker build     DOCKER_BUILDKIT=1 docker build of the Dockerfile -t:MultiStageEject writes (the docker CLI 20.10)
# Cold (package.json differs: every layer from its first COPY on is new; BuildKit's cache mounts stay, as
# they do on a developer's machine), warm (no change), after a one-line edit of src/, and after a
# one-package version bump (the copy's `ms` dependency moved to its next version, lockfile included: the
# case cache mounts are for). The sides alternate run by run; each side's change is its own, so no side is
# served from the cache another side filled.
#
#   bash bench/builders.sh [--runs N]
#
# Writes artifacts/bench/results/builders.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# lib.sh asks the docker CLI for the classic builder; this part's CLI side is BuildKit, driven by Debian's docker
# CLI 20.10 (a newer CLI earlier on PATH would ask for buildx).
cli=/usr/bin/docker

start_part builders "$@"
times="$work/times"
if [ -z "${BENCH_OWNS_CLEANUP:-}" ]; then
    trap remove_bench_images EXIT
fi
sample=node-nest
sides=(buildkit classic cli)
# ms: one small dependency with a version per bump (2.0.0 first, then one more per run).
versions=(2.0.0 2.1.0 2.1.1 2.1.2 2.1.3)
((runs + 1 <= ${#versions[@]})) || die "--runs at most $((${#versions[@]} - 1)): one ms version per bump"

app_of() { echo "$work/$1/$sample"; } # SIDE
repo_of() { echo "msbench-builders-$1"; } # SIDE
# The build of SIDE, as a command (an array, so /usr/bin/time can run it).
build_cmd() { # SIDE
    local app
    app=$(app_of "$1")
    case "$1" in
        buildkit | classic) cmd=(dotnet publish "$app/$sample.proj" -nologo -p:ContainerizeMultiStage=true
            -p:MultiStageBuilder="$1" -p:ContainerRepository="$(repo_of "$1")") ;;
        cli) cmd=(env DOCKER_BUILDKIT=1 "$cli" build -q --network host -t "$(repo_of cli)" "$app") ;;
    esac
}
# A marker in package.json's description: the context differs from its first COPY on.
mark() { sed -i "s|\"description\": \"[^\"]*\"|\"description\": \"bench $1\"|" "$(app_of "$2")/package.json"; } # MARKER SIDE
edit() { # N SIDE: the greeting in src/app.service.ts
    local file
    file="$(app_of "$2")/src/app.service.ts"
    sed -i "s|'Hello[^']*'|'Hello (edit $1)'|" "$file"
    grep -q "(edit $1)" "$file" || die "the one-line edit did not apply to $file"
}
bump() { cp "$work/locks/$1/package.json" "$work/locks/$1/package-lock.json" "$(app_of "$2")/"; } # VERSION SIDE

# The lockfiles of each ms version, made once on this machine (npm resolves the rest of the tree as locked).
say "part 5: lockfiles for ms ${versions[*]}"
mkdir -p "$work/locks"
for v in "${versions[@]}"; do
    d="$work/locks/$v"
    mkdir -p "$d"
    cp "$repo/samples/$sample/package.json" "$repo/samples/$sample/package-lock.json" "$d/"
    (cd "$d" && npm install --package-lock-only --no-audit --no-fund --ignore-scripts "ms@$v" >"$d/npm.log" 2>&1) \
        || { tail -n 20 "$d/npm.log" >&2; die "npm could not lock ms@$v"; }
done

say "part 5: copies and warm-up (untimed)"
stamp=$(date +%s)
for side in "${sides[@]}"; do
    app_copy "$work/$side" "warmup-$stamp" "$sample"
    bump "${versions[0]}" "$side"
    mark "warmup-$side-$stamp" "$side"
done
# The CLI side builds the file eject writes for BuildKit, from the app's folder.
dotnet publish "$(app_of cli)/$sample.proj" -nologo -t:MultiStageEject >"$work/eject.log" 2>&1 || { tail -n 40 "$work/eject.log" >&2; exit 1; }
for side in "${sides[@]}"; do
    build_cmd "$side"
    "${cmd[@]}" >"$work/warmup-$side.log" 2>&1 || { tail -n 40 "$work/warmup-$side.log" >&2; exit 1; }
done
rendered() { find "$(app_of "$1")/obj" -path '*multistage/Dockerfile' | head -n1; } # SIDE
grep -q -- '--mount=type=cache' "$(rendered buildkit)" || die "the BuildKit Dockerfile has no cache mount"
if grep -q -- '--mount' "$(rendered classic)"; then die "the classic Dockerfile has a --mount"; fi

load_start=$(load_average)
for kind in cold warm edit bump; do
    say "part 5: $kind, $runs runs of each"
    for ((i = 1; i <= runs; i++)); do
        for side in "${sides[@]}"; do
            # Each side's change is its own (the side in the text): BuildKit's cache is shared by ours and the CLI's
            # builds on one engine, and the same content would be a cache hit for the second of them.
            case "$kind" in
                cold) mark "cold-$side-$i-$stamp" "$side" ;;
                edit) edit "$side $i" "$side" ;;
                bump) bump "${versions[i]}" "$side" && mark "bump-$side-$i-$stamp" "$side" ;;
            esac
            build_cmd "$side"
            timed "$kind-$side" "$times" -- "${cmd[@]}"
        done
    done
done
load_end=$(load_average)

{
    echo "| | ours, BuildKit | ours, classic | docker build (BuildKit) | ours BuildKit / classic | ours BuildKit / docker build |"
    echo "|---|---:|---:|---:|---:|---:|"
    for kind in cold warm edit bump; do
        b=$(median 1 "$times/$kind-buildkit.times") c=$(median 1 "$times/$kind-classic.times") d=$(median 1 "$times/$kind-cli.times")
        case "$kind" in
            cold) what="cold (package.json changed)" ;;
            warm) what="warm, no change" ;;
            edit) what="after a one-line edit" ;;
            bump) what="after a one-package version bump" ;;
        esac
        echo "| $what | $(seconds "$b") | $(seconds "$c") | $(seconds "$d") | $(ratio "$b" "$c") | $(ratio "$b" "$d") |"
    done
    echo
    echo "Every run's wall time (s), in run order:"
    for kind in cold warm edit bump; do
        echo "- $kind: ours, BuildKit $(every_run "$times/$kind-buildkit.times"); ours, classic $(every_run "$times/$kind-classic.times"); docker build $(every_run "$times/$kind-cli.times")"
    done
    echo
    echo "Load average (1, 5, 15 min) before the timed runs: $load_start; after them: $load_end."
} >"$results/builders.md"
say "part 5: written to $results/builders.md"
cat "$results/builders.md"
