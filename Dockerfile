# Builds the executor node and the venue simulator; docker-compose.yml picks a target.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/BetExecutor.Node -c Release -o /out/node \
 && dotnet publish src/BetExecutor.Venue.Simulator -c Release -o /out/venue

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS node
WORKDIR /app
COPY --from=build /out/node .
ENTRYPOINT ["dotnet", "BetExecutor.Node.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS venue
WORKDIR /app
COPY --from=build /out/venue .
ENTRYPOINT ["dotnet", "BetExecutor.Venue.Simulator.dll"]
