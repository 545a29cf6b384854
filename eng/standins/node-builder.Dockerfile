# Stand-in for node:<major>-bookworm: the slim stand-in plus what the official full image has from
# buildpack-deps for building native addons and git dependencies (git, make, g++).
ARG BASE
FROM $BASE
USER root
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io git make g++ \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
