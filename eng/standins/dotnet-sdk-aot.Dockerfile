# Stand-in for mcr.microsoft.com/dotnet/sdk:<channel>-noble-aot: the SDK stand-in plus what Native AOT
# compiles and links with (clang, zlib), as the official -aot images carry them.
ARG BASE
FROM $BASE
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io clang zlib1g-dev \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
