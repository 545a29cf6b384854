# Helpers shared by the bench/ scripts: paths, timed runs, medians, markdown, scratch copies of a sample,
# the loopback registry SDK containers take their base image from, and removing what a run created.
# Sourced, not run.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$repo/artifacts/bench"
results="$out/results"
mkdir -p "$out" "$results"

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }

# The docker CLI 28 talks to a 20.10 engine: the classic builder, as MultiStage.Sdk uses.
export DOCKER_BUILDKIT=0
# No first-run banner or telemetry noise in the timed .NET runs.
# This machine's engine has no bridge network (eng/engine.sh): the publishes' RUN steps use the host's.
export MultiStageBuildNetwork=host
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_tools() {
    if [ ! -x /usr/bin/time ]; then
        say "installing Debian's time (wall time and peak RSS)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
    fi
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no engine answers; run: bash eng/engine.sh"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# timed LABEL LOGDIR -- COMMAND...: runs COMMAND under /usr/bin/time, appends "wall peak-RSS-kB" to
# LOGDIR/LABEL.times, keeps its output in LOGDIR/LABEL-<n>.log. Fails the script when COMMAND fails.
timed() {
    local label=$1 dir=$2
    shift 3
    mkdir -p "$dir"
    local n=1
    if [ -f "$dir/$label.times" ]; then n=$(($(wc -l <"$dir/$label.times") + 1)); fi
    local log="$dir/$label-$n.log"
    if ! /usr/bin/time -f '%e %M' -o "$dir/$label-$n.time" "$@" >"$log" 2>&1; then
        say "$label run $n failed ($*); the last lines of $log:"
        tail -n 40 "$log" >&2
        exit 1
    fi
    tail -n1 "$dir/$label-$n.time" >>"$dir/$label.times"
    say "  $label #$n: $(tail -n1 "$dir/$label-$n.time" | awk '{ printf "%.2f s, %.0f MB", $1, $2 / 1024 }')"
}

# median COLUMN FILE
median() {
    sort -g -k"$1","$1" "$2" | awk -v c="$1" '{ v[NR] = $c } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
seconds() { awk -v s="$1" 'BEGIN { printf "%.2f s", s }'; }
megabytes_kb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
every_run() { awk '{ printf "%s%s", sep, $1; sep = ", " }' "$1"; }
# Sizes in the units docker images uses (1000-based), as the size report does.
size_mb() { awk -v b="$1" 'BEGIN { if (b == "" || b == "null") print "–"; else if (b < 1e6) printf "%.1f kB", b / 1e3; else printf "%.1f MB", b / 1e6 }'; }

# A row "| what | median of each | each but the anchor / anchor | peak RSS of each |" from .times files, the
# anchor (what ours is compared with) last: with two, "| what | ours | anchor | ours/anchor | ours RSS | anchor RSS |".
pair_row() { # what ours.times [more-ours.times...] anchor.times
    local what=$1 f walls="" ratios="" rss=""
    shift
    local anchor=${!#}
    for f in "$@"; do
        walls+=" $(seconds "$(median 1 "$f")") |"
        rss+=" $(megabytes_kb "$(median 2 "$f")") |"
    done
    for f in "${@:1:$#-1}"; do ratios+=" $(ratio "$(median 1 "$f")" "$(median 1 "$anchor")") |"; done
    echo "| $what |$walls$ratios$rss"
}

machine_line() {
    echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory;" \
        "engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}}), docker CLI {{.Client.Version}}'), storage driver $(docker info --format '{{.Driver}}');" \
        ".NET SDK $(dotnet --version); $(. /etc/os-release && echo "$PRETTY_NAME")"
}

# --- Scratch copies of samples/dotnet-web (or another .NET sample) ---------------------------------------
# The copy lives in its own folder with the samples' Directory.Build.props (package folder of the samples),
# and its published project file carries a marker comment: a new marker makes the csproj differ, so every
# layer of the app from its first COPY on misses the engine's cache, while the base images stay.
# What every part does first: read --runs N (default 5), check the tools, pack once, and empty its
# work folder artifacts/bench/<name> (in $work).
start_part() { # NAME [--runs N]
    local name="$1"
    shift
    runs=5
    while (($#)); do
        case "$1" in
            --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
            *) echo "usage: $0 [--runs N]" >&2; exit 2 ;;
        esac
    done
    need_tools
    pack_once
    work="$out/$name"
    rm -rf "$work"
    mkdir -p "$work"
}

nupkg() { ls "$repo"/artifacts/packages/MultiStage.Sdk.*.nupkg 2>/dev/null | head -n1; }

pack_once() {
    if [ -z "$(nupkg)" ] || [ "${bench_packed:-}" != 1 ]; then
        say "packing MultiStage.Sdk (Release) into artifacts/packages"
        dotnet pack "$repo/src/MultiStage.Sdk/MultiStage.Sdk.csproj" -c Release -nologo -v:q >"$out/pack.log" 2>&1 || { cat "$out/pack.log" >&2; exit 1; }
        rm -rf "$repo/artifacts/samples-packages/multistage.sdk"
        export bench_packed=1
    fi
}

# The project a sample publishes, relative to its folder: the one at its root, or a solution's web app.
sample_project() { # SAMPLE
    case "$1" in
        dotnet-storefront) echo src/Storefront.Web/Storefront.Web.csproj ;;
        node-* | go-* | php-*) echo "$1.proj" ;;
        *) echo "$1.csproj" ;;
    esac
}

# app_copy DIR MARKER [SAMPLE]: a fresh copy of SAMPLE (default dotnet-web) at DIR/SAMPLE (DIR is emptied first).
app_copy() {
    local sample=${3:-dotnet-web}
    rm -rf "$1"
    mkdir -p "$1"
    cat >"$1/Directory.Build.props" <<XML
<Project>
  <PropertyGroup>
    <RestorePackagesPath>$repo/artifacts/samples-packages/</RestorePackagesPath>
  </PropertyGroup>
</Project>
XML
    echo '<Project />' >"$1/Directory.Build.targets"
    cp -r "$repo/samples/$sample" "$1/$sample"
    find "$1/$sample" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
    set_marker "$1/$sample" "$2"
}
set_marker() { # APPDIR MARKER
    local csproj
    csproj="$1/$(sample_project "$(basename "$1")")"
    sed -i '/<!-- bench marker: /d' "$csproj"
    sed -i "1a <!-- bench marker: $2 -->" "$csproj"
}
# A one-line edit of the app's Program.cs: the greeting (dotnet-web) or the store's name (dotnet-storefront).
edit_source() { # APPDIR N
    local program
    case "$(basename "$1")" in
        dotnet-storefront)
            program="$1/src/Storefront.Web/Program.cs"
            sed -i "s|new StorePage(\"[^\"]*\",|new StorePage(\"storefront (edit $2)\",|" "$program" ;;
        *)
            program="$1/Program.cs"
            sed -i "s|app.MapGet(\"/\", () => \".*\");|app.MapGet(\"/\", () => \"Hello from a multi-stage image! (edit $2)\");|" "$program" ;;
    esac
    grep -q "(edit $2)" "$program" || die "the one-line edit did not apply to $program"
}

# --- The loopback registry SDK containers take the stand-in base images from ---------------------------
registry_port=${BENCH_REGISTRY_PORT:-5123}
registry="127.0.0.1:$registry_port"
registry_pid=
registry_start() {
    command -v docker-registry >/dev/null || {
        say "installing Debian's docker-registry"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-registry >/dev/null
    }
    local dir="$out/registry"
    rm -rf "$dir"
    mkdir -p "$dir/storage"
    cat >"$dir/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
http:
  addr: $registry
YML
    docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 50); do
        curl -fs "http://$registry/v2/" >/dev/null 2>&1 && break
        sleep 0.2
    done
    curl -fs "http://$registry/v2/" >/dev/null || die "the registry on $registry did not start (see $dir/registry.log)"
    # SDK containers treat this registry as insecure (plain HTTP).
    export DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry"
    local image
    for image in "$@"; do
        docker tag "mcr.microsoft.com/dotnet/$image" "$registry/dotnet/$image"
        docker push -q "$registry/dotnet/$image" >/dev/null
        docker rmi "$registry/dotnet/$image" >/dev/null
    done
}
registry_stop() {
    if [ -n "$registry_pid" ]; then
        kill "$registry_pid" 2>/dev/null || true
        wait "$registry_pid" 2>/dev/null || true
        registry_pid=
    fi
}

# --- Leaving the engine as it was: the images this suite tagged go (msbench-*), with the untagged ------
# layers only they used; nothing else is removed, since the engine may have other users. The classic
# builder's cache of the builder stages stays, as after any docker build.
remove_bench_images() {
    docker images --format '{{.Repository}}:{{.Tag}}' | grep '^msbench-' | xargs -r docker rmi >/dev/null 2>&1 || true
}
