// Journal throughput and replay time of the Redis plugin, next to redis-benchmark on the same server.
//   dotnet run -c Release --project bench/BetExecutor.Bench.Persistence -- [--redis HOST:PORT]
// Without --redis it starts its own redis-server on a free loopback port.
//   dotnet run -c Release --project bench/BetExecutor.Bench.Persistence -- --replica-wait
// starts a primary and a replica instead and compares appends with wait-for-replicas = 0 and 1 in the same run.
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using BetExecutor.Bench.Persistence;
using BetExecutor.Persistence.Redis;

if (args.Contains("--replica-wait"))
{
    await ReplicaWaitComparison();
    return;
}

var redisArg = args.SkipWhile(a => a != "--redis").Skip(1).FirstOrDefault();
await using var ownServer = redisArg is null ? await LocalRedisServer.StartAsync() : null;
var (host, port) = redisArg is null ? ("127.0.0.1", ownServer!.Port) : ParseEndpoint(redisArg);

var runId = Guid.NewGuid().ToString("N")[..8];
var config = ConfigurationFactory.ParseString($$"""
    akka.loglevel = WARNING
    akka.persistence.journal.plugin = "akka.persistence.journal.redis"
    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.redis"
    akka.persistence.journal.redis { configuration-string = "{{host}}:{{port}}", key-prefix = "bench-{{runId}}:" }
    akka.persistence.snapshot-store.redis { configuration-string = "{{host}}:{{port}}", key-prefix = "bench-{{runId}}:" }
    """).WithFallback(RedisPersistence.DefaultConfig());

using var system = ActorSystem.Create("bench", config);
Console.WriteLine($"Redis {host}:{port}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

await WriteScenario(system, "warm-up (not reported)", actors: 10, eventsPerActor: 200, usePersistAsync: false);

var results = new List<(string Name, double EventsPerSecond)>
{
    await WriteScenario(system, "Persist, 1 persistence id", actors: 1, eventsPerActor: 10_000, usePersistAsync: false, pidName: "replay-source"),
    await WriteScenario(system, "PersistAsync, 1 persistence id", actors: 1, eventsPerActor: 50_000, usePersistAsync: true),
    await WriteScenario(system, "Persist, 1,000 persistence ids", actors: 1_000, eventsPerActor: 20, usePersistAsync: false),
    await WriteScenario(system, "PersistAsync, 1,000 persistence ids", actors: 1_000, eventsPerActor: 50, usePersistAsync: true),
};

var replay = await ReplayScenario(system, "replay-source", expectedEvents: 10_000);
Console.WriteLine($"{"Replay of a 10,000-event persistence id",-40} {replay.TotalMilliseconds,10:F0} ms ({10_000 / replay.TotalSeconds:F0} events/s)");

var raw = await RedisBenchmarkTool.RunAsync(host, port, requests: 100_000);
Console.WriteLine();
foreach (var (name, rps) in raw) Console.WriteLine($"redis-benchmark {name,-24} {rps,10:F0} requests/s");
if (raw.TryGetValue("SET", out var setRps))
{
    Console.WriteLine();
    foreach (var (name, eps) in results) Console.WriteLine($"{name,-40} = {eps / setRps:P1} of raw SET");
}

return;

static async Task<(string, double)> WriteScenario(ActorSystem system, string name, int actors, int eventsPerActor, bool usePersistAsync, string? pidName = null)
{
    var prefix = pidName ?? $"{(usePersistAsync ? "async" : "sync")}-{actors}-{Guid.NewGuid():N}";
    var completions = new List<Task>();
    var refs = new List<IActorRef>();
    for (var i = 0; i < actors; i++)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        completions.Add(done.Task);
        refs.Add(system.ActorOf(BenchActor.Props(actors == 1 ? prefix : $"{prefix}-{i}", usePersistAsync, eventsPerActor, done)));
    }
    // Recovery is not part of the write figure: wait until every actor has recovered (empty) first.
    await Task.WhenAll(refs.Select(r => r.Ask<long>(new BenchActor.Ready(), TimeSpan.FromSeconds(60))));

    var clock = Stopwatch.StartNew();
    for (var n = 0; n < eventsPerActor; n++)
        foreach (var actor in refs)
            actor.Tell(new BenchActor.Write($"evt-{n:D6}"));
    await Task.WhenAll(completions).WaitAsync(TimeSpan.FromMinutes(5));
    clock.Stop();

    foreach (var actor in refs) actor.Tell(PoisonPill.Instance);
    var eventsPerSecond = (double)actors * eventsPerActor / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"{name,-40} {eventsPerSecond,10:F0} events/s ({actors * eventsPerActor:N0} events in {clock.Elapsed.TotalMilliseconds:F0} ms)");
    return (name, eventsPerSecond);
}

static async Task<TimeSpan> ReplayScenario(ActorSystem system, string persistenceId, long expectedEvents)
{
    // Every write of the Persist scenario was acknowledged before it returned; time a fresh incarnation's recovery.
    var clock = Stopwatch.StartNew();
    var actor = system.ActorOf(BenchActor.Props(persistenceId, false, long.MaxValue, new TaskCompletionSource()));
    var recovered = await actor.Ask<long>(new BenchActor.Ready(), TimeSpan.FromMinutes(2));
    clock.Stop();
    if (recovered != expectedEvents) throw new InvalidOperationException($"replayed {recovered} events, expected {expectedEvents}");
    return clock.Elapsed;
}

static async Task ReplicaWaitComparison()
{
    await using var primary = await LocalRedisServer.StartAsync();
    await using var replica = await LocalRedisServer.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString());
    await using (var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{primary.Port},allowAdmin=true"))
    {
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        while (!((await server.InfoRawAsync("replication")) ?? "").Contains("connected_slaves:1")) await Task.Delay(50);
    }
    Console.WriteLine($"primary 127.0.0.1:{primary.Port}, replica 127.0.0.1:{replica.Port}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

    var figures = new Dictionary<(string Scenario, int Wait), double>();
    // Alternated rounds, so a busy moment of a shared machine does not fall on one setting only.
    for (var round = 0; round < 3; round++)
    foreach (var wait in new[] { 0, 1 })
    {
        using var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.plugin = "akka.persistence.journal.redis"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.redis"
            akka.persistence.journal.redis { configuration-string = "127.0.0.1:{{primary.Port}}", key-prefix = "wait{{wait}}-{{round}}:", wait-for-replicas = {{wait}}, wait-timeout = 2s }
            akka.persistence.snapshot-store.redis { configuration-string = "127.0.0.1:{{primary.Port}}", key-prefix = "wait{{wait}}-{{round}}:" }
            """).WithFallback(RedisPersistence.DefaultConfig()));
        foreach (var (scenario, actors, events) in new[] { ("Persist, 1 persistence id", 1, 3_000), ("Persist, 1,000 persistence ids", 1_000, 10) })
        {
            var (_, eventsPerSecond) = await WriteScenario(system, $"{scenario}, wait-for-replicas = {wait}", actors, events, usePersistAsync: false);
            figures[(scenario, wait)] = figures.GetValueOrDefault((scenario, wait)) + eventsPerSecond / 3;
        }
    }
    Console.WriteLine();
    foreach (var scenario in figures.Keys.Select(k => k.Scenario).Distinct())
    {
        var (off, on) = (figures[(scenario, 0)], figures[(scenario, 1)]);
        Console.WriteLine($"{scenario,-32} off {off,8:F0} ev/s, on {on,8:F0} ev/s: waiting for 1 replica keeps {on / off:P0} of the throughput");
    }
}

static (string Host, int Port) ParseEndpoint(string endpoint)
{
    var colon = endpoint.LastIndexOf(':');
    return colon < 0 ? (endpoint, 6379) : (endpoint[..colon], int.Parse(endpoint[(colon + 1)..]));
}
