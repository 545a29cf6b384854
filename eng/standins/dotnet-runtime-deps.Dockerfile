# Stand-in for mcr.microsoft.com/dotnet/runtime-deps: the Debian stand-in plus the non-root `app` user.
ARG BASE
FROM $BASE
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
RUN groupadd --gid=$APP_UID app \
 && useradd --no-log-init --uid=$APP_UID --gid=$APP_UID --create-home app
