using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Domain.Tests;

/// <summary>What the venue does with one placement request.</summary>
public enum VenuePlacement
{
    Accept,
    /// <summary>Takes the bet at other terms: a smaller stake and shorter odds than asked.</summary>
    AcceptOtherTerms,
    /// <summary>A venue that lies: says it took 100 times the asked stake.</summary>
    AcceptMoreThanAsked,
    RejectPermanent,
    RejectTransient,
    /// <summary>A transient rejection that quotes a new price above the asked one.</summary>
    RejectRepriced,
    /// <summary>A transient rejection that quotes a price below any hedge minimum in these tests.</summary>
    RejectRepricedBelowMinimum,
    /// <summary>Takes the bet, but the answer is lost (timeout after the fact).</summary>
    UnknownTaken,
    /// <summary>Does not take the bet and the answer is lost (timeout before the fact).</summary>
    UnknownNotTaken,
}

/// <summary>How the venue answers one lookup by client reference.</summary>
public enum VenueLookup
{
    /// <summary>Truthfully: the bet if it is visible, otherwise not found.</summary>
    Answer,
    Fail,
}

/// <summary>How the venue answers one settlement query of a bet that is not final yet.</summary>
public enum VenueSettlement
{
    Pending,
    Won,
    Lost,
    Void,
    HalfWon,
    HalfLost,
    Fail,
}

/// <summary>
/// A venue as the contract describes it (docs/architecture.md §7): a bet is keyed by its client reference, so a repeated
/// placement with the same reference is answered with the bet already held, never a second one; a bet taken
/// behind a lost answer shows up in lookups after <see cref="VisibleAfter"/>; a final settlement never changes.
/// </summary>
internal sealed class ModelVenue(TimeSpan visibleAfter)
{
    public sealed record Bet(LegKind Leg, string Account, ClientReference Reference, string BetId, decimal Stake, decimal Odds, DateTimeOffset TakenAt)
    {
        public SettlementState? Settlement { get; set; }
    }

    public const decimal PriceBelowAnyMinimum = 1.10m;

    public const decimal OverAcceptFactor = 100m;

    private readonly Dictionary<ClientReference, Bet> _bets = [];

    public TimeSpan VisibleAfter { get; } = visibleAfter;

    public IReadOnlyCollection<Bet> Bets => _bets.Values;

    /// <summary>Placement requests received, per client reference (all attempts, answered or not).</summary>
    public Dictionary<ClientReference, int> Requests { get; } = [];

    public Bet? Held(LegKind leg) => _bets.Values.SingleOrDefault(b => b.Leg == leg);

    public PlacementResult Place(LegKind leg, LegOrder order, VenuePlacement behaviour, DateTimeOffset now)
    {
        Requests[order.ClientReference] = Requests.GetValueOrDefault(order.ClientReference) + 1;
        if (_bets.TryGetValue(order.ClientReference, out var held))
        {
            // Idempotent: the reference is already a bet. The answer may still be lost on the way back.
            return behaviour is VenuePlacement.UnknownTaken or VenuePlacement.UnknownNotTaken
                ? new PlacementResult.Unknown("timeout")
                : new PlacementResult.Accepted(Accepted(held));
        }
        switch (behaviour)
        {
            case VenuePlacement.Accept:
                return new PlacementResult.Accepted(Accepted(Take(leg, order, order.Stake, order.Odds, now)));
            case VenuePlacement.AcceptOtherTerms:
                var stake = Math.Max(0.01m, Math.Round(order.Stake * 0.6m, 2));
                var odds = Math.Max(1.01m, order.Odds - 0.05m);
                return new PlacementResult.Accepted(Accepted(Take(leg, order, stake, odds, now)));
            case VenuePlacement.AcceptMoreThanAsked:
                return new PlacementResult.Accepted(Accepted(Take(leg, order, order.Stake * OverAcceptFactor, order.Odds, now)));
            case VenuePlacement.RejectPermanent:
                return new PlacementResult.Rejected("market-closed", Permanent: true);
            case VenuePlacement.RejectTransient:
                return new PlacementResult.Rejected("busy", Permanent: false);
            case VenuePlacement.RejectRepriced:
                return new PlacementResult.Rejected("price-changed", Permanent: false, CurrentOdds: order.Odds + 0.10m);
            case VenuePlacement.RejectRepricedBelowMinimum:
                return new PlacementResult.Rejected("price-changed", Permanent: false, CurrentOdds: PriceBelowAnyMinimum);
            case VenuePlacement.UnknownTaken:
                Take(leg, order, order.Stake, order.Odds, now);
                return new PlacementResult.Unknown("timeout after the bet was taken");
            default:
                return new PlacementResult.Unknown("timeout before the bet was taken");
        }
    }

    public LookupResult Look(ClientReference reference, VenueLookup behaviour, DateTimeOffset now)
    {
        if (behaviour == VenueLookup.Fail) return new LookupResult.Failed("503");
        return _bets.TryGetValue(reference, out var bet) && now >= bet.TakenAt + VisibleAfter
            ? new LookupResult.Found(Accepted(bet))
            : new LookupResult.NotFound();
    }

    public SettlementResult Settle(string betId, VenueSettlement behaviour)
    {
        var bet = _bets.Values.Single(b => b.BetId == betId);
        if (bet.Settlement is { } final) return new SettlementResult.Known(final);
        if (behaviour == VenueSettlement.Fail) return new SettlementResult.Failed("503");
        var state = behaviour switch
        {
            VenueSettlement.Won => SettlementState.Won,
            VenueSettlement.Lost => SettlementState.Lost,
            VenueSettlement.Void => SettlementState.Void,
            VenueSettlement.HalfWon => SettlementState.HalfWon,
            VenueSettlement.HalfLost => SettlementState.HalfLost,
            _ => SettlementState.Pending,
        };
        if (state.IsFinal()) bet.Settlement = state;
        return new SettlementResult.Known(state);
    }

    private Bet Take(LegKind leg, LegOrder order, decimal stake, decimal odds, DateTimeOffset now)
    {
        var bet = new Bet(leg, order.Account.Key, order.ClientReference, $"bet-{_bets.Count + 1}", stake, odds, now);
        _bets.Add(order.ClientReference, bet);
        return bet;
    }

    private static AcceptedBet Accepted(Bet bet) => new(bet.BetId, bet.Stake, bet.Odds);
}
