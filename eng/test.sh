#!/usr/bin/env bash
# The one test command, for CI and for a new contributor on a fresh Debian machine:
# installs what is missing (as root, with apt-get), makes sure a Docker engine answers, builds the
# stand-in base images (reused when present), packs the package, and runs every NUnit test.
# Extra arguments go to `dotnet test` (for example: --filter FullyQualifiedName~WebAppTests).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
command -v cgi-fcgi >/dev/null 2>&1 || missing+=(libfcgi-bin)
# PodmanTests publish against Podman's Docker-compatible service too.
command -v podman >/dev/null 2>&1 || missing+=(podman)
# The publish of a Native AOT app compiles it on this machine too, before the image build.
command -v clang >/dev/null 2>&1 || missing+=(clang zlib1g-dev)
# The push tests run a registry on 127.0.0.1 (the package's systemd service is not used) with a bcrypt htpasswd file.
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: ${missing[*]} missing; install them (a Docker engine is needed) or run as root on Debian." >&2
        exit 1
    fi
    echo "test.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
fi

bash eng/engine.sh
bash eng/standins/build.sh

# The hand-run benchmark's driver (bench/) is not run here, but it must keep compiling against the library.
echo "test.sh: building the benchmark driver"
dotnet build bench/MultiStage.Sdk.Benchmarks/MultiStage.Sdk.Benchmarks.csproj -c Release -nologo -v:q

echo "test.sh: packing MultiStage.Sdk"
dotnet pack src/MultiStage.Sdk/MultiStage.Sdk.csproj -c Release -nologo -v:q
# The samples restore the package (and resolve it as an MSBuild SDK) under one version while it is
# developed: drop the copies of the previous pack.
rm -rf artifacts/samples-packages/multistage.sdk "${NUGET_PACKAGES:-$HOME/.nuget/packages}/multistage.sdk" artifacts/test-evidence

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test MultiStage.Sdk.sln -c Release -nologo --logger "trx" --results-directory "$results" "$@" || status=$?

# One plain closing line, summed over every test assembly's results.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed)))
    skipped=$((skipped + $(value notExecuted)))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ -d artifacts/test-evidence ] && echo "test.sh: evidence of failures kept in artifacts/test-evidence"
exit "$status"
