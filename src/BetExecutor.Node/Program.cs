using Akka.Hosting;
using BetExecutor.Actors;
using BetExecutor.Actors.Configuration;
using BetExecutor.Actors.Time;
using BetExecutor.Admin.Configuration;
using BetExecutor.Gateway;
using BetExecutor.Gateway.Configuration;
using BetExecutor.Gateway.Health;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Simulator;
using BetExecutor.Node.Hosting;
using BetExecutor.Node.Standalone;
using BetExecutor.Persistence.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

// A deployed executor node, configured by environment variables (NodeUsage lists them) over the settings of
// reference.conf. Whatever a user can get wrong ends in one line on standard error naming the problem and what to do:
// exit 2 for bad usage or configuration, 1 for a failure at run time; the details go to the log at debug level.

if (args is ["--help"] or ["-h"])
{
    Console.Out.WriteLine(NodeUsage.Text);
    return 0;
}
if (args.Length > 0)
    return Fail(NodeUsage.BadUsage, $"unknown argument '{args[0]}': the node is configured by environment variables (see --help)");

NodeEnvironment environment;
NodeConfiguration configuration;
GatewayOptions? gatewayOptions = null;
AdminOptions adminOptions;
try
{
    environment = NodeEnvironment.Read(Environment.GetEnvironmentVariable);
    configuration = NodeConfiguration.Load(environment.Options.ExtraHocon);
    adminOptions = AdminConfiguration.Read(environment.Options.ExtraHocon,
        Environment.GetEnvironmentVariable(AdminConfiguration.TokensVariable), Environment.GetEnvironmentVariable(AdminConfiguration.ListenVariable));
    if (environment.Options.Roles.Gateway)
        gatewayOptions = GatewayConfiguration.Read(environment.Options.ExtraHocon, environment.GatewayKeys, environment.GatewayListen);
}
catch (NodeUsageException ex)
{
    return Fail(NodeUsage.BadUsage, ex.Message);
}
catch (SettingException ex)
{
    var file = Environment.GetEnvironmentVariable("BETEXECUTOR_HOCON");
    return Fail(NodeUsage.BadUsage, string.IsNullOrWhiteSpace(file) ? ex.Message : $"{ex.Message} (in {file.Trim()})");
}

if (gatewayOptions is { Keys.Count: 0 })
{
    // Asked for, a gateway without a key is a mistake; the default (both roles) without one is a node fed otherwise.
    if (environment.RolesGiven)
        return Fail(NodeUsage.BadUsage,
            $"{GatewayConfiguration.Section}.api-keys: the node has the gateway role but no API key, so no one could send a signal: add name = \"<sha256 hex of the key>\" or set {GatewayConfiguration.KeysVariable}=name=<hex>");
    gatewayOptions = null;
}

// Every password the node knows is masked in every log line, whatever quotes it.
var secrets = (environment.Options.RedisConnectionString is { } redisText ? RedisConnectionString.Secrets(redisText) : [])
    .Concat(environment.Options.Tls is { Password.Length: > 0 } tls ? [tls.Password] : [])
    .ToArray();
// JSON when standard error is not a terminal (BETEXECUTOR_LOG), levels per source (BETEXECUTOR_LOG_LEVELS): NodeLogging.
Serilog.Core.Logger logger;
try
{
    logger = NodeLogging.Create(environment.JsonLogs, environment.LogLevel,
        NodeLogging.LevelsFor(Environment.GetEnvironmentVariable(NodeLogging.LevelsVariable)), environment.Options.NodeName, secrets, Console.Error);
}
catch (NodeUsageException ex)
{
    return Fail(NodeUsage.BadUsage, ex.Message);
}
Log.Logger = logger;

IVenueDirectory venues;
string venueName;
switch (environment.Venue)
{
    case VenueChoice.Http http:
        venues = new HttpVenueDirectory(http.Address, configuration.Options.VenueClient);
        venueName = http.Address.ToString();
        break;
    case VenueChoice.Simulator:
        venues = new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0));
        venueName = "the in-process venue simulator (BETEXECUTOR_VENUE=simulator)";
        break;
    case VenueChoice.NotSet when !environment.Options.Roles.Executor:
        // A gateway-only node hosts no account and places nothing: no venue to name.
        venues = new HttpVenueDirectory(new Dictionary<string, Uri>(), configuration.Options.VenueClient);
        venueName = "none: a gateway-only node places no bet";
        break;
    case VenueChoice.NotSet when configuration.Options.EveryIdentityDryRun:
        // Every leg of a dry-run identity goes to the paper venue: this directory is never asked.
        venues = new HttpVenueDirectory(new Dictionary<string, Uri>(), configuration.Options.VenueClient);
        venueName = "none: every identity is dry-run (paper venue)";
        break;
    default:
        return Fail(NodeUsage.BadUsage,
            "BETEXECUTOR_VENUE: not set: give the venue's address (http://HOST:PORT/), or BETEXECUTOR_VENUE=simulator to bet against the in-process simulator (tests and demos only)");
}

if (environment.Options.RedisConnectionString is { } redis
    && await RedisProbe.FailureAsync(redis, TimeSpan.FromSeconds(10)) is { } unreachable)
{
    logger.Debug(unreachable, "Redis probe failed");
    return Fail(NodeUsage.RunTimeFailure,
        $"BETEXECUTOR_REDIS: Redis at {RedisConnectionString.Describe(redis)} did not answer (unreachable, or it refused the password): start it or fix the variable");
}
if (environment.Options.RedisConnectionString is { } redisConnection)
{
    // Before anything reads the journal: a Redis that lost what this node wrote must not be taken as new storage.
    var dataDirectory = environment.DataDirectory ?? configuration.Options.DataDirectory;
    switch (await NodeStorage.CheckAsync(redisConnection, environment.Options.RedisKeyPrefix, dataDirectory, environment.AdoptStorage, logger))
    {
        case BetExecutor.Persistence.Redis.StorageEpochCheck.Lost lost:
            return Fail(NodeUsage.BadUsage,
                $"storage lost: {lost.Detail}. The node does not execute on it. Review what was lost, then start it with BETEXECUTOR_ADOPT_STORAGE=yes to adopt the storage as it now is (README: Redis)");
        case BetExecutor.Persistence.Redis.StorageEpochCheck.Adopted adopted:
            environment = environment with { Options = environment.Options with { StorageEpoch = adopted.Epoch } };
            break;
    }
}

var settings = configuration.Options.ToSettings(environment.Options.NodeName);
var clock = new RealClock();
// The node's metrics (src/BetExecutor.Telemetry): exported at GET /metrics wherever a web app of this process maps them.
var services = new ExecutorServices(clock, venues, settings, BetExecutor.Telemetry.MetricsObserver.For(settings, clock));
var refusal = new NodeRefusal();
using var host = NodeHostBuilder.Create()
    .UseSerilog(logger)
    .ConfigureServices(s => s.AddAkka(environment.Options.ActorSystemName,
        builder => builder.AddBetExecutorNode(environment.Options, configuration, services, refusal)))
    .Build();
// Akka.Hosting reports a failed start on standard output with its stack trace; the node reports it in one line on
// standard error instead, so standard output stays quiet until the node is up (then it carries only answers).
var stdout = Console.Out;
Console.SetOut(TextWriter.Null);
try
{
    await host.StartAsync();
    Console.SetOut(stdout);
}
catch (Exception ex)
{
    Console.SetOut(stdout);
    logger.Debug(ex, "The node failed to start");
    // Refused by the cluster while starting: that is what stopped it, not the start-up task that saw the system stop.
    await Task.WhenAny(refusal.Refused, Task.Delay(TimeSpan.FromSeconds(2)));
    if (refusal.Reason is { } refused) return Fail(NodeUsage.BadUsage, $"the cluster refused this node: {refused}");
    var cause = RedisConnectionString.Redact(ExceptionSummary.Describe(ex), secrets);
    var hint = StartFailure.Hint(ex, cause, environment.Options);
    return Fail(NodeUsage.RunTimeFailure, hint);
}
logger.Information("Node {Node} started (incarnation {Incarnation}, roles {Roles}, journal {Journal}, lease {Lease}, venue {Venue})",
    settings.Node, settings.Incarnation, environment.Options.Roles,
    environment.Options.RedisConnectionString is { } r ? $"redis {RedisConnectionString.Describe(r)}" : "in-memory",
    environment.Options.RedisConnectionString is null ? "none (single node, in memory)" : $"redis, heartbeat-timeout {configuration.Lease.HeartbeatTimeout.TotalSeconds:0.###}s",
    venueName);

var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
_ = refusal.Refused.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
var gatewayStopped = Task.CompletedTask;
if (gatewayOptions is not null)
{
    var system = host.Services.GetRequiredService<Akka.Actor.ActorSystem>();
    var region = await host.Services.GetRequiredService<IActorRegistry>().GetAsync<AccountRegion>();
    var redisPing = environment.Options.RedisConnectionString is { } pinged
        ? async (CancellationToken _) =>
        {
            if (await RedisProbe.FailureAsync(pinged, GatewayReadiness.CheckTimeout) is not null)
                throw new InvalidOperationException($"Redis at {RedisConnectionString.Describe(pinged)} did not answer");
        }
        : (Func<CancellationToken, Task>?)null;
    GatewayServer gateway;
    try
    {
        gateway = await GatewayServer.StartAsync(gatewayOptions, region, GatewayReadiness.ForCluster(system, redisPing), services.Clock, logger);
    }
    catch (IOException ex)
    {
        logger.Debug(ex, "The gateway failed to start");
        await host.StopAsync();
        return Fail(NodeUsage.RunTimeFailure,
            $"{GatewayConfiguration.ListenVariable}: the gateway cannot listen on {gatewayOptions.Listen} ({ex.Message}): pick a free port");
    }
    // GatewayServer logged "Gateway listening on {Address} with API keys {KeyNames}" (names, never keys).
    // Stops taking signals as soon as the node begins to stop, before the accounts go.
    var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    gatewayStopped = stopping.Task.ContinueWith(_ => gateway.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap();
    lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
}
var adminStopped = Task.CompletedTask;
if (adminOptions.Tokens.Count == 0)
{
    logger.Warning(AdminConfiguration.OffWarning);
}
else
{
    NodeAdmin admin;
    try
    {
        admin = await NodeAdmin.StartAsync(host.Services.GetRequiredService<Akka.Actor.ActorSystem>(), host.Services.GetRequiredService<IActorRegistry>(),
            environment.Options, configuration, services.Clock, adminOptions, logger);
    }
    catch (IOException ex)
    {
        logger.Debug(ex, "The admin API failed to start");
        await host.StopAsync();
        return Fail(NodeUsage.RunTimeFailure,
            $"{AdminConfiguration.ListenVariable}: the admin API cannot listen on {adminOptions.Listen} ({ex.Message}): pick a free port");
    }
    // AdminServer logged "Admin API listening on {Address}" (token names, never tokens).
    var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    adminStopped = stopping.Task.ContinueWith(_ => admin.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap();
    lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
}
if (environment.StdinFeed)
{
    var accounts = await host.Services.GetRequiredService<IActorRegistry>().GetAsync<AccountRegion>();
    await new StdinFeed(accounts, services.Clock, logger).RunAsync(Console.In, Console.Out, lifetime.ApplicationStopping);
}
await host.WaitForShutdownAsync();
await gatewayStopped;
await adminStopped;
if (refusal.Reason is { } reason) return Fail(NodeUsage.BadUsage, $"the cluster refused this node: {reason}");
return 0;

static int Fail(int exitCode, string line)
{
    Console.Error.WriteLine($"error: {line}");
    return exitCode;
}
