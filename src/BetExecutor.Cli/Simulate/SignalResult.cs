namespace BetExecutor.Cli.Simulate;

/// <summary>Per leg: positive and hedge.</summary>
public sealed record LegCounts(int Positive, int Hedge);

/// <summary>
/// One line of a scenario's result: what was decided about a signal and how its pair ended.
/// <see cref="Placements"/> are bets the venue took and holds (never more than one per leg); <see cref="Attempts"/>
/// are placement requests sent. Both come from the venue's own book, not from the executor.
/// </summary>
public sealed record SignalResult(
    string SignalId,
    string Identity,
    string At,
    string Decision,
    string? Reason,
    string? Detail,
    string? PairState,
    string? ExposureReason,
    LegCounts Placements,
    LegCounts Attempts,
    DateTimeOffset? CooldownUntil,
    bool DryRun = false);
