# Stand-in for mcr.microsoft.com/dotnet/aspnet: runtime plus shared/Microsoft.AspNetCore.App/<ver>.
ARG BASE
FROM $BASE
ARG ASPNET_VERSION
ENV ASPNET_VERSION=$ASPNET_VERSION
COPY usr/share/dotnet/ /usr/share/dotnet/
