using System.Diagnostics;
using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Legs;
using BetExecutor.LocalCluster;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Scripts;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>
/// The audit's one cluster for the whole class: redis-server, the venue simulator, three executor processes and one
/// gateway process on loopback (the launcher of scripts/local-cluster, with <see cref="AuditTimings"/>). Signals go in
/// only through the gateway; bets are counted only from the venue's book; what the nodes stored is read from their
/// shared Redis. Once the cluster is up it runs the head starts (<see cref="AuditOnClusterChecks.HeadStarts"/>).
/// </summary>
public sealed class AuditCluster(IMessageSink diagnostics) : IAsyncLifetime
{
    public const int ExecutorCount = 3;
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private readonly Dictionary<IHeadStart, Task> _headStarts = [];
    private HttpVenueControl? _venue;
    private int _passed;

    public LaunchedCluster Cluster { get; private set; } = null!;
    public AuditGateway Gateway { get; private set; } = null!;
    public ClusterJournal Journal { get; private set; } = null!;

    /// <summary>The running check's output, for lines about it; head starts running in the background write to diagnostics only.</summary>
    public ITestOutputHelper? Output { get; set; }

    public async Task InitializeAsync()
    {
        var directory = Directory.CreateTempSubdirectory("betexecutor-audit-").FullName;
        var hocon = Path.Combine(directory, "audit.conf");
        await File.WriteAllTextAsync(hocon, AuditTimings.Hocon);
        var clock = Stopwatch.StartNew();
        Cluster = await LaunchedCluster.StartAsync(new LocalClusterOptions
        {
            Directory = directory,
            NodeAssembly = Path.Combine(AppContext.BaseDirectory, "node", "BetExecutor.Node.dll"),
            VenueAssembly = Path.Combine(AppContext.BaseDirectory, "venue", "BetExecutor.Venue.Simulator.dll"),
            Executors = ExecutorCount,
            Gateways = 1,
            HoconFile = hocon,
            ReadyWithin = TimeSpan.FromSeconds(150),
        });
        Diagnose($"audit cluster of {ExecutorCount} executors and a gateway ready in {clock.Elapsed.TotalSeconds:0.0} s; directory {directory}");
        try
        {
            _venue = new HttpVenueControl(Cluster.Venue.Url);
            Gateway = new AuditGateway(Cluster.Gateways.Single().Spec.GatewayUrl!, Cluster.ApiKey.Secret, Diagnose);
            Journal = new ClusterJournal(Cluster.Redis.Port, Cluster.Redis.Password);
            foreach (var alone in AuditOnClusterChecks.HeadStarts.Where(h => h.Alone))
            {
                var task = alone.Begin(this);
                _headStarts[alone] = task;
                // Its check reports a failure; the others run on whatever cluster it left.
                try { await task; }
                catch (Exception e) { Diagnose($"head start of {alone.Check} failed: {e.Message}"); }
            }
            foreach (var headStart in AuditOnClusterChecks.HeadStarts.Where(h => !h.Alone))
                _headStarts[headStart] = headStart.Begin(this);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task<T> HeadStartOf<T>(HeadStart<T> headStart) => (Task<T>)_headStarts[headStart];

    public Task ScriptAsync(ClientReference reference, string place, SettlementState settle) =>
        _venue!.ScriptAsync(reference, new LegScript(PlaceScript.Parse(place, "place"), settle, TimeSpan.Zero));

    /// <summary>Scripts both legs at the venue: by default each is taken, the positive wins and the hedge loses.</summary>
    public async Task ScriptAsync(AuditSignal signal, string positive = "accept", SettlementState positiveSettles = SettlementState.Won,
        string hedge = "accept", SettlementState hedgeSettles = SettlementState.Lost)
    {
        await ScriptAsync(signal.PositiveReference, positive, positiveSettles);
        await ScriptAsync(signal.HedgeReference, hedge, hedgeSettles);
    }

    public async Task<VenueBook> BookAsync() => new(await _venue!.GetBookAsync());

    /// <summary>Posts the signal through the gateway and requires a decision (200).</summary>
    public async Task<PostAnswer> SendAsync(AuditSignal signal)
    {
        var answer = await Gateway.SendAsync(signal);
        Assert.True(answer.Status == 200, $"POST {signal}: {answer}\n{LogTails()}");
        Print($"POST {signal}: {answer}");
        return answer;
    }

    /// <summary>Posts the signal and requires that it executed.</summary>
    public async Task<PostAnswer> ExecuteAsync(AuditSignal signal)
    {
        var answer = await SendAsync(signal);
        Assert.True(answer.Decision == "executed", $"{signal}: expected executed, got {answer}");
        return answer;
    }

    /// <summary>The signal's report once its pair is over (settled, exposure, nothing-stands; or rejected, no pair).</summary>
    public async Task<SignalReport> FinalAsync(AuditSignal signal, TimeSpan? within = null)
    {
        var limit = within ?? Within;
        var clock = Stopwatch.StartNew();
        SignalReport? report = null;
        while ((report = await Gateway.ReportAsync(signal) ?? report) is not { Final: true })
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"pair of {signal} not final within {limit.TotalSeconds:0} s (last report: {report?.ToString() ?? "none"})\n{LogTails()}");
            await Task.Delay(250);
        }
        Print($"GET {signal}: {report}");
        return report;
    }

    /// <summary>Asks the gateway about the signal until its identity's account answers (404: it never saw it), which starts the account.</summary>
    public Task WakeAsync(AuditSignal signal) =>
        UntilAsync(async () => (await Gateway.GetAsync(signal)).Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.OK,
            Within, $"{signal.Identity.Key}: its account answers");

    /// <summary>
    /// The in-process audit's exposure: the positive is taken and wins, the hedge is refused for good (MARKET_CLOSED), so
    /// the positive stands unhedged. Returns the executed answer and the pair's final report (an unhedged exposure).
    /// </summary>
    public async Task<(PostAnswer Executed, SignalReport Final)> UnhedgedExposureAsync(AuditSignal signal)
    {
        await ScriptAsync(signal, hedge: "reject:MARKET_CLOSED", hedgeSettles: SettlementState.Pending);
        var executed = await ExecuteAsync(signal);
        var final = await FinalAsync(signal);
        Assert.True(final is { PairState: "exposure", ExposureReason: "unhedged" }, $"{signal}: expected an unhedged exposure, got {final}");
        return (executed, final);
    }

    /// <summary>Real time passes until <paramref name="instant"/> is behind us (the nodes read the same machine clock).</summary>
    public static async Task PassAsync(DateTimeOffset instant)
    {
        var left = instant - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left);
        await Task.Delay(TimeSpan.FromMilliseconds(250)); // the instant itself is still inside the cooldown
    }

    /// <summary>Waits for a condition real processes reach in their own time; on timeout fails with every node's log tail.</summary>
    public async Task UntilAsync(Func<Task<bool>> done, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > within) throw new TimeoutException($"{what}: not within {within.TotalSeconds:0} s\n{LogTails()}");
            await Task.Delay(250);
        }
    }

    public ClusterNode Executor(string name) => Cluster.Executors.Single(n => n.Name == name);

    public string LogTails() => string.Join("\n", Cluster.Nodes.Select(n => $"--- {n} log tail:\n{n.Process.LogTail(20)}"));

    public void Print(string line)
    {
        if (Output is null)
        {
            Diagnose(line);
            return;
        }
        try { Output.WriteLine(line); }
        catch (InvalidOperationException) { Diagnose(line); } // the check that set it is over
    }

    public void Diagnose(string line) => diagnostics.OnMessage(new DiagnosticMessage(line));

    /// <summary>Called by each check as its last line: when all passed, the cluster's directory (logs, Redis files) is removed.</summary>
    public void Passed() => Interlocked.Increment(ref _passed);

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        _venue?.Dispose();
        if (Cluster is null) return;
        await Cluster.DisposeAsync();
        if (_passed == AuditOnClusterChecks.Count)
        {
            try { Directory.Delete(Cluster.Directory, recursive: true); }
            catch (IOException) { /* a leftover temp directory is harmless */ }
        }
        else
        {
            Diagnose($"audit cluster: {_passed} of {AuditOnClusterChecks.Count} checks passed; logs kept in {Cluster.Directory}/logs");
        }
    }
}
