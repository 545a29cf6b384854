#!/usr/bin/env bash
# Part 2: this package's engine step (pack the context, stream it, run the build, read the result —
# ImageBuild.RunAsync in bench/MultiStage.Sdk.Benchmarks, a process of its own) against `docker build`
# (docker CLI, classic builder) of the same rendered Dockerfile and the same context. Cold and warm.
#
#   bash bench/engine-step-vs-docker-build.sh [--runs N]
#
# Writes artifacts/bench/results/engine-step.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start_part engine-step "$@"
times="$work/times"
if [ -z "${BENCH_OWNS_CLEANUP:-}" ]; then
    trap remove_bench_images EXIT
fi

say "part 2: building the driver (Release)"
driver="$out/build/bin/MultiStage.Sdk.Benchmarks/release/MultiStage.Sdk.Benchmarks"
dotnet build "$repo/bench/MultiStage.Sdk.Benchmarks/MultiStage.Sdk.Benchmarks.csproj" -c Release \
    --artifacts-path "$out/build" -nologo -v q >"$work/driver-build.log" 2>&1 || { cat "$work/driver-build.log" >&2; exit 1; }

# The rendered Dockerfile and .dockerignore, from a render-only publish of a copy of the web sample.
say "part 2: rendering the web sample's Dockerfile"
app_copy "$work/ours" render
dotnet publish "$work/ours/dotnet-web" -c Release -nologo -p:ContainerizeMultiStage=true -p:MultiStageBuildImage=false \
    >"$work/render.log" 2>&1 || { tail -n 40 "$work/render.log" >&2; exit 1; }
rendered="$work/ours/dotnet-web/obj/Release/net10.0/multistage"
cp "$rendered/Dockerfile" "$work/Dockerfile"
cp "$rendered/.dockerignore" "$work/dockerignore"
package=$(nupkg)

# The context is the common root of the project and its Directory.Build.props/.targets: the copy's folder.
# The CLI's context: the same folder with what ours injects into its archive put on disk — the
# .dockerignore at the root and the package as .multistage/packages/ (the CLI sends the Dockerfile itself).
ours_context="$work/ours"
cli_context="$work/cli"
mark() { # marker: the same project file in both contexts
    set_marker "$ours_context/dotnet-web" "$1"
    set_marker "$cli_context/dotnet-web" "$1"
}
rm -rf "$cli_context"
cp -r "$ours_context" "$cli_context"
rm -rf "$cli_context/dotnet-web/obj" "$cli_context/dotnet-web/bin"
cp "$work/dockerignore" "$cli_context/.dockerignore"
mkdir -p "$cli_context/.multistage/packages"
cp "$package" "$cli_context/.multistage/packages/$(basename "$package" | tr '[:upper:]' '[:lower:]')"

# The two builds, as commands (arrays, so /usr/bin/time can run them).
ours_cmd=("$driver" send-context "$ours_context" "$work/Dockerfile" "$work/dockerignore" msbench-engine-ours "$package")
cli_cmd=(docker build -q --network host -f "$work/Dockerfile" -t msbench-engine-cli "$cli_context")
build_ours() { "${ours_cmd[@]}"; }
build_cli() { "${cli_cmd[@]}"; }

say "part 2: warm-up (untimed)"
mark "warmup-$$"
build_ours >"$work/warmup-ours.log" 2>&1 || { tail -n 40 "$work/warmup-ours.log" >&2; exit 1; }
build_cli >"$work/warmup-cli.log" 2>&1 || { tail -n 40 "$work/warmup-cli.log" >&2; exit 1; }

load_start=$(load_average)
stamp=$(date +%s)
say "part 2: cold, $runs runs of each"
for ((i = 1; i <= runs; i++)); do
    for tool in ours cli; do
        # A project file the engine has not seen: every step from its COPY on runs again.
        mark "cold-$tool-$i-$stamp"
        if [ "$tool" = ours ]; then cmd=("${ours_cmd[@]}"); else cmd=("${cli_cmd[@]}"); fi
        timed "cold-$tool" "$times" -- "${cmd[@]}"
    done
done
say "part 2: warm (every step cached), $runs runs of each"
mark "warm-$stamp"
build_ours >/dev/null 2>&1
build_cli >/dev/null 2>&1
for ((i = 1; i <= runs; i++)); do
    for tool in ours cli; do
        if [ "$tool" = ours ]; then cmd=("${ours_cmd[@]}"); else cmd=("${cli_cmd[@]}"); fi
        timed "warm-$tool" "$times" -- "${cmd[@]}"
    done
done
load_end=$(load_average)

{
    echo "| | MultiStage.Sdk engine step | docker build | ours / docker build | ours peak RSS | docker CLI peak RSS |"
    echo "|---|---:|---:|---:|---:|---:|"
    pair_row "cold (app's layers not cached)" "$times/cold-ours.times" "$times/cold-cli.times"
    pair_row "warm (every step cached)" "$times/warm-ours.times" "$times/warm-cli.times"
    echo
    echo "Context: $(grep -h '^Build context:' "$times"/cold-ours-1.log | head -n1 | sed -e 's/^Build context: //' -e 's/ from .*//')."
    echo "Every run's wall time (s), in run order:"
    for kind in cold warm; do
        echo "- $kind: ours $(every_run "$times/$kind-ours.times"); docker build $(every_run "$times/$kind-cli.times")"
    done
    echo
    echo "Load average (1, 5, 15 min) before the timed runs: $load_start; after them: $load_end."
} >"$results/engine-step.md"
cat "$results/engine-step.md"
