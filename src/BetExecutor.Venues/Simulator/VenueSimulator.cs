using System.Globalization;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Simulator;

/// <summary>
/// An in-process venue (docs/architecture.md §7): deterministic, thread-safe, on the caller's clock. Each client reference is
/// answered by its script, else by the default script, else (if given) by a seeded <see cref="FaultProfile"/>.
/// Whatever the script says, a reference the venue already holds for that account is answered with the bet held.
/// </summary>
/// <remarks>
/// Every random choice (bet ids, fault draws) comes from a <see cref="Random"/> seeded by the simulator seed, the
/// account, the client reference and the attempt number, not from one shared stream. Actors interleave their
/// calls differently on every run; this way the same seed still gives every leg the same fate.
/// The venue keys bets by (account, client reference), as a real venue scopes idempotency keys to the login.
/// </remarks>
public sealed class VenueSimulator : IVenueClient
{
    private readonly TimeProvider _time;
    private readonly string _seed;
    private readonly LegScript _defaultScript;
    private readonly FaultProfile? _faults;

    // One lock for everything: calls are short and in memory, and one order of events keeps the book consistent.
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientReference, LegScript> _scripts = new();
    private readonly Dictionary<(Identity Account, ClientReference Reference), HeldBet> _byReference = new();
    private readonly Dictionary<string, HeldBet> _byBetId = new(StringComparer.Ordinal);
    private readonly List<string> _betIdsInOrderTaken = new();
    private readonly List<PlacementAttempt> _attempts = new();
    // Per client reference, so scripting a leg and reading one leg's bets and attempts cost the same whatever the
    // book's size (a scenario of thousands of signals scripts and reads two references per signal).
    private readonly Dictionary<ClientReference, List<Identity>> _accountsHoldingInOrderTaken = new();
    private readonly Dictionary<ClientReference, List<PlacementAttempt>> _attemptsByReference = new();
    private readonly Dictionary<(Identity Account, ClientReference Reference), int> _attemptCounts = new();

    /// <param name="time">The clock placements are stamped with and visibility is judged by.</param>
    /// <param name="seed">Same seed and same calls, same answers and bet ids.</param>
    /// <param name="defaultScript">How unscripted references are answered; <see cref="LegScript.AcceptAndStayPending"/> if not given.</param>
    /// <param name="faults">Seeded random answers for unscripted references instead of a default script.</param>
    public VenueSimulator(TimeProvider time, int seed, LegScript? defaultScript = null, FaultProfile? faults = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (defaultScript is not null && faults is not null)
            throw new ArgumentException("unscripted references follow either a default script or a fault profile, not both", nameof(faults));
        var errors = faults?.Validate() ?? [];
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(faults));

        _time = time;
        _seed = seed.ToString(CultureInfo.InvariantCulture);
        _defaultScript = defaultScript ?? LegScript.AcceptAndStayPending;
        _faults = faults;
    }

    /// <summary>
    /// Sets how attempts with this client reference are answered, for every account. If the venue already holds
    /// a bet for the reference, the new script also decides how that bet settles and when it shows in lookups
    /// (so a test can let a pending bet settle later); the bet's stake and odds stay as taken.
    /// </summary>
    public void Script(ClientReference clientReference, LegScript script)
    {
        ArgumentNullException.ThrowIfNull(clientReference);
        ArgumentNullException.ThrowIfNull(script);
        lock (_gate)
        {
            _scripts[clientReference] = script;
            foreach (var account in AccountsHolding(clientReference))
            {
                var held = _byReference[(account, clientReference)];
                Store(held with { Settlement = script.Settle, VisibleAfter = script.VisibleAfter });
            }
        }
    }

    /// <summary>Raised after each placement attempt is recorded (outside the venue's lock), so a harness can wait for one instead of polling.</summary>
    public event Action<PlacementAttempt>? AttemptRecorded;

    public Task<PlacementResult> PlaceAsync(LegOrder request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<PlacementResult>(cancellationToken);
        PlacementAttempt attempt;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            attempt = new PlacementAttempt(request, now, Place(request, now));
            _attempts.Add(attempt);
            ListFor(_attemptsByReference, request.ClientReference).Add(attempt);
            var key = (request.Account, request.ClientReference);
            _attemptCounts[key] = _attemptCounts.GetValueOrDefault(key) + 1;
        }
        AttemptRecorded?.Invoke(attempt);
        return Task.FromResult(attempt.Answer);
    }

    public Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(clientReference);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<LookupResult>(cancellationToken);
        lock (_gate)
        {
            if (_scripts.TryGetValue(clientReference, out var script) && script.LookupFails)
                return Task.FromResult<LookupResult>(new LookupResult.Failed("the venue's bet search failed (scripted)"));
            LookupResult result = _byReference.TryGetValue((account, clientReference), out var held) && IsVisible(held)
                ? new LookupResult.Found(held.AsAccepted())
                : new LookupResult.NotFound();
            return Task.FromResult(result);
        }
    }

    /// <summary>
    /// The bet's settlement. A bet id the venue does not hold for this account, or holds but does not show yet,
    /// is Pending: a venue with no record is pending, never lost.
    /// </summary>
    public Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(betId);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<SettlementResult>(cancellationToken);
        lock (_gate)
        {
            var state = _byBetId.TryGetValue(betId, out var held) && held.Account == account && IsVisible(held)
                ? held.Settlement
                : SettlementState.Pending;
            return Task.FromResult<SettlementResult>(new SettlementResult.Known(state));
        }
    }

    /// <summary>Every placement request received with this client reference (any account), oldest first.</summary>
    public IReadOnlyList<PlacementAttempt> Attempts(ClientReference clientReference)
    {
        lock (_gate) return Snapshot(_attemptsByReference.GetValueOrDefault(clientReference) ?? []);
    }

    /// <summary>Every placement request received, oldest first.</summary>
    public IReadOnlyList<PlacementAttempt> AllAttempts()
    {
        lock (_gate) return Snapshot(_attempts);
    }

    /// <summary>The bets held for this client reference: at most one per account.</summary>
    public IReadOnlyList<HeldBet> Held(ClientReference clientReference)
    {
        lock (_gate) return Snapshot(AccountsHolding(clientReference).Select(account => _byReference[(account, clientReference)]));
    }

    /// <summary>The whole book: every bet the venue holds, in the order taken.</summary>
    public IReadOnlyList<HeldBet> Book()
    {
        lock (_gate) return Snapshot(BetsInOrderTaken());
    }

    private PlacementResult Place(LegOrder request, DateTimeOffset now)
    {
        // Idempotency comes before the script: a reference already held is never taken twice.
        if (_byReference.TryGetValue((request.Account, request.ClientReference), out var existing))
            return new PlacementResult.Accepted(existing.AsAccepted());

        var random = RandomForAttempt(request);
        var decision = _scripts.TryGetValue(request.ClientReference, out var script) ? VenueDecision.FromScript(script, request)
            : _faults is not null ? FaultDraw.Decide(_faults, random, request)
            : VenueDecision.FromScript(_defaultScript, request);

        HeldBet? taken = null;
        if (decision.TakesBet)
        {
            taken = HeldBet.Take(NewBetId(random), request, decision, now);
            Store(taken);
            _betIdsInOrderTaken.Add(taken.BetId);
            ListFor(_accountsHoldingInOrderTaken, taken.ClientReference).Add(taken.Account);
        }
        return decision.Answer(taken);
    }

    private Random RandomForAttempt(LegOrder request)
    {
        var attemptNumber = _attemptCounts.GetValueOrDefault((request.Account, request.ClientReference));
        return StableSeed.RandomFor(_seed, request.Account.Key, request.ClientReference.Value, attemptNumber.ToString(CultureInfo.InvariantCulture));
    }

    private string NewBetId(Random random)
    {
        string id;
        do id = "sim-" + random.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
        while (_byBetId.ContainsKey(id));
        return id;
    }

    private void Store(HeldBet bet)
    {
        _byReference[(bet.Account, bet.ClientReference)] = bet;
        _byBetId[bet.BetId] = bet;
    }

    private IReadOnlyList<Identity> AccountsHolding(ClientReference clientReference) =>
        _accountsHoldingInOrderTaken.GetValueOrDefault(clientReference) ?? [];

    private static List<T> ListFor<T>(Dictionary<ClientReference, List<T>> index, ClientReference clientReference)
    {
        if (!index.TryGetValue(clientReference, out var list)) index[clientReference] = list = [];
        return list;
    }

    private IEnumerable<HeldBet> BetsInOrderTaken() => _betIdsInOrderTaken.Select(id => _byBetId[id]);

    private bool IsVisible(HeldBet bet) => bet.VisibleAt <= _time.GetUtcNow();

    private static IReadOnlyList<T> Snapshot<T>(IEnumerable<T> items) => Array.AsReadOnly(items.ToArray());
}
