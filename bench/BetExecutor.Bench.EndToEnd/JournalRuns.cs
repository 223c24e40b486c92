using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using BetExecutor.Bench.Persistence;
using BetExecutor.Persistence.Redis;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// The journal figure: 1,000 persistent actors × 20 <c>Persist</c> (one event per command, the actor waits for
/// each), on the project's Redis plugin and on Akka's in-memory journal, alternated so a busy moment of a shared
/// machine does not fall on one of them only.
/// </summary>
internal static class JournalRuns
{
    public static Config RedisJournal(int port, string prefix) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.redis"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.redis"
        akka.persistence.journal.redis { configuration-string = "{{BenchNode.Redis(port)}}", key-prefix = "{{prefix}}" }
        akka.persistence.snapshot-store.redis { configuration-string = "{{BenchNode.Redis(port)}}", key-prefix = "{{prefix}}" }
        """).WithFallback(RedisPersistence.DefaultConfig());

    public static readonly Config InMemory = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <returns>events per second, the best of <paramref name="rounds"/> (each round on a fresh actor system); the
    /// official plugin's only when it was given (<see cref="OfficialPlugin"/>), else 0.</returns>
    public static async Task<(double Redis, double InMemory, double Official)> CompareAsync(int port, int actors, int eventsPerActor, int rounds)
    {
        double redis = 0, inMemory = 0, official = 0;
        for (var round = 0; round < rounds; round++)
        {
            redis = Math.Max(redis, await WriteAsync(RedisJournal(port, $"journal-{Guid.NewGuid():N}:"), actors, eventsPerActor));
            inMemory = Math.Max(inMemory, await WriteAsync(InMemory, actors, eventsPerActor));
            if (OfficialPlugin.Directory is not null)
                official = Math.Max(official, await WriteAsync(OfficialPlugin.Journal(port, $"official-{Guid.NewGuid():N}:"), actors, eventsPerActor));
        }
        return (redis, inMemory, official);
    }

    public static async Task<double> WriteAsync(Config config, int actors, int eventsPerActor)
    {
        using var system = ActorSystem.Create("journal-bench", config);
        // Warm-up on other persistence ids: JIT, the connection and the storage epoch are not part of the figure.
        await WriteOnceAsync(system, "warm", 50, 10);
        var eventsPerSecond = await WriteOnceAsync(system, "run", actors, eventsPerActor);
        await system.Terminate();
        return eventsPerSecond;
    }

    private static async Task<double> WriteOnceAsync(ActorSystem system, string name, int actors, int eventsPerActor)
    {
        var completions = new List<Task>();
        var refs = new List<IActorRef>();
        for (var i = 0; i < actors; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            completions.Add(done.Task);
            refs.Add(system.ActorOf(BenchActor.Props($"{name}-{i}", usePersistAsync: false, eventsPerActor, done)));
        }
        // Recovery (empty) is done before the clock starts.
        await Task.WhenAll(refs.Select(r => r.Ask<long>(new BenchActor.Ready(), TimeSpan.FromSeconds(60))));
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < eventsPerActor; n++)
            foreach (var actor in refs)
                actor.Tell(new BenchActor.Write($"evt-{n:D6}"));
        await Task.WhenAll(completions).WaitAsync(TimeSpan.FromMinutes(3));
        clock.Stop();
        foreach (var actor in refs) actor.Tell(PoisonPill.Instance);
        return (double)actors * eventsPerActor / clock.Elapsed.TotalSeconds;
    }
}
