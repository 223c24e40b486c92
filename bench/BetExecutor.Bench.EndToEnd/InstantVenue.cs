using System.Collections.Concurrent;
using System.Diagnostics;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Venues.Contract;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// A venue client that answers every call at once (no I/O, no lock on the placement path), so what the bench times is
/// the executor alone. It is also the timing hook: the instant each leg is handed to it, and the instant the positive's
/// acceptance is handed back, are read here, outside the actors, so nothing on the production path changes.
/// </summary>
internal sealed class InstantVenue : IVenueClient, IVenueDirectory
{
    private readonly ConcurrentDictionary<string, PairTiming> _pairs = new(StringComparer.Ordinal);
    private long _positives;
    private long _hedges;
    private volatile bool _settle;

    public IVenueClient For(Identity account) => this;

    /// <summary>How many legs have been handed over so far (every attempt counts; this venue never refuses one).</summary>
    public long Positives => Interlocked.Read(ref _positives);
    public long Hedges => Interlocked.Read(ref _hedges);

    /// <summary>Called for every hedge handed over, with its pair's timing (on the actor's thread: keep it short).</summary>
    public Action<PairTiming>? HedgeHanded { get; set; }

    /// <summary>From now on both legs settle (positive won, hedge lost), so pairs finish at their next poll; until then they stay pending.</summary>
    public void SettleFromNow() => _settle = true;

    /// <summary>Registers a pair before its signal is sent; <paramref name="sentAt"/> is a <see cref="Stopwatch"/> timestamp (the intended send time under a fixed load).</summary>
    public PairTiming Expect(Identity owner, string pairId, long sentAt)
    {
        var timing = new PairTiming(sentAt);
        _pairs[Key(ClientReference.For(owner, pairId, LegKind.Positive))] = timing;
        return timing;
    }

    public void Forget() => _pairs.Clear();

    public Task<PlacementResult> PlaceAsync(LegOrder request, CancellationToken cancellationToken = default)
    {
        var handed = Stopwatch.GetTimestamp();
        var positive = request.ClientReference.Value.EndsWith("-p", StringComparison.Ordinal);
        _pairs.TryGetValue(Key(request.ClientReference), out var timing);
        if (positive) Interlocked.Increment(ref _positives);
        else Interlocked.Increment(ref _hedges);
        var answer = Task.FromResult<PlacementResult>(new PlacementResult.Accepted(new AcceptedBet("bet-" + request.ClientReference.Value, request.Stake, request.Odds)));
        if (timing is not null)
        {
            if (positive)
            {
                timing.PositiveHanded = handed;
                timing.PositiveAnswered = Stopwatch.GetTimestamp();
            }
            else if (timing.HedgeHanded == 0)
            {
                timing.HedgeHanded = handed;
                HedgeHanded?.Invoke(timing);
            }
        }
        return answer;
    }

    public Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default) =>
        Task.FromResult<LookupResult>(new LookupResult.Found(new AcceptedBet("bet-" + clientReference.Value, 0m, 0m)));

    public Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default) =>
        Task.FromResult<SettlementResult>(new SettlementResult.Known(
            !_settle ? SettlementState.Pending : betId.EndsWith("-p", StringComparison.Ordinal) ? SettlementState.Won : SettlementState.Lost));

    private static string Key(ClientReference reference) => reference.Value[..^2];
}

/// <summary>Stopwatch timestamps of one pair's way through the executor (0 = not yet).</summary>
internal sealed class PairTiming(long sentAt)
{
    public long SentAt { get; } = sentAt;
    public long PositiveHanded;
    public long PositiveAnswered;
    public long HedgeHanded;

    public TimeSpan SignalToPositive => Stopwatch.GetElapsedTime(SentAt, PositiveHanded);
    public TimeSpan PositiveToHedge => Stopwatch.GetElapsedTime(PositiveAnswered, HedgeHanded);
}
