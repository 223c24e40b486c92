using System.Net;
using Akka.Actor;
using BetExecutor.Actors.Configuration;
using BetExecutor.Actors.Time;
using BetExecutor.Gateway.Configuration;
using BetExecutor.Gateway.Endpoints;
using BetExecutor.Gateway.Health;
using BetExecutor.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace BetExecutor.Gateway;

/// <summary>
/// The gateway's HTTP server (Kestrel): <c>POST /signals</c>, <c>GET /signals/{provider}/{whitelabel}/{account}/{signalId}</c>,
/// <c>GET /health/live</c> and <c>GET /health/ready</c> (README: Sending signals). Start it with
/// <see cref="StartAsync"/>; it serves until disposed.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GatewayRequests _requests;

    private GatewayServer(WebApplication app, GatewayRequests requests, Uri address)
    {
        _app = app;
        _requests = requests;
        Address = address;
    }

    /// <summary>The log property that names the API key a request came with, on every line the request causes.</summary>
    public const string KeyLogProperty = "ApiKey";

    /// <summary>The bound address, with the real port when the options asked for port 0 (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Address { get; }

    /// <param name="options">From <see cref="GatewayConfiguration.Read"/>.</param>
    /// <param name="accounts">The account shard region or its proxy: the only way a signal reaches an account.</param>
    /// <param name="readiness">What <c>/health/ready</c> checks; <see cref="GatewayReadiness.ForCluster"/> on a node.</param>
    /// <param name="clock">Stamps each signal's receipt.</param>
    /// <param name="logger">Every line a request causes carries the key's name (property <c>ApiKey</c>); never a key.</param>
    /// <exception cref="SettingException">no API key is configured (one line naming the setting).</exception>
    /// <exception cref="IOException">the address cannot be bound (Kestrel's error, e.g. the port is taken).</exception>
    public static async Task<GatewayServer> StartAsync(
        GatewayOptions options, IActorRef accounts, GatewayReadiness readiness, IExecutorClock clock, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Keys.Count == 0)
            throw new SettingException($"{GatewayConfiguration.Section}.api-keys",
                $"no API key configured, so no one could send a signal: add name = \"<sha256 hex of the key>\" or set {GatewayConfiguration.KeysVariable}=name=<hex>");

        var builder = KestrelServer.CreateBuilder(typeof(GatewayServer), options.Listen);
        var app = builder.Build();
        var requests = new GatewayRequests(options, new SignalEndpoints(options, accounts, clock), new HealthEndpoints(readiness), logger);
        app.Run(requests.HandleAsync);
        var address = await KestrelServer.StartAsync(app, options.Listen, "Gateway", logger, requests.Dispose, cancellationToken);
        // The one start line the node shows (its caller does not log another); the key names, never keys, as a property.
        logger.ForContext("ApiKeyNames", options.Keys.Names).Information("Gateway listening on {Address}", address);
        return new GatewayServer(app, requests, address);
    }

    public async ValueTask DisposeAsync()
    {
        await KestrelServer.StopAsync(_app);
        _requests.Dispose();
    }
}
