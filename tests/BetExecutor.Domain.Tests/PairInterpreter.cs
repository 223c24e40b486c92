using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>What may happen to the pair's host between two steps.</summary>
public enum Interrupt
{
    None,
    /// <summary>The node dies: timers and unanswered requests are lost; requests not yet sent never leave.</summary>
    CrashBeforeSending,
    /// <summary>The node dies just after its pending requests left: the venue acts on them, the answers are lost.</summary>
    CrashAfterSending,
    /// <summary>A duplicate or stale timer fires now.</summary>
    StaleWake,
}

/// <summary>One generated run: the venue's behaviour per request, in order, and what interrupts the host.</summary>
public sealed record Scenario(
    VenuePlacement[] Placements,
    VenueLookup[] Lookups,
    VenueSettlement[] Settlements,
    Interrupt[] Interrupts,
    TimeSpan VisibleAfter,
    TimeSpan StartDelay)
{
    public override string ToString() =>
        $"start +{StartDelay.TotalSeconds}s, visible after {VisibleAfter.TotalSeconds}s\n" +
        $"  placements [{string.Join(", ", Placements)}]\n  lookups [{string.Join(", ", Lookups)}]\n" +
        $"  settlements [{string.Join(", ", Settlements)}]\n  interrupts [{string.Join(", ", Interrupts)}]";
}

/// <summary>
/// Drives <see cref="PairState.Decide"/> and <see cref="PairState.Apply"/> the way the BetPairActor does: persist the
/// events (here: append to a journal), then carry out the effects one by one against a <see cref="ModelVenue"/>,
/// advancing time to each <see cref="WakeAt"/>. A crash drops everything not persisted and rebuilds the state from the
/// journal before <see cref="ResumeAfterRecovery"/>. It records what it saw for the properties to judge.
/// </summary>
internal sealed class PairInterpreter
{
    public const int MaxSteps = 5_000;

    public static readonly PairSettings Settings = PairSettings.Default with { MaxSettlementPolls = 8 };

    private readonly Scenario _scenario;
    private readonly Queue<PairEffect> _pending = new();
    private int _placement, _lookup, _settlement, _interrupt;

    public ModelVenue Venue { get; }
    public List<PairEvent> Journal { get; } = [];
    /// <summary>Every effect issued, with how many events were in the journal when it was issued.</summary>
    public List<(PairEffect Effect, int JournalLength)> Issued { get; } = [];
    public List<PairOutcome> Reported { get; } = [];
    public PairState State { get; private set; } = PairState.Initial(Soft, PairId);
    public DateTimeOffset Now { get; private set; } = T0;
    public int Steps { get; private set; }
    public int Recoveries { get; private set; }
    public Exception? Failure { get; private set; }
    /// <summary>A rebuilt state that differed from the live one: the journal did not hold what the pair decided.</summary>
    public string? RecoveryMismatch { get; private set; }

    private PairInterpreter(Scenario scenario)
    {
        _scenario = scenario;
        Venue = new ModelVenue(scenario.VisibleAfter);
    }

    public static PairInterpreter Run(Scenario scenario)
    {
        var run = new PairInterpreter(scenario);
        try
        {
            run.Drive();
        }
        catch (Exception e)
        {
            run.Failure = e;
        }
        return run;
    }

    public bool Terminated => Failure is null && State.Status.IsTerminal() && _pending.Count == 0;

    public IEnumerable<PlaceLeg> Placements(LegKind leg) => Issued.Select(i => i.Effect).OfType<PlaceLeg>().Where(p => p.Leg == leg);

    private void Drive()
    {
        Now = T0 + _scenario.StartDelay;
        Decide(new StartPair(ASignal(), T0));
        while (_pending.Count > 0 && Steps < MaxSteps)
        {
            Steps++;
            switch (Next(_scenario.Interrupts, ref _interrupt, Interrupt.None))
            {
                case Interrupt.CrashBeforeSending:
                    Crash(requestsLeft: false);
                    continue;
                case Interrupt.CrashAfterSending:
                    Crash(requestsLeft: true);
                    continue;
                case Interrupt.StaleWake:
                    Decide(WakeUp.Instance);
                    break;
            }
            Carry(_pending.Dequeue());
        }
    }

    private void Carry(PairEffect effect)
    {
        switch (effect)
        {
            case PlaceLeg place:
                Decide(new PlacementAnswered(place.Leg, Send(place)));
                break;
            case LookUpLeg lookup:
                Decide(new LookupAnswered(lookup.Leg, Venue.Look(lookup.ClientReference, Next(_scenario.Lookups, ref _lookup, VenueLookup.Answer), Now)));
                break;
            case PollSettlement poll:
                Decide(new SettlementAnswered(
                    poll.Positive is { } p ? Venue.Settle(p.BetId, Next(_scenario.Settlements, ref _settlement, VenueSettlement.Won)) : null,
                    poll.Hedge is { } h ? Venue.Settle(h.BetId, Next(_scenario.Settlements, ref _settlement, VenueSettlement.Lost)) : null));
                break;
            case WakeAt wake:
                if (wake.At > Now) Now = wake.At;
                Decide(WakeUp.Instance);
                break;
            case ReportFinished finished:
                Reported.Add(finished.Outcome);
                break;
            case ReportHedged:
                break;
        }
    }

    private PlacementResult Send(PlaceLeg place) =>
        Venue.Place(place.Leg, place.Order, Next(_scenario.Placements, ref _placement, VenuePlacement.Accept), Now);

    private void Crash(bool requestsLeft)
    {
        if (requestsLeft)
            foreach (var place in _pending.OfType<PlaceLeg>())
                Send(place); // the answer dies with the node
        _pending.Clear();
        Recoveries++;

        var rebuilt = Journal.Aggregate(PairState.Initial(Soft, PairId), (state, e) => state.Apply(e));
        if (rebuilt != State) RecoveryMismatch ??= $"live {State}\nrebuilt {rebuilt}";
        State = rebuilt;
        if (State.Status == PairStatus.NotStarted)
            Decide(new StartPair(ASignal(), T0)); // the owner starts a pair that recorded nothing
        else
            Decide(ResumeAfterRecovery.Instance);
    }

    private void Decide(PairCommand command)
    {
        var decision = State.Decide(command, Now, Settings);
        foreach (var e in decision.Events)
        {
            State = State.Apply(e);
            Journal.Add(e);
        }
        foreach (var effect in decision.Effects)
        {
            Issued.Add((effect, Journal.Count));
            _pending.Enqueue(effect);
        }
    }

    private static T Next<T>(T[] script, ref int index, T whenSpent) => index < script.Length ? script[index++] : whenSpent;
}
