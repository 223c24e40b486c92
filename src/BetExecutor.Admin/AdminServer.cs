using System.Net;
using BetExecutor.Admin.Cluster;
using BetExecutor.Admin.Configuration;
using BetExecutor.Admin.Endpoints;
using BetExecutor.Admin.Requests;
using BetExecutor.Actors.Configuration;
using BetExecutor.Telemetry;
using BetExecutor.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace BetExecutor.Admin;

/// <summary>
/// The admin API's HTTP server (Kestrel; docs/admin-api.md). Start it with <see cref="StartAsync"/>; it serves until
/// disposed. Every path needs an admin token except <c>GET /metrics</c> (Prometheus text: counts by stable codes, no
/// identity and no secret), so a scraper needs no operator credential.
/// </summary>
public sealed class AdminServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MembershipWatch _watch;

    private AdminServer(WebApplication app, MembershipWatch watch, Uri address)
    {
        _app = app;
        _watch = watch;
        Address = address;
    }

    /// <summary>The log property naming the admin token a call came with, on every line the call causes.</summary>
    public const string OperatorLogProperty = "Operator";

    /// <summary>The bound address, with the real port when the options asked for port 0 (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Address { get; }

    /// <param name="options">From <see cref="AdminConfiguration.Read"/>.</param>
    /// <param name="cluster">What the API answers from.</param>
    /// <param name="logger">Every call is logged with the token's name (property <c>Operator</c>); never a token.</param>
    /// <exception cref="SettingException">no token is configured.</exception>
    /// <exception cref="IOException">the address cannot be bound (Kestrel's error, e.g. the port is taken).</exception>
    public static async Task<AdminServer> StartAsync(
        AdminOptions options, AdminCluster cluster, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tokens.Count == 0)
            throw new SettingException($"{AdminConfiguration.Section}.tokens",
                $"no admin token configured: add name = \"<sha256 hex of the token>\" or set {AdminConfiguration.TokensVariable}=name=<hex>");
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(logger);

        var builder = KestrelServer.CreateBuilder(typeof(AdminServer), options.Listen);
        builder.Services.AddRouting();
        builder.Services.AddBetExecutorMetrics();
        var app = builder.Build();
        var watch = new MembershipWatch(cluster.System, cluster.Clock);
        var ask = new ClusterAsk(cluster, options.AnswerTimeout);
        var endpoints = new AdminEndpoints(
            new ClusterEndpoints(ask, watch, options.MaxBody),
            new ShardingEndpoints(ask),
            new IdentityEndpoints(ask, options.MaxBody),
            new ExposureEndpoints(ask, options.MaxBody),
            new KillSwitchEndpoints(ask, options.MaxBody),
            new HistoryEndpoints(ask));
        var requests = new AdminRequests(options, endpoints, logger);
        // /metrics answers itself (without a token); every other path is the API's.
        app.UseRouting();
        app.MapBetExecutorMetrics();
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null) await requests.HandleAsync(context);
            else await next(context);
        });
        app.UseEndpoints(_ => { });
        var address = await KestrelServer.StartAsync(app, options.Listen, "Admin API", logger, watch.Dispose, cancellationToken);
        logger.ForContext("TokenNames", options.Tokens.Names).Information("Admin API listening on {Address}", address);
        return new AdminServer(app, watch, address);
    }

    public async ValueTask DisposeAsync()
    {
        await KestrelServer.StopAsync(_app);
        _watch.Dispose();
    }
}
