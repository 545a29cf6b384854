# Stand-in for golang:<major.minor>: Debian's Go — GO_PACKAGE from APT_SUITE (empty: bookworm itself) —
# with `go` and `gofmt` on PATH, GOPATH=/go, and the C toolchain the official image has for cgo (gcc,
# libc6-dev). A suite such as bookworm-backports is added from the mirror the image's apt sources already use.
ARG BASE
FROM $BASE
ARG GO_VERSION
ARG GO_PACKAGE=golang-go
ARG APT_SUITE=
ARG DEBIAN_FRONTEND=noninteractive
RUN if [ -n "$APT_SUITE" ]; then \
        uri=$(awk '/^URIs:/ { u = $2 } /^Suites:/ && / bookworm( |$)/ { print u; exit } /^deb / && $3 == "bookworm" { print $2; exit }' \
            /etc/apt/sources.list.d/* /etc/apt/sources.list 2>/dev/null); \
        if [ -z "$uri" ]; then echo "golang.Dockerfile: no bookworm source in /etc/apt to take the mirror of $APT_SUITE from." >&2; exit 1; fi; \
        printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$uri" "$APT_SUITE" >"/etc/apt/sources.list.d/$APT_SUITE.sources"; \
    fi \
 && apt-get update -q \
 && apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io \
        ${APT_SUITE:+-t "$APT_SUITE"} "$GO_PACKAGE" gcc libc6-dev \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && if ! command -v go >/dev/null; then ln -s "/usr/lib/go-$GO_VERSION/bin/go" "/usr/lib/go-$GO_VERSION/bin/gofmt" /usr/local/bin/; fi \
 && version=$(go env GOVERSION | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/') \
 && if [ "$version" != "$GO_VERSION" ]; then \
        echo "golang.Dockerfile: Debian's go is $(go env GOVERSION), the tag says golang:$GO_VERSION; update build.sh and the templates." >&2; \
        exit 1; \
    fi \
 && mkdir -p /go/src /go/bin && chmod -R 1777 /go
# GOTOOLCHAIN=local: a newer go.mod never makes go fetch a toolchain (Go 1.21+; inert before).
ENV GOPATH=/go \
    GOTOOLCHAIN=local \
    PATH=/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /go
