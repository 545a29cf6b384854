# Stand-in for mcr.microsoft.com/dotnet/sdk: aspnet plus the rest of this machine's /usr/share/dotnet
# (sdk/, packs/, templates/, sdk-manifests/, …). Runs as root, like the real SDK image.
ARG BASE
FROM $BASE
ARG DOTNET_SDK_VERSION
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    DOTNET_NOLOGO=true \
    DOTNET_SDK_VERSION=$DOTNET_SDK_VERSION \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    NUGET_XMLDOC_MODE=skip
COPY usr/share/dotnet/ /usr/share/dotnet/
