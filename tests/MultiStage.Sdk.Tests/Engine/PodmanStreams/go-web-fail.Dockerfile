# Rendered by MultiStage.Sdk (go 1.19, static, main package cmd/server).
# It is written anew on every publish: change the project's properties, not this file.

FROM golang:1.19 AS builder
WORKDIR /src
# go.mod and go.sum first: the module download layer is reused until the dependencies change.
COPY ["go.mod", "./"]
RUN go mod download
COPY . .
# A static binary (no cgo), without file system paths or debug symbols: it needs nothing from the runtime image but CA certificates.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot AS final
WORKDIR /app
EXPOSE 8080
COPY --from=builder /out/server ./server
USER 65532:65532
LABEL org.opencontainers.image.title="go-web"
ENTRYPOINT ["/app/server"]
