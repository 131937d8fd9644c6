# The shop's HTTP API (an Orleans client of the silos).
# Build from the repository root:  docker build -f deploy/docker/api.Dockerfile -t ecommerce-api .
# Configuration comes from the environment (Section__Key), as in the README and deploy/kubernetes/.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone first, so that this layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Api/ Api/
RUN dotnet publish Api/Api.csproj -c Release --no-restore -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish .
# Listen on every interface inside the container; log JSON lines with trace ids.
ENV Urls=http://+:8080 \
    Logging__Json=true
# 8080: the HTTP API (and /health/live, /health/ready, /metrics).
EXPOSE 8080
# The image's unprivileged user (uid 1654), never root.
USER $APP_UID
# No curl in the runtime image: bash's /dev/tcp asks /health/live and expects a 200.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Ecommerce.Api.dll"]
