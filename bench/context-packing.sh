#!/usr/bin/env bash
# Hand-run benchmark of build-context packing: this package's packer (ImageBuild.RunAsync, through
# bench/MultiStage.Sdk.Benchmarks) against the docker CLI's classic builder, sending the same context to
# the same engine. Run as root on Debian 12 after `bash eng/engine.sh`.
#
#   bash bench/context-packing.sh [--runs N] [--small]
#
# The Dockerfile is FROM scratch + one COPY of a small file: no step creates a container and the cached
# step is cheap, so each run is dominated by packing, sending and the engine unpacking the whole context.
# Results: artifacts/bench/context-packing.md (--small: context-packing-small.md).
set -euo pipefail

usage() { echo "usage: $0 [--runs N] [--small]" >&2; }

runs=5
small=false
while (($#)); do
    case "$1" in
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --small) small=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage; exit 2 ;;
    esac
done
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    usage
    exit 2
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$repo/artifacts/bench"
if $small; then
    profile=small
    tree="$out/context-tree-small"
    report="$out/context-packing-small.md"
else
    profile=full
    tree="$out/context-tree"
    report="$out/context-packing.md"
fi
work="$out/work"
dockerfile="$out/Dockerfile"
driver="$out/build/bin/MultiStage.Sdk.Benchmarks/release/MultiStage.Sdk.Benchmarks"
cli_tag=msbench-cli
ours_tag=msbench-ours
mkdir -p "$out" "$work"

cleanup() { docker rmi "$cli_tag" "$ours_tag" >/dev/null 2>&1 || true; }
trap cleanup EXIT

if [ ! -x /usr/bin/time ]; then
    echo "context-packing: installing Debian's time (for wall time and peak RSS)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
fi
docker version --format '{{.Server.Version}}' >/dev/null || { echo "context-packing: no engine answers; run: bash eng/engine.sh" >&2; exit 1; }

# --- The tree: generated once, deterministically; delete the folder to regenerate it. ----------------
if [ ! -d "$tree" ]; then
    echo "context-packing: generating the $profile tree in $tree"
    rm -rf "$tree.partial"
    # Written aside and renamed at the end, so an interrupted generation is never reused.
    python3 - "$tree.partial" "$profile" <<'PY'
import os, random, sys

root, profile = sys.argv[1], sys.argv[2]
full = profile == "full"
# One less than the tree holds: the script writes the .dockerignore.
total_files = 19_999 if full else 499
count = (lambda n: n) if full else (lambda n: max(1, round(n / 40)))
big = (lambda n: n) if full else (lambda n: n // 15)  # sizes of the MB-sized categories
rng = random.Random(20251130)

words = ("public private static async await return var new class record namespace using string int long "
         "bool if else foreach while try catch finally throw null true false this base override readonly "
         "const Task List Dictionary context request result builder options logger value index count").split()
corpus = "".join(
    " " * (4 * rng.randrange(4)) + " ".join(rng.choices(words, k=rng.randrange(3, 12))) + ";\n"
    for _ in range(40_000)).encode()
# Random content from one pool: incompressible like real binaries, without generating 300 MB of randomness.
pool = rng.randbytes(32 << 20)
pool2 = pool + pool

def text(size):
    start = rng.randrange(len(corpus) - size)
    return corpus[start:start + size]

def binary(size):
    out = bytearray()
    while len(out) < size:
        n = min(size - len(out), len(pool))
        start = rng.randrange(len(pool))
        out += pool2[start:start + n]
    return bytes(out)

written = 0
def put(path, data):
    global written
    full_path = os.path.join(root, path)
    assert not os.path.exists(full_path), path
    os.makedirs(os.path.dirname(full_path), exist_ok=True)
    with open(full_path, "wb") as f:
        f.write(data)
    written += 1

projects = [f"src/{name}" for name in ("Api", "Core", "Data", "Web", "Worker", "Shared", "Cli", "Jobs",
                                       "Auth", "Billing", "Search", "Mail", "Tests.Unit", "Tests.Integration",
                                       "Gateway", "Admin", "Reports", "Sync", "Cache", "Telemetry")]

# Dot-files and the file the Dockerfile copies.
for path in (".editorconfig", ".gitattributes", ".gitignore", ".env", ".env.local", ".vscode/settings.json",
             ".vscode/launch.json", ".idea/workspace.xml", ".github/workflows/ci.yml",
             ".config/dotnet-tools.json", "README.md", "CONTRIBUTING.md", "global.json", "Directory.Build.props"):
    put(path, text(rng.randrange(200, 4000)))
put("certs/dev.pfx", binary(2_500))
put("marker.txt", b"marker\n")

# A .git-like folder: loose objects and two packs.
for i in range(count(1_000)):
    put(f".git/objects/{i % 256:02x}/{rng.getrandbits(152):038x}", binary(rng.randrange(300, 6_000)))
for i in range(2):
    put(f".git/objects/pack/pack-{i}.pack", binary(big(rng.randrange(8, 14) << 20)))
    put(f".git/objects/pack/pack-{i}.idx", binary(big(200_000)))
for path in ("HEAD", "config", "index", "packed-refs", "logs/HEAD"):
    put(f".git/{path}", text(rng.randrange(100, 3000)))

# A node_modules-like folder: many small packages.
for i in range(count(3_000)):
    package = f"node_modules/{'@scope/' if i // 25 % 7 == 0 else ''}pkg-{i // 25}"
    k = i % 25
    name = "package.json" if k == 0 else "README.md" if k == 1 else f"lib/m{k}.js" if k % 2 else f"types/m{k}.d.ts"
    put(f"{package}/{name}", text(rng.randrange(300, 10_000)))

# bin/ and obj/ of every project.
for i in range(count(800)):
    project = projects[i % len(projects)]
    if i % 2:
        put(f"{project}/bin/Release/net10.0/Lib{i}.{'dll' if i % 4 == 1 else 'pdb'}", binary(big(rng.randrange(5_000, 200_000))))
    else:
        put(f"{project}/obj/Release/net10.0/gen{i}.{'cache' if i % 4 else 'json'}", text(rng.randrange(200, 20_000)))

# MB-sized binaries that are sent, and large test data that is not.
for i in range(count(35)):
    put(f"assets/media/blob{i}.bin", binary(big(rng.randrange(1 << 20, 5 << 20))))
for i in range(count(5)):
    put(f"tests/testdata/large/dump{i}.bin", binary(big(rng.randrange(2 << 20, 4 << 20))))
for i in range(count(50)):
    put(f"tests/testdata/small/case{i}.json", text(rng.randrange(100, 3_000)))

# Images under docs/ (ignored but for the logo), logs (ignored but for important.log), build output.
put("docs/images/logo.png", binary(30_000))
for i in range(count(150)):
    put(f"docs/images/{['guide', 'api', 'blog'][i % 3]}/shot{i}.png", binary(rng.randrange(20_000, 400_000)))
put("logs/important.log", text(5_000))
for i in range(count(60)):
    put(f"logs/{'archive/' if i % 3 else ''}run{i}.log", text(rng.randrange(10_000, 200_000)))
for i in range(count(300)):
    put(f"dist/js/chunk{i // 2}.{'js' if i % 2 else 'js.map'}", text(rng.randrange(1_000, 20_000)))
for i in range(count(100)):
    put(f"coverage/lcov-report/file{i}.html", text(rng.randrange(2_000, 15_000)))

# The rest: source files in nested folders, with the strays a real checkout has.
remaining = total_files - written
for i in range(remaining):
    project = projects[i % len(projects)]
    folder = f"{project}/{['Features', 'Services', 'Models', 'Infrastructure'][i % 4]}/Area{i % 13}/Part{i % 5}"
    # The first file of some folders is a stray; a name repeats only in another folder.
    stray = i < 260 and i % 10 < 4
    name = ("Notes.md", "debug.log", "scratch.tmp", ".DS_Store")[i % 10] if stray else f"Type{i}.{'ts' if i % 3 == 0 else 'cs'}"
    put(f"{folder}/{name}", text(rng.randrange(200, 7_000)))

assert written == total_files, (written, total_files)
PY
    mv "$tree.partial" "$tree"
fi

# 20 patterns: folders, ** patterns and exceptions that bring files back from excluded places.
cat >"$tree/.dockerignore" <<'EOF'
# Source control, IDEs and local settings
.git
.vs
.vscode
.idea
.env*
**/.DS_Store
# Dependencies and build output
**/node_modules
**/bin
**/obj
dist/**/*.map
coverage
# Logs, scratch files, secrets and bulky test data
**/*.log
!logs/important.log
**/*.tmp
**/*.pfx
tests/testdata/large
# Documentation: only the README and the logo
**/*.md
!README.md
docs/**/*.png
!docs/images/logo.png
EOF
cat >"$dockerfile" <<'EOF'
FROM scratch
COPY marker.txt /marker.txt
EOF

echo "context-packing: building the driver (Release)"
# Its own artifacts path: src/ and tests/ build outputs are left alone.
dotnet build "$repo/bench/MultiStage.Sdk.Benchmarks/MultiStage.Sdk.Benchmarks.csproj" -c Release \
    --artifacts-path "$out/build" -nologo -v q >"$work/driver-build.log" 2>&1 || { cat "$work/driver-build.log" >&2; exit 1; }

# Sets cmd to one side's build of a Dockerfile: a program, so /usr/bin/time can run it.
command_for() { # cli|ours dockerfile
    case "$1" in
        cli) cmd=(env DOCKER_BUILDKIT=0 docker build -q -f "$2" -t "$cli_tag" "$tree") ;;
        ours) cmd=("$driver" send-context "$tree" "$2" "$tree/.dockerignore" "$ours_tag") ;;
    esac
}

# --- What each side sent: COPY . into an image, untimed, and list the image's files. -----------------
# The CLI prints nothing about its context with -q; the image holds exactly what the engine received
# (minus the Dockerfile the CLI adds under a random name, which the engine drops).
echo "context-packing: checking what each side sends"
printf 'FROM scratch\nCOPY . /ctx/\n' >"$work/Dockerfile.copy-all"
for side in cli ours; do
    command_for "$side" "$work/Dockerfile.copy-all"
    "${cmd[@]}" >"$work/check-$side.log" 2>&1 || { cat "$work/check-$side.log" >&2; exit 1; }
done
docker save -o "$work/cli.tar" "$cli_tag"
docker save -o "$work/ours.tar" "$ours_tag"
cleanup
check=$(python3 - "$work/cli.tar" "$work/ours.tar" <<'PY'
import json, sys, tarfile

def files(image_tar):
    with tarfile.open(image_tar) as image:
        layers = json.load(image.extractfile("manifest.json"))[0]["Layers"]
        found = {}
        for layer in layers:
            with tarfile.open(fileobj=image.extractfile(layer)) as entries:
                found.update((e.name, e.size) for e in entries if e.isfile())
        return found

cli, ours = files(sys.argv[1]), files(sys.argv[2])
print(len(cli), sum(cli.values()), len(ours), sum(ours.values()))
only = lambda a, b: ", ".join(sorted(p.removeprefix("ctx/") for p in a.keys() - b.keys())[:5]) or "none"
print(f"only in ours: {only(ours, cli)}; only in the CLI's: {only(cli, ours)}")
PY
)
rm -f "$work/cli.tar" "$work/ours.tar"
read -r cli_files cli_bytes image_files image_bytes <<<"$(head -n1 <<<"$check")"
check_diff=$(tail -n1 <<<"$check")

# --- Timed runs, alternating; the first of each is a warm-up. -----------------------------------------
timed() { # cli|ours run
    local label=$1 run=$2
    command_for "$label" "$dockerfile"
    if ! /usr/bin/time -f '%e %M' -o "$work/$label-$run.time" "${cmd[@]}" >"$work/$label-$run.out" 2>"$work/$label-$run.err"; then
        echo "context-packing: $label run $run failed:" >&2
        cat "$work/$label-$run.err" >&2
        exit 1
    fi
    if ((run > 0)); then
        tail -n1 "$work/$label-$run.time" >>"$work/$label.times"
    fi
    echo "  $label run $run: $(tail -n1 "$work/$label-$run.time" | awk '{printf "%.2f s, %.0f MB", $1, $2 / 1024}')"
}
rm -f "$work"/*.time "$work"/*.out "$work"/*.err "$work"/*.times
# Other users of the engine skew the times: say how busy it was.
busy() { echo "$(docker ps -q | wc -l) containers running, load average $(cut -d' ' -f1 /proc/loadavg)"; }
busy_before=$(busy)
echo "context-packing: 1 warm-up + $runs runs of each"
for ((run = 0; run <= runs; run++)); do
    timed cli "$run"
    timed ours "$run"
done

busy_after=$(busy)

median() { # column file
    sort -g -k"$1","$1" "$2" | awk -v c="$1" '{ v[NR] = $c } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
cli_wall=$(median 1 "$work/cli.times")
ours_wall=$(median 1 "$work/ours.times")
cli_rss=$(median 2 "$work/cli.times")
ours_rss=$(median 2 "$work/ours.times")
stats_line=$(grep '^Build context:' "$work/ours-$runs.out")
read -r ours_files ours_bytes <<<"$(sed -n 's/^sent \([0-9]*\) files \([0-9]*\) bytes.*/\1 \2/p' "$work/ours-$runs.out")"
read -r tree_files tree_bytes <<<"$(find "$tree" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { print n, b }')"

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
all_walls() { awk '{ printf "%s%s", sep, $1; sep = ", " }' "$1"; }
{
    echo "# Build-context packing: MultiStage.Sdk against the docker CLI"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), \`bash bench/context-packing.sh --runs $runs$($small && echo ' --small')\`"
    echo
    echo "- Machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory," \
        "engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}}), CLI {{.Client.Version}}')," \
        "storage driver $(docker info --format '{{.Driver}}'), .NET $(dotnet --version) SDK"
    echo "- Tree ($profile): $tree_files files, $(mb "$tree_bytes") ($tree_bytes bytes); .dockerignore of 20 patterns"
    echo "- Sent by ours: $ours_files files, $(mb "$ours_bytes") ($ours_bytes bytes), its Dockerfile and .dockerignore included" \
        "(the library's line: \"$stats_line\")"
    echo "- Received by the engine (\`COPY . /ctx/\` of each side's context, files in the image): CLI $cli_files files," \
        "$(mb "$cli_bytes"); ours $image_files files, $(mb "$image_bytes"); $check_diff"
    echo "- Dockerfile: \`FROM scratch\` + \`COPY marker.txt /marker.txt\`; classic builder (\`DOCKER_BUILDKIT=0\`, \`docker build -q\`)"
    echo "- Whole-process wall time and peak RSS from \`/usr/bin/time\`; 1 warm-up + $runs alternating runs, medians"
    echo "- Engine activity: before the runs $busy_before; after them $busy_after"
    echo
    echo "| | wall time | peak RSS |"
    echo "|---|---:|---:|"
    awk -v w="$cli_wall" -v r="$cli_rss" 'BEGIN { printf "| docker CLI 28 | %.2f s | %.0f MB |\n", w, r / 1024 }'
    awk -v w="$ours_wall" -v r="$ours_rss" 'BEGIN { printf "| MultiStage.Sdk | %.2f s | %.0f MB |\n", w, r / 1024 }'
    awk -v a="$ours_wall" -v b="$cli_wall" -v c="$ours_rss" -v d="$cli_rss" \
        'BEGIN { printf "| ours / CLI | %.2f | %.2f |\n", a / b, c / d }'
    echo
    echo "Every run's wall time (s): CLI $(all_walls "$work/cli.times"); ours $(all_walls "$work/ours.times")."
} >"$report"
echo
cat "$report"
