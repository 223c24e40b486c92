using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Tests.Fixture;
using static BetExecutor.Domain.Tests.Venue;

namespace BetExecutor.Domain.Tests;

/// <summary>One history that leaves the default pair in each status, built by the pair's own decisions.</summary>
internal static class PairHistories
{
    public static PairEvent[] Leading_to(PairStatus status) => status switch
    {
        PairStatus.NotStarted => [],
        PairStatus.PositivePending => [Happened.PositiveIntent()],
        PairStatus.PositiveUnknown => [Happened.PositiveIntent(), Happened.PositiveUnknown(At(1))],
        PairStatus.PositiveWatching => Run([Happened.PositiveIntent(), Happened.PositiveUnknown(At(1))], (NotFound(LegKind.Positive), 31)),
        PairStatus.PositiveRejected => Run([Happened.PositiveIntent()], (RejectedFinally(LegKind.Positive), 1)),
        PairStatus.Abandoned => PairSpec.Given().When(Start(), At(60)).History.ToArray(),
        // Transient: only reachable on its own if the journal split what the pair persists together.
        PairStatus.PositiveAccepted => [Happened.PositiveIntent(), Happened.PositiveAccepted(at: At(1))],
        PairStatus.HedgePending => Happened.HedgeSent(At(1)),
        PairStatus.HedgeUnknown => [.. Happened.HedgeSent(At(1)), Happened.HedgeUnknown(At(2))],
        PairStatus.HedgeRetryWaiting => [.. Happened.HedgeSent(At(1)), Happened.HedgeRejectedTransiently(1, At(3), at: At(1))],
        // Transient: persisted with the unhedged exposure.
        PairStatus.HedgeFailed => [.. Happened.HedgeSent(At(1)), Happened.HedgeRejectedFinally(1, At(2))],
        PairStatus.Settling => Happened.BothLegsPlaced(At(1)),
        PairStatus.Settled => Run(Happened.BothLegsPlaced(At(1)), (Settlement(SettlementState.Won, SettlementState.Lost), 7200)),
        PairStatus.Exposed => Run(Happened.BothLegsPlaced(At(1)), (Settlement(SettlementState.Won, SettlementState.Won), 7200)),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static TheoryData<PairStatus> All => new(Enum.GetValues<PairStatus>());

    public static TheoryData<PairStatus> NonTerminal => new(Enum.GetValues<PairStatus>().Where(s => !s.IsTerminal()));

    public static TheoryData<PairStatus> Terminal => new(Enum.GetValues<PairStatus>().Where(s => s.IsTerminal()));

    private static PairEvent[] Run(PairEvent[] history, params (PairCommand Command, double At)[] commands)
    {
        var spec = PairSpec.Given(history);
        PairThen? then = null;
        foreach (var (command, at) in commands)
            then = then is null ? spec.When(command, At(at)) : then.AndWhen(command, At(at));
        return [.. then!.History];
    }
}
