# Stand-in for node:<major>-bookworm-slim from Debian's nodejs and npm, for the major Debian ships.
# node-setup.sh adds yarn 1 and corepack (as the official images have them) and the `node` user
# (uid/gid 1000, home /home/node) of the official images.
ARG BASE
FROM $BASE
ARG NODE_MAJOR
ARG YARN_VERSION
ARG COREPACK_VERSION
ARG DEBIAN_FRONTEND=noninteractive
# Node does not read the system bundle by itself; this one holds the CA the machine's network uses.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
COPY node-setup.sh /usr/local/share/multistage/
# dpkg syncs its database after each of the ~380 packages Debian's npm pulls in; libeatmydata (preloaded
# from its unpacked .deb, never installed) makes those syncs no-ops and saves about a third of the time.
RUN apt-get update -q \
 && (cd /tmp && apt-get download -q libeatmydata1 && dpkg-deb -x libeatmydata1_*.deb eatmydata) \
 && LD_PRELOAD=$(echo /tmp/eatmydata/usr/lib/*/libeatmydata.so) \
        apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io nodejs npm \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/eatmydata /tmp/libeatmydata1_*.deb \
 && sh /usr/local/share/multistage/node-setup.sh "$NODE_MAJOR" "$YARN_VERSION" "$COREPACK_VERSION"
CMD ["node"]
