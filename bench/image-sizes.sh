#!/usr/bin/env bash
# Part 4: image sizes per stack and variant — the builder stage, the final image and its base — from
# each publish's report.json; for .NET also the image SDK containers make of the same app on the same
# stand-in base. Sizes do not vary between runs: each image is built once.
#
#   bash bench/image-sizes.sh [--smoke]      (--smoke: the web sample only)
#
# Writes artifacts/bench/results/image-sizes.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

smoke=false
while (($#)); do
    case "$1" in
        --smoke) smoke=true; shift ;;
        *) echo "usage: $0 [--smoke]" >&2; exit 2 ;;
    esac
done

need_tools
pack_once
work="$out/image-sizes"
rm -rf "$work"
mkdir -p "$work"
if [ -z "${BENCH_OWNS_CLEANUP:-}" ]; then
    trap 'registry_stop; remove_bench_images' EXIT
else
    trap registry_stop EXIT
fi
registry_start aspnet:10.0 runtime:10.0

# variant|what it is|project|extra publish properties|SDK containers' base (empty: no SDK containers image)
variants=(
    "dotnet-web|.NET web, framework-dependent|samples/dotnet-web||aspnet:10.0"
    "dotnet-console|.NET console, framework-dependent|samples/dotnet-console||runtime:10.0"
    "go-web|Go web|samples/go-web||"
    "node-web|Node web|samples/node-web||"
    "php-laravel|PHP Laravel (php-fpm)|samples/php-laravel||"
)
$smoke && variants=("${variants[0]}")

bytes() { docker image inspect --format '{{.Size}}' "$1"; }
{
    echo "| Stack / variant | builder stage | final image | its base image | added by the build | final / builder | SDK containers' image |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
} >"$results/image-sizes.md"
for variant in "${variants[@]}"; do
    IFS='|' read -r name what project props sdk_base <<<"$variant"
    say "part 4: $name"
    marker="$work/$name.stamp"
    touch "$marker"
    sleep 1
    # shellcheck disable=SC2086
    dotnet publish "$repo/$project" -c Release -nologo -p:ContainerizeMultiStage=true -p:MultiStageIncremental=false \
        -p:ContainerRepository="msbench-size-$name" $props >"$work/$name-ours.log" 2>&1 || { tail -n 40 "$work/$name-ours.log" >&2; exit 1; }
    report=$(find "$repo/$project/obj" -name report.json -path '*multistage*' -newer "$marker" | head -n1)
    [ -n "$report" ] || die "no report.json from the publish of $project"
    read -r size builder base <<<"$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["size"], r["builderSize"], r["baseSize"])' "$report")"
    sdk="–"
    if [ -n "$sdk_base" ]; then
        dotnet publish "$repo/$project" -c Release -nologo -t:PublishContainer -p:EnableSdkContainerSupport=true -p:ContainerBaseImage="$registry/dotnet/$sdk_base" \
            -p:ContainerRepository="msbench-size-$name-sdk" >"$work/$name-sdk.log" 2>&1 || { tail -n 40 "$work/$name-sdk.log" >&2; exit 1; }
        sdk_bytes=$(bytes "msbench-size-$name-sdk:latest")
        sdk="$(size_mb "$sdk_bytes") ($(awk -v a="$size" -v b="$sdk_bytes" 'BEGIN { printf "%+.2f %%", (a - b) * 100 / b }') ours vs SDK)"
    fi
    echo "| $what | $(size_mb "$builder") | $(size_mb "$size") | $(size_mb "$base") | $(size_mb $((size - base))) | $(awk -v a="$size" -v b="$builder" 'BEGIN { if (b > 0) printf "%.0f %%", a * 100 / b; else print "–" }') | $sdk |" \
        >>"$results/image-sizes.md"
done
cat "$results/image-sizes.md"
