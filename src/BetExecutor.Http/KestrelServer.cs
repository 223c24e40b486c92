using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace BetExecutor.Http;

/// <summary>
/// How the node's HTTP servers (the gateway and the admin API) are built and started: Kestrel alone on one address,
/// nothing else read or logged by ASP.NET itself.
/// </summary>
public static class KestrelServer
{
    /// <summary>
    /// An empty builder: no configuration sources (ASPNETCORE_URLS and the like cannot widen the binding) and no logging
    /// providers (ASP.NET's own lines could carry the Authorization header); the servers log through Serilog
    /// themselves. Kestrel listens on <paramref name="listen"/> only, sends no Server header, and leaves the body limit
    /// to <see cref="BoundedBody"/>, which answers 413 (and drains the refused body so its sender hears it) where
    /// Kestrel's own limit would cut the connection.
    /// </summary>
    /// <param name="owner">A type of the server's assembly: its name is the application's.</param>
    public static WebApplicationBuilder CreateBuilder(Type owner, IPEndPoint listen)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = owner.Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(listen);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>
    /// Starts <paramref name="app"/> and returns the address it bound (with the real port when it asked for port 0,
    /// <c>http://127.0.0.1:PORT/</c>), warning when <paramref name="listen"/> is beyond loopback. A start that fails
    /// runs <paramref name="release"/>, disposes the app, and throws Kestrel's error.
    /// </summary>
    /// <param name="server">How the warning names the server, e.g. "Gateway".</param>
    /// <exception cref="IOException">the address cannot be bound (e.g. the port is taken).</exception>
    public static async Task<Uri> StartAsync(WebApplication app, IPEndPoint listen, string server, ILogger logger, Action release,
        CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            release();
            await app.DisposeAsync();
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        if (!IPAddress.IsLoopback(listen.Address))
            logger.Warning("{Server} listens on {Listen}, beyond loopback: reachable from other machines", server, listen);
        return new Uri(bound.EndsWith('/') ? bound : bound + "/");
    }

    /// <summary>Stops <paramref name="app"/> (in-flight requests get the shutdown timeout) and disposes it.</summary>
    public static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
