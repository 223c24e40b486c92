namespace BetExecutor.Domain.Pairs;

/// <summary>
/// How a pair runs. The domain takes these as a parameter and holds no defaults: a node reads them from
/// reference.conf (<c>bet-executor</c>, BetExecutor.Actors), where each one is documented.
/// </summary>
/// <param name="UnknownWindow">How long an unknown placement is reconciled by lookups before it is judged. Venues can take ~15 s to show a bet.</param>
/// <param name="FirstLookupDelay">The shortest wait between two lookups of an unknown placement.</param>
/// <param name="MaxLookupDelay">The longest wait between two lookups.</param>
/// <param name="HedgeMaxAttempts">Placement attempts of the hedge, the first included.</param>
/// <param name="HedgeRetryDelay">Wait before the first hedge retry; doubled for each further one.</param>
/// <param name="HedgeRetryBudget">No hedge retry starts later than this after the first hedge attempt.</param>
/// <param name="PollInterval">Wait between two settlement polls.</param>
/// <param name="MaxSettlementPolls">Hard limit of settlement polls per pair; reaching it raises an exposure.</param>
/// <param name="MaxStartDelay">A pair that could not start within this of its signal being accepted is stale and places nothing.</param>
/// <param name="HedgeStakeStep">The hedge venue's stake rounding step (the hedge identity's <c>stake-step</c>).</param>
/// <param name="HedgeShortTolerance">How far (as a share) the accepted hedge's payout may fall below the accepted positive's before the pair is an exposure; covers stake rounding.</param>
/// <param name="LateAcceptanceWatch">After a positive is not found through the window, how long it is still looked up (the pair keeps its identity's executing slot meanwhile); zero ends the pair at once.</param>
/// <param name="LateAcceptanceCheckEvery">Wait between two lookups during that watch.</param>
/// <param name="AnswerLimits">Bounds a venue's acceptance must fall within before anything is sized from it (<see cref="AnswerBounds.Default"/> when null).</param>
/// <param name="MaxPairRestarts">How many times a pair that keeps failing (it throws, or its journal fails) is started again from its events; after that it ends as a <c>pair-failed</c> exposure and its identity halts.</param>
public sealed record PairSettings(
    TimeSpan UnknownWindow,
    TimeSpan FirstLookupDelay,
    TimeSpan MaxLookupDelay,
    int HedgeMaxAttempts,
    TimeSpan HedgeRetryDelay,
    TimeSpan HedgeRetryBudget,
    TimeSpan PollInterval,
    int MaxSettlementPolls,
    TimeSpan MaxStartDelay,
    decimal HedgeStakeStep,
    decimal HedgeShortTolerance,
    TimeSpan LateAcceptanceWatch,
    TimeSpan LateAcceptanceCheckEvery,
    AnswerBounds? AnswerLimits = null,
    int MaxPairRestarts = 3)
{
    public AnswerBounds Answers => AnswerLimits ?? AnswerBounds.Default;

    /// <summary>Short name of <see cref="LateAcceptanceWatch"/> used by the pair's decisions.</summary>
    public TimeSpan Watch => LateAcceptanceWatch;

    /// <summary>Short name of <see cref="LateAcceptanceCheckEvery"/> used by the pair's decisions.</summary>
    public TimeSpan WatchCheckEvery => LateAcceptanceCheckEvery;
}
