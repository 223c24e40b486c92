namespace BetExecutor.Domain.Legs;

/// <summary>A bet the venue holds, as the venue reports it (stake and odds as accepted, not as asked).</summary>
public sealed record AcceptedBet(string BetId, decimal Stake, decimal Odds);

/// <summary>What a placement request came back with. Three outcomes, never two: Unknown is not Rejected.</summary>
public abstract record PlacementResult
{
    private PlacementResult() { }

    /// <summary>The venue took the bet.</summary>
    public sealed record Accepted(AcceptedBet Bet) : PlacementResult;

    /// <summary>The venue refused the bet and holds nothing. <paramref name="CurrentOdds"/> is the venue's price when it says the price moved.</summary>
    public sealed record Rejected(string Code, bool Permanent, decimal? CurrentOdds = null) : PlacementResult;

    /// <summary>No definite answer (timeout, transport error, 5xx): the bet may or may not exist.</summary>
    public sealed record Unknown(string Reason) : PlacementResult;
}

/// <summary>What a lookup by client reference came back with.</summary>
public abstract record LookupResult
{
    private LookupResult() { }

    public sealed record Found(AcceptedBet Bet) : LookupResult;

    /// <summary>The venue answered and has no bet with that reference (yet: bets can take seconds to appear).</summary>
    public sealed record NotFound : LookupResult;

    /// <summary>The lookup itself failed; says nothing about the bet.</summary>
    public sealed record Failed(string Reason) : LookupResult;
}

/// <summary>The settlement state a venue reports for one bet.</summary>
public enum SettlementState
{
    /// <summary>Not settled yet, or the venue has no record of the settlement yet. Never read as lost.</summary>
    Pending,
    Won,
    Lost,
    Void,
    HalfWon,
    HalfLost,
}

public static class SettlementStateExtensions
{
    public static bool IsFinal(this SettlementState state) => state != SettlementState.Pending;

    /// <summary>The stable code the journal and scenario files use.</summary>
    public static string Code(this SettlementState state) => state switch
    {
        SettlementState.Pending => "pending",
        SettlementState.Won => "won",
        SettlementState.Lost => "lost",
        SettlementState.Void => "void",
        SettlementState.HalfWon => "half-won",
        SettlementState.HalfLost => "half-lost",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>What a settlement query came back with: a state, or a failure that says nothing about the bet.</summary>
public abstract record SettlementResult
{
    private SettlementResult() { }

    public sealed record Known(SettlementState State) : SettlementResult;

    public sealed record Failed(string Reason) : SettlementResult;
}
