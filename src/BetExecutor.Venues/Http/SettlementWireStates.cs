using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Http;

/// <summary>
/// Settlement states on the wire. The venue writes PENDING, WON, LOST, VOID, HALF_WON, HALF_LOST or REFUNDED; the
/// client also reads the synonyms real venues use (Pinnacle's LOSE, HALF_WON_HALF_PUSHED, CANCELLED, ...).
/// </summary>
public static class SettlementWireStates
{
    public const string Pending = "PENDING";
    public const string Won = "WON";
    public const string Lost = "LOST";
    public const string Void = "VOID";
    public const string HalfWon = "HALF_WON";
    public const string HalfLost = "HALF_LOST";

    /// <summary>Pinnacle's name for a stake handed back (event cancelled, push). Money-wise it is a void.</summary>
    public const string Refunded = "REFUNDED";

    private static readonly Dictionary<string, SettlementState> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [Pending] = SettlementState.Pending,
        ["ACCEPTED"] = SettlementState.Pending, // Pinnacle: taken, not settled yet
        ["UNSETTLED"] = SettlementState.Pending,
        [Won] = SettlementState.Won,
        ["WIN"] = SettlementState.Won,
        [Lost] = SettlementState.Lost,
        ["LOSE"] = SettlementState.Lost,
        [Void] = SettlementState.Void,
        [Refunded] = SettlementState.Void,
        ["CANCELLED"] = SettlementState.Void,
        ["PUSH"] = SettlementState.Void,
        [HalfWon] = SettlementState.HalfWon,
        ["HALF_WON_HALF_PUSHED"] = SettlementState.HalfWon,
        [HalfLost] = SettlementState.HalfLost,
        ["HALF_LOST_HALF_PUSHED"] = SettlementState.HalfLost,
    };

    public static string Write(SettlementState state) => state switch
    {
        SettlementState.Pending => Pending,
        SettlementState.Won => Won,
        SettlementState.Lost => Lost,
        SettlementState.Void => Void,
        SettlementState.HalfWon => HalfWon,
        SettlementState.HalfLost => HalfLost,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "no wire name for this settlement state"),
    };

    /// <summary>
    /// False for a state we do not know: the caller must report a failure, not guess. Reading an unknown word as
    /// pending could poll forever; reading it as lost or void could misclassify real money.
    /// </summary>
    public static bool TryRead(string? text, out SettlementState state)
    {
        if (text is not null && Known.TryGetValue(text, out state)) return true;
        state = SettlementState.Pending;
        return false;
    }
}
