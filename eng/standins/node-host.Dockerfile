# Stand-in for node:<major>-bookworm-slim from this machine's own Node.js install (node, and npm and
# corepack from its node_modules), put where the official images have it: /usr/local. node-setup.sh adds
# yarn 1 (as the official images have it) and the `node` user (uid/gid 1000, home /home/node).
ARG BASE
FROM $BASE
ARG NODE_MAJOR
ARG YARN_VERSION
# Node does not read the system bundle by itself; this one holds the CA the machine's network uses.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
COPY usr/bin/node /usr/local/bin/node
COPY usr/lib/node_modules /usr/local/lib/node_modules
COPY node-setup.sh /usr/local/share/multistage/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack \
 && sh /usr/local/share/multistage/node-setup.sh "$NODE_MAJOR" "$YARN_VERSION"
CMD ["node"]
