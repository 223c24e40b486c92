using System.Collections.Concurrent;
using System.Diagnostics;
using BetExecutor.Venues.Contract;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Soak.Tests.Support;

public enum VenueCallKind
{
    Place,
    Lookup,
    Settlement,
}

/// <summary>One call the executor made to the venue and what its client answered, with the virtual instant it was made at.</summary>
/// <param name="Key">The client reference (placements, lookups) or the bet id (settlement).</param>
public sealed record RecordedCall(VenueCallKind Kind, Identity Account, string Key, DateTimeOffset At, TimeSpan Took, object Result)
{
    /// <summary>Unknown placements the client got no HTTP answer for at all (timeout or dropped connection).</summary>
    public bool IsUnanswered => Result is PlacementResult.Unknown unknown && UnknownKind(unknown.Reason) == "no answer";

    public static string UnknownKind(string reason) =>
        reason.StartsWith("server error", StringComparison.Ordinal) ? "server error"
        : reason.StartsWith("pending acceptance", StringComparison.Ordinal) ? "pending acceptance"
        : reason.StartsWith("unexpected answer", StringComparison.Ordinal) ? "unreadable answer"
        : "no answer";
}

/// <summary>
/// Sits between the executor and the HTTP venue client and writes down every call and answer: what the executor
/// was told, for counting faults the venue's book cannot show (pending acceptance, client timeouts, slow answers).
/// It changes nothing it passes on.
/// </summary>
public sealed class RecordingVenueDirectory(IVenueDirectory inner, TimeProvider virtualTime) : IVenueDirectory
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentQueue<RecordedCall> _unanswered = new();

    public IVenueClient For(Identity account) => new Client(this, inner.For(account));

    public IReadOnlyList<RecordedCall> Calls => _calls.ToArray();

    /// <summary>Placements answered by nothing since the last call: the request may still be on its way to the venue.</summary>
    public IReadOnlyList<RecordedCall> TakeUnanswered()
    {
        var taken = new List<RecordedCall>();
        while (_unanswered.TryDequeue(out var call)) taken.Add(call);
        return taken;
    }

    private void Record(RecordedCall call)
    {
        _calls.Enqueue(call);
        if (call.IsUnanswered) _unanswered.Enqueue(call);
    }

    private sealed class Client(RecordingVenueDirectory owner, IVenueClient inner) : IVenueClient
    {
        public async Task<PlacementResult> PlaceAsync(LegOrder request, CancellationToken cancellationToken = default)
        {
            var at = owner.Now;
            var watch = Stopwatch.StartNew();
            var result = await inner.PlaceAsync(request, cancellationToken).ConfigureAwait(false);
            owner.Record(new RecordedCall(VenueCallKind.Place, request.Account, request.ClientReference.Value, at, watch.Elapsed, result));
            return result;
        }

        public async Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default)
        {
            var at = owner.Now;
            var watch = Stopwatch.StartNew();
            var result = await inner.FindByClientReferenceAsync(account, clientReference, cancellationToken).ConfigureAwait(false);
            owner.Record(new RecordedCall(VenueCallKind.Lookup, account, clientReference.Value, at, watch.Elapsed, result));
            return result;
        }

        public async Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default)
        {
            var at = owner.Now;
            var watch = Stopwatch.StartNew();
            var result = await inner.GetSettlementAsync(account, betId, cancellationToken).ConfigureAwait(false);
            owner.Record(new RecordedCall(VenueCallKind.Settlement, account, betId, at, watch.Elapsed, result));
            return result;
        }
    }

    private DateTimeOffset Now => virtualTime.GetUtcNow();
}
