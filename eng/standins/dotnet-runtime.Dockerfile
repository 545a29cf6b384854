# Stand-in for mcr.microsoft.com/dotnet/runtime: runtime-deps plus this machine's .NET runtime
# (the context holds usr/share/dotnet/{dotnet,host,shared/Microsoft.NETCore.App/<ver>,…}).
ARG BASE
FROM $BASE
ARG DOTNET_VERSION
ENV DOTNET_VERSION=$DOTNET_VERSION
COPY usr/share/dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
