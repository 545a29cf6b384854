#!/usr/bin/env bash
# Part 1: publish-to-image of samples/dotnet-web, MultiStage.Sdk (`-p:ContainerizeMultiStage=true`)
# against .NET SDK containers (`-t:PublishContainer`, base image: the stand-in aspnet:10.0 served by a
# loopback registry). Cold, warm with no change, and after a one-line source edit; the two alternate.
#
#   bash bench/publish-vs-sdk-containers.sh [--runs N]
#
# Writes artifacts/bench/results/publish.md (a table) and, for where the time goes, profile logs of one
# extra run of each of ours (artifacts/bench/publish/profile-*.log).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start_part publish "$@"
times="$work/times"
if [ -z "${BENCH_OWNS_CLEANUP:-}" ]; then
    trap 'registry_stop; remove_bench_images' EXIT
else
    trap registry_stop EXIT
fi
registry_start aspnet:10.0

ours_repo=msbench-ours-web
sdk_repo=msbench-sdk-web
# The two publishes, as commands (arrays, so /usr/bin/time can run them): publish_<tool> APPDIR [extra].
publish_cmd() { # ours|sdk APPDIR [extra msbuild args]
    local tool=$1 app=$2
    shift 2
    case "$tool" in
        ours) cmd=(dotnet publish "$app" -c Release -nologo -p:ContainerizeMultiStage=true -p:ContainerRepository=$ours_repo "$@") ;;
        sdk) cmd=(dotnet publish "$app" -c Release -nologo -t:PublishContainer -p:ContainerBaseImage="$registry/dotnet/aspnet:10.0"
            -p:ContainerRepository=$sdk_repo "$@") ;;
    esac
}
publish_ours() { publish_cmd ours "$@"; "${cmd[@]}"; }
publish_sdk() { publish_cmd sdk "$@"; "${cmd[@]}"; }
# One untimed publish of each fills what both keep between runs and is not the app's: the .NET SDK's
# and MSBuild's first-run state, the SDK containers' copy of the base image's layers.
say "part 1: warm-up (untimed)"
app_copy "$work/warmup" "warmup-$$"
publish_ours "$work/warmup/dotnet-web" >"$work/warmup-ours.log" 2>&1 || { tail -n 40 "$work/warmup-ours.log" >&2; exit 1; }
publish_sdk "$work/warmup/dotnet-web" >"$work/warmup-sdk.log" 2>&1 || { tail -n 40 "$work/warmup-sdk.log" >&2; exit 1; }

load_start=$(load_average)
stamp=$(date +%s)
say "part 1: cold, $runs runs of each"
for ((i = 1; i <= runs; i++)); do
    for tool in ours sdk; do
        # Cold: a fresh copy (no obj/, no bin/), a project file no earlier build has seen, no image under the name.
        docker rmi "msbench-$tool-web:latest" >/dev/null 2>&1 || true
        app_copy "$work/$tool" "cold-$tool-$i-$stamp"
        publish_cmd "$tool" "$work/$tool/dotnet-web"
        timed "cold-$tool" "$times" -- "${cmd[@]}"
    done
done
say "part 1: warm, no change, $runs runs of each"
for ((i = 1; i <= runs; i++)); do
    for tool in ours sdk; do
        publish_cmd "$tool" "$work/$tool/dotnet-web"
        timed "warm-$tool" "$times" -- "${cmd[@]}"
    done
done
say "part 1: after a one-line edit of Program.cs, $runs runs of each"
for ((i = 1; i <= runs; i++)); do
    for tool in ours sdk; do
        edit_source "$work/$tool/dotnet-web" "$i"
        publish_cmd "$tool" "$work/$tool/dotnet-web"
        timed "edit-$tool" "$times" -- "${cmd[@]}"
    done
done
load_end=$(load_average)

# --- Where ours spends the time: one more run of each kind, with MSBuild's performance summary and a ---
# timestamp on every line of the log (the engine's steps are logged as they start at -v:n).
stamp_lines() { while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
profile() { # name [extra]
    local name=$1 start
    shift
    start=$EPOCHREALTIME
    { publish_ours "$work/ours/dotnet-web" -tl:off -v:n -clp:PerformanceSummary "$@" 2>&1 | stamp_lines; } >"$work/profile-$name.log"
    printf '%s (end)\n' "$EPOCHREALTIME" >>"$work/profile-$name.log"
    echo "$start" >"$work/profile-$name.start"
}
say "part 1: profiling ours (untimed): warm, edit, cold"
profile warm
edit_source "$work/ours/dotnet-web" profile
profile edit
set_marker "$work/ours/dotnet-web" "profile-cold-$stamp"
rm -rf "$work/ours/dotnet-web/obj" "$work/ours/dotnet-web/bin"
profile cold

# The profile logs, read into phases (seconds from the start of dotnet publish to the marker lines) and
# the time of each RUN step (to the next step's line). Tab-separated: what, seconds.
profile_summary() { # name
    local log="$work/profile-$1.log" start
    start=$(cat "$work/profile-$1.start")
    awk -v t0="$start" '
        { t = $1 - t0; sub(/^[^ ]+ /, "") }
        /^ *MultiStageRenderDockerfile:$/ && render == "" { render = t }
        /^ *MultiStageBuildImage:$/ && image == "" { image = t }
        /Step [0-9]+\/[0-9]+ : / {
            if (run != "") { runs[++n] = run; took[n] = t - ts; run = "" }
            if (first == "") first = t
            if ($0 ~ /Step [0-9]+\/[0-9]+ : FROM /) last_from = t
            if ($0 ~ /Step [0-9]+\/[0-9]+ : RUN /) { run = $0; sub(/^.*Step /, "Step ", run); ts = t }
        }
        (/is up to date/ || /is [0-9.]+ [kMG]?B: /) && done == "" {
            done = t
            if (run != "") { runs[++n] = run; took[n] = t - ts; run = "" }
        }
        /\(end\)$/ { end = t }
        function phase(what, from, to) { if (from != "" && to != "") printf "%s\t%.2f\n", what, to - from }
        END {
            phase("dotnet publish of the app on the host (CLI and MSBuild start-up, restore, compile, publish)", 0, render)
            phase("rendering the Dockerfile", render, image)
            if (first != "") {
                phase("engine connection, incremental check, packing and sending the context", image, first)
                phase("builder stage in the engine", first, last_from)
                phase("runtime stage in the engine", last_from, done)
            } else {
                phase("engine connection, incremental check (image up to date: no build)", image, done)
            }
            phase("size report and the end of the process", done, end)
            phase("whole process", 0, end)
            for (i = 1; i <= n; i++) printf "of which %s\t%.2f\n", runs[i], took[i]
        }
    ' "$log"
}
{
    echo "| | MultiStage.Sdk | SDK containers | ours / SDK containers | ours peak RSS | SDK containers peak RSS |"
    echo "|---|---:|---:|---:|---:|---:|"
    pair_row "cold (fresh copy of the app)" "$times/cold-ours.times" "$times/cold-sdk.times"
    pair_row "warm, no change" "$times/warm-ours.times" "$times/warm-sdk.times"
    pair_row "after a one-line edit" "$times/edit-ours.times" "$times/edit-sdk.times"
    echo
    echo "Every run's wall time (s), in run order:"
    for kind in cold warm edit; do
        echo "- $kind: ours $(every_run "$times/$kind-ours.times"); SDK containers $(every_run "$times/$kind-sdk.times")"
    done
    echo
    echo "Load average (1, 5, 15 min) before the timed runs: $load_start; after them: $load_end."
} >"$results/publish.md"
for name in cold warm edit; do profile_summary "$name" >"$results/profile-$name.txt"; done
# The MSBuild performance summary of the cold profile run: the slowest targets and tasks.
for name in cold edit warm; do
    sed 's/^[^ ]* //' "$work/profile-$name.log" | awk '
        /^(Target|Task) Performance Summary:/ { section = $1; next }
        /^$/ { next }
        section && match($0, /^ +[0-9]+ ms/) { ms = $1; $1 = ""; $2 = ""; sub(/^ +/, ""); n = split($0, f, " "); name = f[1]; printf "%s|%s|%s\n", section, ms, name }
    ' | sort -t'|' -k2,2 -g -r | awk -F'|' '{ c[$1]++ } c[$1] <= 8' >"$results/msbuild-$name.txt"
done
cat "$results/publish.md"
