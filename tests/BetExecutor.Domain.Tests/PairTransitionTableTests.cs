using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Legs.LegKind;
using static BetExecutor.Domain.Tests.Fixture;
using static BetExecutor.Domain.Tests.Venue;

namespace BetExecutor.Domain.Tests;

public class PairTransitionTableTests
{
    private static readonly EventMeta Meta = new(At(50), Soft.Key, PairId);

    /// <summary>One event of every kind the pair persists.</summary>
    private static readonly PairEvent[] OneOfEach =
    [
        Happened.PositiveIntent(),
        new PairAbandoned(AbandonReason.StaleSignal, "late") { Meta = Meta },
        Happened.PositiveAccepted(),
        new PositiveRejected("closed", true) { Meta = Meta },
        Happened.PositiveUnknown(),
        new PositiveNotFound(At(170)) { Meta = Meta },
        new PositiveWatchEnded { Meta = Meta },
        Happened.HedgeIntent(2),
        Happened.HedgeAccepted(),
        Happened.HedgeRejectedTransiently(1, At(60)),
        Happened.HedgeUnknown(),
        new HedgeNotFound(1, At(60)) { Meta = Meta },
        Happened.Polled(1, SettlementState.Won, SettlementState.Pending),
        new PairSettled(SettlementState.Won, SettlementState.Lost) { Meta = Meta },
        new ExposureRaised(ExposureReason.Unhedged, "x",
            new LegSnapshot(Soft.Key, null, 0, 0, null, null, null, null),
            new LegSnapshot(Sharp.Key, null, 0, 0, null, null, null, null)) { Meta = Meta },
    ];

    /// <summary>The table of PairState.Apply, as docs/architecture.md §3 draws it: every allowed (status, event) edge.</summary>
    private static readonly Dictionary<PairStatus, Type[]> Allowed = new()
    {
        [PairStatus.NotStarted] = [typeof(PositiveIntentRecorded), typeof(PairAbandoned)],
        [PairStatus.PositivePending] = [typeof(PositiveAccepted), typeof(PositiveRejected), typeof(PositiveOutcomeUnknown)],
        [PairStatus.PositiveUnknown] = [typeof(PositiveAccepted), typeof(PositiveNotFound), typeof(ExposureRaised)],
        [PairStatus.PositiveWatching] = [typeof(PositiveAccepted), typeof(PositiveWatchEnded)],
        [PairStatus.PositiveAccepted] = [typeof(HedgeIntentRecorded), typeof(ExposureRaised)],
        [PairStatus.HedgePending] = [typeof(HedgeAccepted), typeof(HedgeRejected), typeof(HedgeOutcomeUnknown)],
        [PairStatus.HedgeUnknown] = [typeof(HedgeAccepted), typeof(HedgeNotFound), typeof(ExposureRaised)],
        // A retry the sizing refuses (re-priced so its stake rounds to nothing) raises the exposure from here.
        [PairStatus.HedgeRetryWaiting] = [typeof(HedgeIntentRecorded), typeof(ExposureRaised)],
        [PairStatus.HedgeFailed] = [typeof(ExposureRaised)],
        [PairStatus.Settling] = [typeof(SettlementPolled), typeof(PairSettled), typeof(ExposureRaised)],
        [PairStatus.PositiveRejected] = [],
        [PairStatus.Abandoned] = [],
        [PairStatus.Settled] = [],
        [PairStatus.Exposed] = [],
    };

    [Fact]
    public void The_table_knows_every_status_and_every_event_kind()
    {
        Assert.Equal(Enum.GetValues<PairStatus>().Order(), Allowed.Keys.Order());
        var eventKinds = typeof(PairEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PairEvent)) && !t.IsAbstract);
        Assert.Equal(eventKinds.Select(t => t.Name).Order(), OneOfEach.Select(e => e.GetType().Name).Order());
    }

    public static TheoryData<PairStatus, string> EveryStatusAndEvent
    {
        get
        {
            var data = new TheoryData<PairStatus, string>();
            foreach (var status in Enum.GetValues<PairStatus>())
                foreach (var e in OneOfEach)
                    data.Add(status, e.GetType().Name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndEvent))]
    public void Only_the_edges_of_the_table_are_allowed(PairStatus status, string eventKind)
    {
        var state = PairSpec.Fold(PairHistories.Leading_to(status));
        var e = OneOfEach.Single(x => x.GetType().Name == eventKind);

        if (Allowed[status].Contains(e.GetType()))
            state.Apply(e);
        else
        {
            var thrown = Assert.Throws<InvalidPairTransitionException>(() => state.Apply(e));
            Assert.Contains(status.ToString(), thrown.Message);
            Assert.Contains(eventKind, thrown.Message);
        }
    }

    [Fact]
    public void Apply_does_not_change_the_state_it_is_called_on()
    {
        var state = PairSpec.Fold(Happened.HedgeSent());
        var copy = state with { };

        state.Apply(Happened.HedgeAccepted());

        Assert.Equal(copy, state);
        Assert.Equal(PairStatus.HedgePending, state.Status);
    }

    [Fact]
    public void Deciding_applies_nothing_to_the_state_it_is_called_on()
    {
        var state = PairSpec.Fold([Happened.PositiveIntent()]);
        var copy = state with { };

        state.Decide(Accepted(Positive, 100m, 2.10m), At(1), PairSettings.Default);

        Assert.Equal(copy, state);
    }

    public static TheoryData<PairStatus, string> LateOrStaleCommands => new()
    {
        { PairStatus.NotStarted, "wake" },
        { PairStatus.NotStarted, "positive accepted" },
        { PairStatus.PositivePending, "start" },
        { PairStatus.PositivePending, "wake" },
        { PairStatus.PositivePending, "hedge accepted" },
        { PairStatus.PositivePending, "positive found" },
        { PairStatus.PositivePending, "settlement" },
        { PairStatus.PositiveUnknown, "positive accepted" },
        { PairStatus.PositiveUnknown, "hedge found" },
        { PairStatus.PositiveUnknown, "start" },
        { PairStatus.HedgePending, "positive accepted" },
        { PairStatus.HedgePending, "hedge found" },
        { PairStatus.HedgePending, "wake" },
        { PairStatus.HedgeUnknown, "hedge accepted" },
        { PairStatus.HedgeUnknown, "positive found" },
        { PairStatus.HedgeRetryWaiting, "hedge accepted" },
        { PairStatus.HedgeRetryWaiting, "hedge found" },
        { PairStatus.Settling, "hedge accepted" },
        { PairStatus.Settling, "hedge found" },
        { PairStatus.Settling, "start" },
        { PairStatus.PositiveRejected, "wake" },
        { PairStatus.PositiveRejected, "positive accepted" },
        { PairStatus.Abandoned, "start" },
        { PairStatus.Settled, "settlement" },
        { PairStatus.Settled, "wake" },
        { PairStatus.Exposed, "hedge found" },
        { PairStatus.Exposed, "settlement" },
        { PairStatus.Exposed, "wake" },
    };

    private static PairCommand Command(string name) => name switch
    {
        "start" => Start(acceptedAt: At(100)),
        "wake" => Wake,
        "positive accepted" => Accepted(Positive, 100m, 2.10m),
        "positive found" => Found(Positive, 100m, 2.10m),
        "hedge accepted" => Accepted(Hedge, Happened.HedgeStake, 2.05m),
        "hedge found" => Found(Hedge, Happened.HedgeStake, 2.05m),
        "settlement" => Settlement(SettlementState.Won, SettlementState.Lost),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(LateOrStaleCommands))]
    public void A_late_or_stale_command_is_ignored(PairStatus status, string command)
    {
        PairSpec.Given(PairHistories.Leading_to(status)).When(Command(command), At(100)).ThenNothingHappened();
    }
}
