#!/usr/bin/env bash
# Makes sure a Docker engine answers: installs Debian's docker.io where dockerd is missing and starts
# dockerd (no bridge, no iptables) where none is running. Idempotent; run as root on Debian 12.
set -euo pipefail

log=/var/log/multistage-dockerd.log
wait_seconds=60

engine_answers() {
    # The CLI may be newer than the engine (28 vs 20.10); it negotiates the API version.
    timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

need_engine() {
    echo "engine.sh: $1" >&2
    echo "engine.sh: a Docker engine is needed: install one (e.g. Debian's docker.io) and start it, or point DOCKER_HOST at one." >&2
    exit 1
}

if ! command -v dockerd >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        need_engine "dockerd is not installed and this script can only install it as root with apt-get."
    fi
    echo "engine.sh: installing docker.io"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q docker.io
fi
if ! command -v docker >/dev/null 2>&1; then
    need_engine "the docker CLI is not installed."
fi

if engine_answers; then
    echo "engine.sh: engine answers ($(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}'))"
    exit 0
fi

host_args=()
case "${DOCKER_HOST:-}" in
    "") ;;
    unix://*) host_args=(-H "$DOCKER_HOST") ;;
    *) need_engine "DOCKER_HOST=$DOCKER_HOST does not answer and is not a local unix socket this script could start." ;;
esac
if [ "$(id -u)" -ne 0 ]; then
    need_engine "no engine answers and starting dockerd needs root."
fi

echo "engine.sh: starting dockerd (log: $log)"
# systemd is not running here, so dockerd is started directly and detached so it outlives this script.
# No bridge and no iptables: every container and build uses the host network.
setsid nohup dockerd "${host_args[@]}" --bridge=none --iptables=false --ip6tables=false \
    >>"$log" 2>&1 </dev/null &

for ((i = 0; i < wait_seconds; i++)); do
    if engine_answers; then
        echo "engine.sh: engine answers after ${i}s ($(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}'))"
        exit 0
    fi
    sleep 1
done
echo "engine.sh: dockerd did not answer within ${wait_seconds}s; last lines of $log:" >&2
tail -n 30 "$log" >&2
exit 1
