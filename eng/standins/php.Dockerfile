# The layer composer:2 and php:<major.minor>-fpm share: Debian's PHP CLI plus the extensions a Laravel app
# needs that Debian packages separately (mbstring, xml, curl, zip).
ARG BASE
FROM $BASE
ARG PHP_VERSION
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io \
        php-cli php-curl php-mbstring php-xml php-zip \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && version=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;') \
 && if [ "$version" != "$PHP_VERSION" ]; then \
        echo "php.Dockerfile: Debian's PHP is $(php -r 'echo PHP_VERSION;'), the tags say $PHP_VERSION; update build.sh and the templates." >&2; \
        exit 1; \
    fi
