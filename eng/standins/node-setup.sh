#!/bin/sh
# Run by the node stand-ins' Dockerfiles once node and npm are in place: checks that node is the major
# version the tag says, points npm at the machine's CA bundle, installs yarn 1 (classic) globally as the
# official images ship it and, where node came without it, corepack; adds the official images' `node` user.
# Usage: node-setup.sh NODE_MAJOR YARN_VERSION [COREPACK_VERSION]
set -eu
major=$1 yarn_version=$2 corepack_version=${3:-}

actual=$(node -p 'process.versions.node.split(".")[0]')
if [ "$actual" != "$major" ]; then
    echo "node-setup.sh: node is $(node --version), the tag says node:$major; update eng/standins/build.sh." >&2
    exit 1
fi

npm config set --location=global cafile /etc/ssl/certs/ca-certificates.crt
install="npm install --global --no-audit --no-fund --no-update-notifier"
if [ -n "$corepack_version" ]; then
    # corepack's package also has yarn and pnpm shims; like node's own corepack, only `corepack` is on
    # PATH until `corepack enable`, so the global yarn below is yarn 1 itself.
    $install "corepack@$corepack_version"
    bin=$(npm prefix --global)/bin
    rm -f "$bin/yarn" "$bin/yarnpkg" "$bin/pnpm" "$bin/pnpx"
fi
$install "yarn@$yarn_version"
npm cache clean --force
rm -rf /root/.npm /tmp/*
test "$(yarn --version)" = "$yarn_version" && corepack --version >/dev/null

groupadd --gid 1000 node
useradd --uid 1000 --gid node --shell /bin/bash --create-home node
