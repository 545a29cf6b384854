# Stand-in for golang:<major.minor>: Debian's golang-go (GOROOT where Debian puts it, `go` in /usr/bin),
# GOPATH=/go as in the official image. No C compiler: builds are expected to set CGO_ENABLED=0.
ARG BASE
FROM $BASE
ARG GO_VERSION
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io golang-go \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
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
