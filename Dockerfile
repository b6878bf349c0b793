# syntax=docker/dockerfile:1
# The worker image: `docker build -t streaming-anomaly-detector .` (docker-compose.yml builds it for you).
# Checked without a Docker engine by tests/Worker.Tests/Deploy/DeploymentFilesTests (see README, Deploy).

# ---- build: the .NET 10 SDK restores and publishes the worker ----
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore-only layer: the project and package files alone, so that a change to the code reuses the restored packages
# (libtorch alone is ~600 MB) instead of downloading them again.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/Ingest/Streaming.Ingest.csproj src/Ingest/
COPY src/Model/Streaming.Model.csproj src/Model/
COPY src/Worker/Streaming.Worker.csproj src/Worker/
# linux-x64 only (Directory.Build.props): the TorchSharp/librdkafka natives of other platforms stay out of the image.
RUN dotnet restore src/Worker/Streaming.Worker.csproj
COPY config/ config/
COPY src/ src/
# build/LibTorchSharpGlibcxxFix.targets runs after publish too; on noble it is a no-op in effect (see below).
RUN dotnet publish src/Worker/Streaming.Worker.csproj -c Release --no-restore -o /app

# ---- runtime: the ASP.NET Core 10 runtime on Ubuntu 24.04 (noble) ----
# Why aspnet: the health and metrics endpoints run on Kestrel (the worker references the Microsoft.AspNetCore.App
# framework), which the plain runtime image does not carry.
# Why noble: libtorch (TorchSharp-cpu 0.107.0) asks for GLIBCXX_3.4.32, which Debian 12's libstdc++ (the default
# aspnet:10.0 base) lacks; noble's libstdc++ (GCC 14, GLIBCXX up to 3.4.33) and glibc 2.39 satisfy it as shipped,
# so the weak-version patch is not needed to load it here.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
WORKDIR /app
COPY --from=build /app ./
# Listen on every interface inside the container; compose publishes the ports on the host's 127.0.0.1 only.
ENV Telemetry__PrometheusUrl=http://+:9464/ \
    Telemetry__HealthUrl=http://+:8081/ \
    DOTNET_ENVIRONMENT=Production
EXPOSE 9464 8081
# Readiness through the worker's own `health` command (the runtime image has no curl): exit 0 when /health/ready says 200.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["dotnet", "Streaming.Worker.dll", "health"]
# The .NET images ship the unprivileged user 'app' (UID 1654); the worker needs no root.
USER app
ENTRYPOINT ["dotnet", "Streaming.Worker.dll"]
CMD ["run"]
