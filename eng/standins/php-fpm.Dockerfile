# Stand-in for php:<major.minor>-fpm: Debian's php-fpm on the shared PHP layer, set up like the official
# image: `php-fpm` on PATH, the pool on port 9000 of every interface, logs on stderr, in the foreground,
# no pid file (so it also runs as www-data), WORKDIR /var/www/html; its php.ini is $PHP_INI_DIR/php.ini, as
# the CLI's, and opcache stays off.
ARG BASE
FROM $BASE
ARG PHP_VERSION
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io php-fpm \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && ln -s "/usr/sbin/php-fpm$PHP_VERSION" /usr/local/sbin/php-fpm \
 && phpdismod -s fpm opcache \
 && ln -sf "$PHP_INI_DIR/php.ini" "/etc/php/$PHP_VERSION/fpm/php.ini" \
 && sed -i -E 's/^(pid|error_log) = /;&/' "/etc/php/$PHP_VERSION/fpm/php-fpm.conf" \
 && mkdir -p /var/www/html && chown www-data:www-data /var/www/html && chmod 1777 /var/www/html
# Read after Debian's www.conf, so these settings win.
COPY php-fpm-docker.conf /etc/php/$PHP_VERSION/fpm/pool.d/zz-docker.conf
WORKDIR /var/www/html
STOPSIGNAL SIGQUIT
EXPOSE 9000
CMD ["php-fpm"]
