using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venue.Simulator;

/// <summary>
/// What the HTTP layer keeps beside the venue: request counts (which seed each request's fault draws), the scripts
/// it was given (so it knows whether an Unknown was a lost answer or a server error, which the venue's answer does
/// not say) and bets held in pending acceptance. The venue's own state stays in the <c>VenueSimulator</c>.
/// </summary>
internal sealed class VenueFrontDesk
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientReference, LegScript> _scripts = new();
    private readonly Dictionary<(Identity Account, ClientReference Reference), int> _placementRequests = new();
    private readonly Dictionary<(Identity Account, ClientReference Reference), int> _lookups = new();
    private readonly Dictionary<(Identity Account, string BetId), int> _settlementQueries = new();
    private readonly Dictionary<(Identity Account, ClientReference Reference), DateTimeOffset> _pendingUntil = new();

    public void RememberScript(ClientReference reference, LegScript script)
    {
        lock (_gate) _scripts[reference] = script;
    }

    public LegScript? ScriptFor(ClientReference reference)
    {
        lock (_gate) return _scripts.GetValueOrDefault(reference);
    }

    /// <summary>Counts a placement request and returns its number for this (account, reference), from 0.</summary>
    public int CountPlacementRequest(Identity account, ClientReference reference)
    {
        lock (_gate)
        {
            return Count(_placementRequests, (account, reference));
        }
    }

    /// <summary>Counts a lookup by client reference and returns its number, from 0.</summary>
    public int CountLookup(Identity account, ClientReference reference)
    {
        lock (_gate) return Count(_lookups, (account, reference));
    }

    /// <summary>Counts a settlement query and returns its number for this (account, bet id), from 0.</summary>
    public int CountSettlementQuery(Identity account, string betId)
    {
        lock (_gate) return Count(_settlementQueries, (account, betId));
    }

    public IReadOnlyDictionary<(Identity Account, ClientReference Reference), int> PlacementRequests()
    {
        lock (_gate) return new Dictionary<(Identity, ClientReference), int>(_placementRequests);
    }

    public IReadOnlyDictionary<(Identity Account, ClientReference Reference), int> Lookups()
    {
        lock (_gate) return new Dictionary<(Identity, ClientReference), int>(_lookups);
    }

    private static int Count<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        var number = counts.GetValueOrDefault(key);
        counts[key] = number + 1;
        return number;
    }

    /// <summary>Puts a newly taken bet in pending acceptance until <paramref name="until"/>; a bet already pending keeps its time.</summary>
    public void StartPending(Identity account, ClientReference reference, DateTimeOffset until)
    {
        lock (_gate) _pendingUntil.TryAdd((account, reference), until);
    }

    public bool IsPending(Identity account, ClientReference reference, DateTimeOffset now)
    {
        lock (_gate) return _pendingUntil.TryGetValue((account, reference), out var until) && now < until;
    }
}
