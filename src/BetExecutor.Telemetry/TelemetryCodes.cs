using BetExecutor.Domain.Legs;

namespace BetExecutor.Telemetry;

/// <summary>How a placement request was answered: the <c>outcome</c> label of <c>betexec_legs_placed_total</c>.</summary>
public enum PlacementOutcome
{
    Accepted,
    Rejected,
    Unknown,
}

/// <summary>How a placement whose outcome was unknown ended: the <c>resolution</c> label.</summary>
public enum UnknownResolution
{
    /// <summary>A lookup found the bet: it stands.</summary>
    Found,
    /// <summary>Lookups through the window (and the positive's late watch) never found it: the venue never took it.</summary>
    NotFound,
    /// <summary>Lookups kept failing through the whole window: the pair ended as an unresolved-unknown exposure.</summary>
    Unresolved,
}

/// <summary>How the venue's settlement of a pair compared with what the executor holds: the <c>result</c> label.</summary>
public enum Reconciliation
{
    /// <summary>Both legs final and complementary: the pair settled as the executor expects.</summary>
    Match,
    /// <summary>Both legs final but not as a hedged pair settles (void on one side, both won, both lost, partial).</summary>
    Mismatch,
    /// <summary>The legs were not both final within the poll limit.</summary>
    Unsettled,
}

/// <summary>The one spelling of each label value (kebab-case, as every code of the project).</summary>
public static class TelemetryCodes
{
    /// <summary>Label value for "no reason" (an executed signal).</summary>
    public const string None = "none";

    public static string Code(this LegKind leg) => leg switch
    {
        LegKind.Positive => "positive",
        LegKind.Hedge => "hedge",
        _ => throw new ArgumentOutOfRangeException(nameof(leg), leg, null),
    };

    public static string Code(this PlacementOutcome outcome) => outcome switch
    {
        PlacementOutcome.Accepted => "accepted",
        PlacementOutcome.Rejected => "rejected",
        PlacementOutcome.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string Code(this UnknownResolution resolution) => resolution switch
    {
        UnknownResolution.Found => "found",
        UnknownResolution.NotFound => "not-found",
        UnknownResolution.Unresolved => "unresolved",
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, null),
    };

    public static string Code(this Reconciliation result) => result switch
    {
        Reconciliation.Match => "match",
        Reconciliation.Mismatch => "mismatch",
        Reconciliation.Unsettled => "unsettled",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
