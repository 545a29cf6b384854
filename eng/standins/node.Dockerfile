# Stand-in for node:<major>-bookworm-slim: Debian's nodejs and npm,
# and the `node` user (uid/gid 1000, home /home/node) of the official images.
ARG BASE
FROM $BASE
ARG NODE_MAJOR
ARG DEBIAN_FRONTEND=noninteractive
# dpkg syncs its database after each of the ~380 packages Debian's npm pulls in; libeatmydata (preloaded
# from its unpacked .deb, never installed) makes those syncs no-ops and saves about a third of the time.
RUN apt-get update -q \
 && (cd /tmp && apt-get download -q libeatmydata1 && dpkg-deb -x libeatmydata1_*.deb eatmydata) \
 && LD_PRELOAD=$(echo /tmp/eatmydata/usr/lib/*/libeatmydata.so) \
        apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io nodejs npm \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/eatmydata /tmp/libeatmydata1_*.deb \
 && major=$(node -p 'process.versions.node.split(".")[0]') \
 && if [ "$major" != "$NODE_MAJOR" ]; then \
        echo "node.Dockerfile: Debian's nodejs is $(node --version), the tag says node:$NODE_MAJOR; update build.sh and the templates." >&2; \
        exit 1; \
    fi \
 && npm config set --location=global cafile /etc/ssl/certs/ca-certificates.crt \
 && groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
# Node does not read the system bundle by itself; this one holds the CA the machine's network uses.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
