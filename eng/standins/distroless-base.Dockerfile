# Stand-in for gcr.io/distroless/base-debian12:nonroot: the static stand-in plus glibc and libssl3 (what a
# cgo binary links against), from Debian's own packages; still no shell and no package manager.
ARG BASE
ARG STATIC
FROM $BASE AS libs
# Paths under /usr, as in a merged-/usr system: /lib and /lib64 become links to them below.
RUN mkdir /rootfs \
 && dpkg -L libc6 libssl3 | while read -r f; do \
        if [ -f "$f" ] || [ -L "$f" ]; then \
            case "$f" in /usr/share/*) continue ;; /lib*) f="/usr$f" ;; esac; \
            cp -a --parents "$f" /rootfs; \
        fi; \
    done \
 && ln -s usr/lib /rootfs/lib && ln -s usr/lib64 /rootfs/lib64

FROM $STATIC
COPY --from=libs /rootfs/ /
