#!/usr/bin/env bash
# Part 1: publish-to-image of samples/dotnet-web, MultiStage.Sdk (`-p:ContainerizeMultiStage=true`)
# against .NET SDK containers (`-t:PublishContainer`, base image: the stand-in aspnet:10.0 served by a
# loopback registry). Cold, warm with no change, and after a one-line source edit; the tools alternate.
# Then the same for the web project of samples/dotnet-storefront (a solution: four libraries, a package
# from a folder feed, a Razor class library), ours both ways (MultiStageBuildFrom=publish and =source).
#
#   bash bench/publish-vs-sdk-containers.sh [--runs N]
#
# Writes artifacts/bench/results/publish.md (the tables) and, for where the time goes, profile logs of one
# extra run of each of ours on dotnet-web (artifacts/bench/publish/profile-*.log).
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

# The publishes, as commands (arrays, so /usr/bin/time can run them): publish_cmd TOOL APPDIR [extra].
# TOOL: ours (MultiStage.Sdk's default way), ours-publish / ours-source (MultiStageBuildFrom), sdk.
publish_cmd() { # TOOL APPDIR [extra msbuild args]
    local tool=$1 app=$2 project repo
    shift 2
    project="$app/$(sample_project "$(basename "$app")")"
    repo=$(repo_of "$tool" "$app")
    case "$tool" in
        ours) cmd=(dotnet publish "$project" -c Release -nologo -p:ContainerizeMultiStage=true -p:ContainerRepository="$repo" "$@") ;;
        ours-publish | ours-source) cmd=(dotnet publish "$project" -c Release -nologo -p:ContainerizeMultiStage=true
            -p:MultiStageBuildFrom="${tool#ours-}" -p:ContainerRepository="$repo" "$@") ;;
        sdk) cmd=(dotnet publish "$project" -c Release -nologo -t:PublishContainer -p:ContainerBaseImage="$registry/dotnet/aspnet:10.0"
            -p:ContainerRepository="$repo" "$@") ;;
    esac
}
# Each tool tags its own repository per sample: msbench-<tool>-<sample without dotnet->.
repo_of() { echo "msbench-$1-$(basename "$2" | sed 's/^dotnet-//')"; } # TOOL APPDIR
publish_ours() { publish_cmd ours "$@"; "${cmd[@]}"; }
# One untimed publish of each fills what all keep between runs and is not the app's: the .NET SDK's and
# MSBuild's first-run state, the SDK containers' copy of the base image's layers, the packages folder.
warm_up() { # SAMPLE TOOL...
    local sample=$1 tool
    shift
    say "part 1: $sample warm-up (untimed)"
    app_copy "$work/warmup" "warmup-$$" "$sample"
    for tool in "$@"; do
        publish_cmd "$tool" "$work/warmup/$sample"
        "${cmd[@]}" >"$work/warmup-$sample-$tool.log" 2>&1 || { tail -n 40 "$work/warmup-$sample-$tool.log" >&2; exit 1; }
    done
}
# Cold, warm and edited runs of each tool on its own copy of SAMPLE (at $work/<sample>-<tool>/), the tools
# alternating run by run; the times go to $times/<kind>-<sample>-<tool>.times.
time_sample() { # SAMPLE TOOL...
    local sample=$1 tool i kind app
    shift
    stamp=$(date +%s)
    say "part 1: $sample, cold, $runs runs of each"
    for ((i = 1; i <= runs; i++)); do
        for tool in "$@"; do
            # Cold: a fresh copy (no obj/, no bin/), a project file no earlier build has seen, no image under the name.
            app_copy "$work/$sample-$tool" "cold-$tool-$i-$stamp" "$sample"
            app="$work/$sample-$tool/$sample"
            docker rmi "$(repo_of "$tool" "$app"):latest" >/dev/null 2>&1 || true
            publish_cmd "$tool" "$app"
            timed "cold-$sample-$tool" "$times" -- "${cmd[@]}"
        done
    done
    for kind in warm edit; do
        say "part 1: $sample, $kind, $runs runs of each"
        for ((i = 1; i <= runs; i++)); do
            for tool in "$@"; do
                app="$work/$sample-$tool/$sample"
                if [ "$kind" = edit ]; then edit_source "$app" "$i"; fi
                publish_cmd "$tool" "$app"
                timed "$kind-$sample-$tool" "$times" -- "${cmd[@]}"
            done
        done
    done
}
# A table of one sample: a row per kind of run, a column per tool (tools_of, headed headings_of), the
# medians, each of ours against SDK containers (the last), then the peak memory of each.
sample_table() { # SAMPLE
    local sample=$1 kind i n=${#tools_of[@]} last=${headings_of[-1]} head="| |" rule="|---|" files each
    for ((i = 0; i < n; i++)); do head+=" ${headings_of[i]} |"; rule+="---:|"; done
    for ((i = 0; i < n - 1; i++)); do head+=" ${headings_of[i]} / $last |"; rule+="---:|"; done
    for ((i = 0; i < n; i++)); do head+=" ${headings_of[i]} peak RSS |"; rule+="---:|"; done
    echo "$head"
    echo "$rule"
    for kind in cold warm edit; do
        files=()
        for ((i = 0; i < n; i++)); do files+=("$times/$kind-$sample-${tools_of[i]}.times"); done
        pair_row "$(kind_name "$kind")" "${files[@]}"
    done
    echo
    echo "Every run's wall time (s), in run order:"
    for kind in cold warm edit; do
        each=""
        for ((i = 0; i < n; i++)); do each+="${each:+; }${headings_of[i]} $(every_run "$times/$kind-$sample-${tools_of[i]}.times")"; done
        echo "- $kind: $each"
    done
}
kind_name() { case "$1" in cold) echo "cold (fresh copy of the app)" ;; warm) echo "warm, no change" ;; edit) echo "after a one-line edit" ;; esac; }

warm_up dotnet-web ours sdk
warm_up dotnet-storefront ours-publish ours-source sdk
load_start=$(load_average)
time_sample dotnet-web ours sdk
time_sample dotnet-storefront ours-publish ours-source sdk
load_end=$(load_average)

# --- Where ours spends the time: one more run of each kind, with MSBuild's performance summary and a ---
# timestamp on every line of the log (the engine's steps are logged as they start at -v:n).
stamp_lines() { while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
profile() { # name [extra]
    local name=$1 start
    shift
    start=$EPOCHREALTIME
    { publish_ours "$work/dotnet-web-ours/dotnet-web" -tl:off -v:n -clp:PerformanceSummary "$@" 2>&1 | stamp_lines; } >"$work/profile-$name.log"
    printf '%s (end)\n' "$EPOCHREALTIME" >>"$work/profile-$name.log"
    echo "$start" >"$work/profile-$name.start"
}
say "part 1: profiling ours (untimed): warm, edit, cold"
profile warm
edit_source "$work/dotnet-web-ours/dotnet-web" profile
profile edit
set_marker "$work/dotnet-web-ours/dotnet-web" "profile-cold-$stamp"
rm -rf "$work/dotnet-web-ours/dotnet-web/obj" "$work/dotnet-web-ours/dotnet-web/bin"
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
    tools_of=(ours sdk) headings_of=("MultiStage.Sdk" "SDK containers")
    sample_table dotnet-web
    echo
    echo "**samples/dotnet-storefront** (\`src/Storefront.Web/Storefront.Web.csproj\`: a web app over four libraries, a package"
    echo "from the solution's folder feed, a Razor class library's static files; the edit renames the store in its \`Program.cs\`):"
    echo
    tools_of=(ours-publish ours-source sdk) headings_of=("ours, publish" "ours, source" "SDK containers")
    sample_table dotnet-storefront
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
