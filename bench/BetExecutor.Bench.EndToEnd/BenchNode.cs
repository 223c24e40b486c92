using Akka.Actor;
using Akka.Configuration;
using BetExecutor.Actors;
using BetExecutor.Actors.Time;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;
using BetExecutor.Node.Hosting;
using Serilog.Core;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// A real executor node in this process, on the real clock, placing through an <see cref="InstantVenue"/>: in memory,
/// or on the bench's redis-server with its own key prefix. Quick cluster pacing only (the node forms in under a
/// second); every setting of the executor itself is reference.conf's, except those a scenario names.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    public static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");

    private static readonly Config QuickCluster = ConfigurationFactory.ParseString("""
        akka.cluster {
          periodic-tasks-initial-delay = 0s
          gossip-interval = 100ms
          leader-actions-interval = 100ms
          sharding.retry-interval = 200ms
        }
        """);

    private BenchNode(EmbeddedNode node, InstantVenue venue)
    {
        Node = node;
        Venue = venue;
    }

    public EmbeddedNode Node { get; }
    public InstantVenue Venue { get; }
    public IActorRef Accounts => Node.Accounts;

    /// <param name="redis">127.0.0.1:port, or null for Akka's in-memory journal.</param>
    /// <param name="hocon">More overrides (e.g. bet-executor.account-idle-passivation), over the quick cluster pacing.</param>
    /// <param name="pollInterval">How often pairs poll their settlement (reference.conf's when null).</param>
    public static async Task<BenchNode> StartAsync(string? redis, string keyPrefix, InstantVenue? venue = null, string hocon = "", TimeSpan? pollInterval = null)
    {
        venue ??= new InstantVenue();
        var settings = ExecutorSettings.Default("bench-node");
        // A burst of thousands of signals on a shared 2-core machine can keep the last ones queued longer than the
        // production 10 s (signal age, pair start delay); the bench measures how fast pairs go through, not those guards.
        settings = settings with
        {
            Account = settings.Account with { MaxSignalAge = TimeSpan.FromMinutes(2) },
            Pair = settings.Pair with { MaxStartDelay = TimeSpan.FromMinutes(2) },
        };
        if (pollInterval is { } every) settings = settings with { Pair = settings.Pair with { PollInterval = every } };
        var services = new ExecutorServices(new RealClock(), venue, settings, NoObserver.Instance);
        var extra = ConfigurationFactory.ParseString(hocon).WithFallback(QuickCluster);
        var node = await EmbeddedNode.StartAsync(
            new NodeOptions("bench-node", RedisConnectionString: redis, ExtraHocon: extra, RedisKeyPrefix: keyPrefix), services, Logger.None);
        return new BenchNode(node, venue);
    }

    /// <summary>
    /// The bench's redis-server for every client of a run, with connect and command timeouts long enough for a shared
    /// 2-core machine under load (the defaults, 5 s, fail a start when other builds hog the CPU).
    /// </summary>
    public static string Redis(int port) => $"127.0.0.1:{port},connectTimeout=20000,asyncTimeout=20000,syncTimeout=20000";

    public static Identity IdentityNumber(int i) => Identity.Create("bookie", "brand1", $"acct{i:000000}");

    /// <param name="kickOff">When the event starts (in two hours when null): a pair polls its settlement only from then on.</param>
    public static Signal SignalFor(Identity identity, string signalId, DateTimeOffset? kickOff = null) =>
        new(signalId, identity,
            new SportEvent("match-1", kickOff ?? DateTimeOffset.UtcNow.AddHours(2)),
            new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));

    public async ValueTask DisposeAsync() => await Node.DisposeAsync();
}
