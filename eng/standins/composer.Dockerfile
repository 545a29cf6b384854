# Stand-in for composer:2: Debian's composer (and unzip, for dist archives) on the shared PHP layer.
ARG BASE
FROM $BASE
ARG COMPOSER_MAJOR
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io composer unzip \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && major=$(composer --version --no-ansi 2>/dev/null | sed -nE 's/^Composer (version )?([0-9]+)\..*/\2/p') \
 && if [ "$major" != "$COMPOSER_MAJOR" ]; then \
        echo "composer.Dockerfile: Debian's composer is '$(composer --version --no-ansi)', the tag says composer:$COMPOSER_MAJOR; update build.sh and the templates." >&2; \
        exit 1; \
    fi
ENV COMPOSER_ALLOW_SUPERUSER=1 \
    COMPOSER_HOME=/tmp
WORKDIR /app
CMD ["composer"]
