# The layer composer:2 and php:<major.minor>-fpm share: Debian's PHP CLI plus the extensions a Laravel app
# needs that Debian packages separately (mbstring, xml, curl, zip), laid out like the official images:
# PHP_INI_DIR holds php.ini-production and php.ini-development and no php.ini (PHP's built-in defaults
# until an image copies one there), its conf.d/ is read after Debian's, and opcache is installed but not
# enabled (the official images build it as a shared extension and leave it off).
ARG BASE
FROM $BASE
ARG PHP_VERSION
ARG DEBIAN_FRONTEND=noninteractive
ENV PHP_INI_DIR=/usr/local/etc/php
# An empty entry is PHP's own scan folder (Debian's conf.d with its extensions), then the image's.
ENV PHP_INI_SCAN_DIR=:/usr/local/etc/php/conf.d
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io \
        php-cli php-curl php-mbstring php-opcache php-xml php-zip \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && version=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;') \
 && if [ "$version" != "$PHP_VERSION" ]; then \
        echo "php.Dockerfile: Debian's PHP is $(php -r 'echo PHP_VERSION;'), the tags say $PHP_VERSION; update build.sh and the templates." >&2; \
        exit 1; \
    fi \
 && mkdir -p "$PHP_INI_DIR/conf.d" \
 && cp "/usr/lib/php/$PHP_VERSION/php.ini-production" "/usr/lib/php/$PHP_VERSION/php.ini-development" "$PHP_INI_DIR/" \
 && phpdismod opcache \
 && ln -sf "$PHP_INI_DIR/php.ini" "/etc/php/$PHP_VERSION/cli/php.ini"
