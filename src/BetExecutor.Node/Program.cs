using Akka.Hosting;
using BetExecutor.Actors;
using BetExecutor.Actors.Time;
using BetExecutor.Bookmakers.Contract;
using BetExecutor.Bookmakers.Http;
using BetExecutor.Bookmakers.Simulator;
using BetExecutor.Node.Hosting;
using BetExecutor.Node.Standalone;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

// A deployed executor node. Every setting comes from hocon/betexecutor.conf with environment overrides
// (see NodeEnvironment for the variables).
NodeEnvironment environment;
try
{
    environment = NodeEnvironment.Read(Environment.GetEnvironmentVariable);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

var logger = (environment.JsonLogs
        ? new LoggerConfiguration().WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
        : new LoggerConfiguration().WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose,
            outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Node} {Identity} {PairId} {Message:lj}{NewLine}{Exception}"))
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
    .Enrich.FromLogContext()
    .Enrich.WithProperty("Node", environment.Options.NodeName)
    .CreateLogger();
Log.Logger = logger;

var config = NodeHocon.Load(environment.Options.ExtraHocon);
var settings = ExecutorSettingsReader.Read(config, environment.Options.NodeName);
if (environment.Options.RedisConnectionString is { } redisConnection)
{
    // Before anything reads the journal: a Redis that lost what this node wrote must not be taken as new storage.
    var dataDirectory = environment.DataDirectory ?? config.GetString("bet-executor.data-directory", "data");
    switch (await NodeStorage.CheckAsync(redisConnection, dataDirectory, environment.AdoptStorage, logger))
    {
        case BetExecutor.Persistence.Redis.StorageEpochCheck.Lost lost:
            Console.Error.WriteLine($"error: storage lost: {lost.Detail}. The node does not execute on it. Review what was lost, then start it with BETEXECUTOR_ADOPT_STORAGE=yes to adopt the storage as it now is (README: Redis).");
            return 2;
        case BetExecutor.Persistence.Redis.StorageEpochCheck.Adopted adopted:
            environment = environment with { Options = environment.Options with { StorageEpoch = adopted.Epoch } };
            break;
    }
}
IBookmakerDirectory venues = environment.Venue is { } venue
    ? new HttpVenueDirectory(venue, ExecutorSettingsReader.VenueClient(config))
    : new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0));
var services = new ExecutorServices(new RealClock(), venues, settings, NoObserver.Instance);

using var host = Host.CreateDefaultBuilder(args)
    .UseSerilog(logger)
    .ConfigureServices(s => s.AddAkka(environment.Options.ActorSystemName,
        builder => builder.AddBetExecutorNode(environment.Options, services, ExecutorSettingsReader.Shards(config))))
    .Build();
await host.StartAsync();
logger.Information("Node {Node} started (incarnation {Incarnation}, journal {Journal}, venue {Venue})",
    settings.Node, settings.Incarnation, environment.Options.RedisConnectionString is null ? "in-memory" : "redis",
    environment.Venue?.ToString() ?? "in-process simulator");

if (environment.StdinFeed)
{
    var accounts = await host.Services.GetRequiredService<IActorRegistry>().GetAsync<AccountRegion>();
    var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
    await new StdinFeed(accounts, services.Clock, logger).RunAsync(Console.In, Console.Out, lifetime.ApplicationStopping);
}
await host.WaitForShutdownAsync();
return 0;
