using System.Diagnostics;
using Akka.Actor;
using BetExecutor.Actors.Accounts;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// Signals through a running <see cref="BenchNode"/>, each to an identity of its own (no cooldown in the way), timed
/// at the venue client: one at a time, as a burst, and at a fixed offered rate.
/// </summary>
internal sealed class ExecutorRuns(BenchNode node)
{
    private int _nextIdentity;
    private Action<SignalAnswer>? _refused;
    private int _refusedCount;
    private IActorRef? _answers;

    /// <summary>Signals answered other than executed so far (each is printed).</summary>
    public int Refused => Volatile.Read(ref _refusedCount);

    private IActorRef Answers => _answers ??= node.Node.System.ActorOf(Props.Create(() => new AnswerSink(OnRefused)));

    private void OnRefused(SignalAnswer answer)
    {
        Interlocked.Increment(ref _refusedCount);
        _refused?.Invoke(answer);
    }

    public sealed record Figures(Latencies SignalToPositive, Latencies PositiveToHedge, int Pairs, TimeSpan Elapsed)
    {
        public double PairsPerSecond => Pairs / Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Starts the accounts of the next <paramref name="identities"/> identities (each answers a status request), so the
    /// signals that follow find their account live, as an identity that traded in the last minutes does: what is timed
    /// then is the signal's own path, not the account's first start (recovery from Redis).
    /// </summary>
    public async Task WarmAccountsAsync(int identities)
    {
        var first = _nextIdentity + 1;
        foreach (var chunk in Enumerable.Range(first, identities).Chunk(500))
            await Task.WhenAll(chunk.Select(i => node.Accounts.Ask<AccountStatus>(new GetAccountStatus(BenchNode.IdentityNumber(i)), TimeSpan.FromMinutes(1))));
    }

    /// <summary>Each signal is sent once the previous pair's hedge was handed to the venue.</summary>
    public async Task<Figures> OneAtATimeAsync(int signals, bool warmAccounts = true)
    {
        if (warmAccounts) await WarmAccountsAsync(signals);
        var toPositive = new Latencies();
        var toHedge = new Latencies();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < signals; n++)
        {
            var hedged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node.Venue.HedgeHanded = _ => hedged.TrySetResult();
            var timing = Send(Stopwatch.GetTimestamp());
            await hedged.Task.WaitAsync(TimeSpan.FromSeconds(30));
            toPositive.Record(timing.SignalToPositive);
            toHedge.Record(timing.PositiveToHedge);
        }
        node.Venue.HedgeHanded = null;
        return new Figures(toPositive, toHedge, signals, clock.Elapsed);
    }

    /// <summary>Every signal sent at once; the clock stops when the last hedge is handed to the venue.</summary>
    public async Task<Figures> BurstAsync(int signals)
    {
        var (toPositive, toHedge, all) = Collect(signals);
        var clock = Stopwatch.StartNew();
        var now = Stopwatch.GetTimestamp();
        for (var n = 0; n < signals; n++) Send(now);
        await all.WaitAsync(TimeSpan.FromMinutes(3));
        clock.Stop();
        node.Venue.HedgeHanded = null;
        return new Figures(toPositive, toHedge, (int)toHedge.Count, clock.Elapsed);
    }

    /// <summary>
    /// Open loop at <paramref name="perSecond"/>: signal i is due at start + i / rate whether or not earlier ones are done,
    /// and its latency runs from when it was due, not from when it could be sent, so a stall is charged to every signal it
    /// delayed (no coordinated omission).
    /// </summary>
    public async Task<Figures> FixedRateAsync(double perSecond, TimeSpan duration)
    {
        var signals = (int)(perSecond * duration.TotalSeconds);
        await WarmAccountsAsync(signals);
        var (toPositive, toHedge, all) = Collect(signals);
        var interval = Stopwatch.Frequency / perSecond;
        var sender = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (var n = 0; n < signals; n++)
            {
                var due = start + (long)(n * interval);
                while (Stopwatch.GetTimestamp() < due)
                {
                    if (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 1000) Thread.Sleep(1);
                    else Thread.Yield();
                }
                Send(due);
            }
        }) { IsBackground = true, Name = "bench-offered-load" };
        var clock = Stopwatch.StartNew();
        sender.Start();
        await all.WaitAsync(duration + TimeSpan.FromMinutes(2));
        clock.Stop();
        sender.Join();
        node.Venue.HedgeHanded = null;
        return new Figures(toPositive, toHedge, (int)toHedge.Count, clock.Elapsed);
    }

    /// <summary>When the events of the signals sent from now on start (in two hours when null): pairs poll their settlement only from then on.</summary>
    public DateTimeOffset? KickOff { get; set; }

    /// <summary>Signals whose pairs then stay in flight (the venue answers their settlement polls with pending).</summary>
    public int SentSoFar => _nextIdentity;

    private (Latencies, Latencies, Task) Collect(int signals)
    {
        var toPositive = new Latencies(); // its count is the pairs hedged (a refused signal records nothing)
        var toHedge = new Latencies();
        var remaining = signals;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Venue.HedgeHanded = timing =>
        {
            toPositive.Record(timing.SignalToPositive);
            toHedge.Record(timing.PositiveToHedge);
            if (Interlocked.Decrement(ref remaining) == 0) all.TrySetResult();
        };
        // A signal refused places no hedge: it still ends its part of the run.
        _refused = _ =>
        {
            if (Interlocked.Decrement(ref remaining) == 0) all.TrySetResult();
        };
        return (toPositive, toHedge, all.Task);
    }

    private PairTiming Send(long sentAt)
    {
        var identity = BenchNode.IdentityNumber(Interlocked.Increment(ref _nextIdentity));
        var signalId = "sig-" + identity.Account;
        var timing = node.Venue.Expect(identity, signalId, sentAt);
        node.Accounts.Tell(new ExecuteSignal(BenchNode.SignalFor(identity, signalId, KickOff), DateTimeOffset.UtcNow), Answers);
        return timing;
    }

    /// <summary>Where the signals' answers go; a signal not executed would leave the bench waiting, so it fails loudly.</summary>
    private sealed class AnswerSink : ReceiveActor
    {
        public AnswerSink(Action<SignalAnswer> refused)
        {
            Receive<SignalAnswer>(a =>
            {
                if (a.Kind == SignalAnswerKind.Executed) return;
                Console.Error.WriteLine($"signal {a.SignalId} not executed: {a.Kind} {a.Reason} {a.Detail}");
                refused(a);
            });
        }
    }
}
