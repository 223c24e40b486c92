using BetExecutor.Domain.Events;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Tests.Fixture;
using static BetExecutor.Domain.Tests.Venue;

namespace BetExecutor.Domain.Tests;

/// <summary>
/// A pair recovers from its snapshot exactly as from the events the snapshot covers, in every phase and from every
/// point of its history; and its snapshot lets retention take its events only once nothing of the pair is open.
/// </summary>
public class PairSnapshotTests
{
    [Theory]
    [MemberData(nameof(PairHistories.All), MemberType = typeof(PairHistories))]
    public void A_snapshot_taken_after_any_event_and_the_events_after_it_rebuild_the_state_and_the_next_decision(PairStatus status)
    {
        var history = PairHistories.Leading_to(status);
        var fromEvents = PairSpec.Fold(history);

        for (var taken = 0; taken <= history.Length; taken++)
        {
            var snapshot = new PairSnapshot(PairSpec.Fold(history.Take(taken)));
            var fromSnapshot = history.Skip(taken).Aggregate(snapshot.State, (state, e) => state.Apply(e));

            Assert.Equal(fromEvents, fromSnapshot);
            // What the recovered pair then does (resume, look up, report its end) is the same too.
            var afterEvents = fromEvents.Decide(Recover, At(100), PairSettings.Default);
            var afterSnapshot = fromSnapshot.Decide(Recover, At(100), PairSettings.Default);
            Assert.Equal(afterEvents.Events, afterSnapshot.Events);
            Assert.Equal(afterEvents.Effects, afterSnapshot.Effects);
        }
    }

    [Theory]
    [MemberData(nameof(PairHistories.All), MemberType = typeof(PairHistories))]
    public void Every_event_is_held_while_the_pair_is_in_flight_or_ended_exposed(PairStatus status)
    {
        var snapshot = new PairSnapshot(PairSpec.Fold(PairHistories.Leading_to(status)));
        var open = !status.IsTerminal() || status == PairStatus.Exposed;

        Assert.Equal(open, snapshot.HoldsOpen);
        Assert.Equal(open ? 1 : null, ((IRetentionHold)snapshot).KeepEventsFrom);
    }

    [Theory]
    [MemberData(nameof(PairHistories.All), MemberType = typeof(PairHistories))]
    public void Once_the_account_resolved_the_pairs_exposure_nothing_is_held(PairStatus status)
    {
        // Exposed: the usual case. Any other phase: an exposure the account raised for a pair that could not finish.
        var snapshot = new PairSnapshot(PairSpec.Fold(PairHistories.Leading_to(status)), ExposureResolvedAt: At(3600));

        Assert.False(snapshot.HoldsOpen);
        Assert.Null(((IRetentionHold)snapshot).KeepEventsFrom);
        Assert.Equal(PairSpec.Fold(PairHistories.Leading_to(status)), snapshot.State);
    }
}
