using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetExecutor.Actors.Serialization;
using FsCheck;
using FsCheck.Fluent;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>The signal-id window (AccountState.SeenWindow.cs): a duplicate within it, a new signal after it, never an open id forgotten.</summary>
public class SignalIdWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private static readonly AccountSettings Settings = AccountSettings.Default with { SignalIdWindow = Window };

    /// <summary>A signal on an event far enough ahead that no other control refuses it days later.</summary>
    private static Signal Later(string id) => ASignal(id: id, startsAt: T0.AddDays(60));

    private static AccountState Apply(AccountState state, params AccountEvent[] events) =>
        events.Aggregate(state, (s, e) => s.Apply(e, Window));

    private static (SignalDecision Decision, AccountState State) Receive(AccountState state, Signal signal, DateTimeOffset at)
    {
        var decision = state.DecideSignal(signal, at, Settings, haltedGlobally: false);
        return decision switch
        {
            SignalDecision.Accept a => (decision, state.Apply(a.Event, Window)),
            SignalDecision.Deny { Persist: true } d => (decision, state.Apply(d.Event, Window)),
            _ => (decision, state),
        };
    }

    private static AccountState SettledPair(string id, DateTimeOffset at)
    {
        var (_, state) = Receive(Account.Given(), Later(id), at);
        return Apply(state, Account.Hedged(id, at.AddSeconds(1)), Account.Finished(id, at.AddSeconds(2)));
    }

    [Fact]
    public void A_repeat_up_to_the_window_after_the_first_decision_is_a_duplicate()
    {
        var state = SettledPair("s-1", T0);

        var duplicate = Assert.IsType<SignalDecision.Duplicate>(state.DecideSignal(Later("s-1"), T0 + Window, Settings, haltedGlobally: false));

        Assert.Equal(T0, duplicate.First.At);
        Assert.Equal(Account.SettledOutcome, duplicate.First.PairEnded);
    }

    [Fact]
    public void A_repeat_after_the_window_is_a_new_signal_even_before_another_decision_forgot_the_id()
    {
        var state = SettledPair("s-1", T0);
        Assert.True(state.Seen.ContainsKey("s-1"));

        var (decision, after) = Receive(state, Later("s-1"), T0 + Window + TimeSpan.FromSeconds(1));

        var accepted = Assert.IsType<SignalDecision.Accept>(decision).Event;
        Assert.Equal(T0 + Window + TimeSpan.FromSeconds(1), after.Seen["s-1"].At);
        Assert.Null(after.Seen["s-1"].PairEnded);
        Assert.Equal("s-1", accepted.Signal.PairId);
    }

    [Fact]
    public void A_denied_id_is_forgotten_by_the_first_decision_after_its_window()
    {
        var (first, state) = Receive(Apply(Account.Given(), Account.Halted(T0)), Later("s-1"), T0.AddSeconds(1));
        Assert.Equal(DenialReason.Halted, first.DeniedFor());

        var (_, later) = Receive(state, Later("s-2"), T0.AddSeconds(1) + Window);
        Assert.True(later.Seen.ContainsKey("s-1")); // exactly the window: still remembered
        var (_, after) = Receive(later, Later("s-3"), T0.AddSeconds(2) + Window);

        Assert.False(after.Seen.ContainsKey("s-1"));
        Assert.Equal(["s-2", "s-3"], after.Seen.Keys.Order());
    }

    [Fact]
    public void An_id_whose_pair_is_in_flight_is_never_forgotten_and_its_repeat_stays_a_duplicate_whatever_its_age()
    {
        var (_, state) = Receive(Account.Given(), Later("s-1"), T0);
        state = Apply(state, Account.Hedged("s-1", T0.AddSeconds(1))); // settling: no longer blocks the identity
        var (_, later) = Receive(state, Later("s-2"), T0.AddDays(40));
        later = Apply(later, Account.Hedged("s-2", T0.AddDays(40)), Account.Finished("s-2", T0.AddDays(40)));
        (_, later) = Receive(later, Later("s-3"), T0.AddDays(50).AddMinutes(2));

        Assert.True(later.Seen.ContainsKey("s-1"));
        var duplicate = Assert.IsType<SignalDecision.Duplicate>(later.DecideSignal(Later("s-1"), T0.AddDays(55), Settings, haltedGlobally: false));
        Assert.Equal(T0, duplicate.First.At);
    }

    [Fact]
    public void An_id_whose_exposure_is_unresolved_is_never_forgotten_and_its_resolution_lets_it_go()
    {
        var (_, state) = Receive(Account.Given(), Later("s-1"), T0);
        state = Apply(state, Account.Finished("s-1", T0.AddSeconds(5), Account.ExposureOutcome()), Account.ExposureOpened("s-1", T0.AddSeconds(5), TimeSpan.FromHours(1)));
        // The exposure expired long ago (it no longer blocks) but nobody resolved it: the id stays.
        var (_, later) = Receive(state, Later("s-2"), T0.AddDays(10));
        Assert.True(later.Seen.ContainsKey("s-1"));
        Assert.IsType<SignalDecision.Duplicate>(later.DecideSignal(Later("s-1"), T0.AddDays(10), Settings, haltedGlobally: false));

        later = Apply(later, new ExposureResolved("s-1", "hedged by hand", "ops") { Meta = new EventMeta(T0.AddDays(10), Soft.Key, "s-1") });
        later = Apply(later, Account.Finished("s-2", T0.AddDays(10)));
        var (_, after) = Receive(later, Later("s-3"), T0.AddDays(10).AddMinutes(5));

        Assert.False(after.Seen.ContainsKey("s-1"));
        Assert.Equal(T0.AddSeconds(5), after.Exposures["s-1"].RaisedAt); // the exposure's history stays
    }

    [Fact]
    public void An_accepted_id_without_a_recorded_end_outside_flight_is_kept()
    {
        // Only a storage loss leaves this: the pair's legs are being looked up; its id must not run again.
        var (_, state) = Receive(Account.Given(), Later("s-1"), T0);
        state = state with { InFlight = state.InFlight.Remove("s-1") };

        var (_, after) = Receive(state, Later("s-2"), T0.AddDays(30));

        Assert.True(after.Seen.ContainsKey("s-1"));
    }

    [Fact]
    public void Without_a_window_every_id_is_remembered()
    {
        var state = SettledPair("s-1", T0);
        var settings = Settings with { SignalIdWindow = null };

        Assert.IsType<SignalDecision.Duplicate>(state.DecideSignal(Later("s-1"), T0.AddDays(365), settings, haltedGlobally: false));
        Assert.True(state.Apply(new SignalDenied("s-2", DenialReason.Halted, "x") { Meta = new EventMeta(T0.AddDays(365), Soft.Key, null) }, null).Seen.ContainsKey("s-1"));
    }

    [Fact]
    public void A_reused_id_ends_its_new_pair_with_nothing_placed_and_a_repeat_hears_so()
    {
        var state = SettledPair("s-1", T0);
        var (_, again) = Receive(state, Later("s-1"), T0.AddDays(2));

        var events = again.OnPairIdReused("s-1", Account.SettledOutcome, T0.AddDays(2));
        var after = Apply(again, [.. events]);

        var finished = Assert.IsType<PairFinished>(Assert.Single(events));
        var nothing = Assert.IsType<PairOutcome.NothingStands>(finished.Outcome);
        Assert.Equal("signal-id-reused", nothing.Reason.Code());
        Assert.Empty(after.InFlight);
        Assert.Equal(PairStanding.NothingStands, after.StandingOf("s-1")!.Pair);
        var duplicate = Assert.IsType<SignalDecision.Duplicate>(after.DecideSignal(Later("s-1"), T0.AddDays(2).AddMinutes(1), Settings, haltedGlobally: false));
        Assert.Equal(finished.Outcome, duplicate.First.PairEnded);
        Assert.Empty(after.OnPairIdReused("s-1", Account.SettledOutcome, T0.AddDays(2))); // a repeat report changes nothing
    }

    [Fact]
    public void An_ended_pair_started_for_a_new_acceptance_reports_the_reuse_and_records_and_places_nothing()
    {
        var ended = PairState.Initial(Soft, "s-1") with { Phase = new PairPhase.Settled((PairOutcome.Settled)Account.SettledOutcome) };

        var reused = ended.Decide(new StartPair(Later("s-1"), T0, NewAcceptance: true), T0, PairSettings.Default);
        var resumed = ended.Decide(new StartPair(Later("s-1"), T0), T0, PairSettings.Default);
        var fresh = PairState.Initial(Soft, "s-1").Decide(new StartPair(Later("s-1"), T0, NewAcceptance: true), T0, PairSettings.Default);

        Assert.Empty(reused.Events);
        Assert.Equal(Account.SettledOutcome, Assert.IsType<ReportIdReused>(Assert.Single(reused.Effects)).Earlier);
        Assert.True(resumed.IsIgnored); // the owner's restart of a pair it knew: its recovery reports the end
        Assert.Contains(fresh.Effects, e => e is PlaceLeg); // a pair id never used starts as always
    }

    private enum Step { Accept, Deny, Hedge, Finish, Expose, Resolve }

    private static readonly Gen<(Step Step, int Minutes)[]> Scripts =
        Gen.ArrayOf(
            from step in Gen.Elements(Step.Accept, Step.Accept, Step.Deny, Step.Hedge, Step.Finish, Step.Finish, Step.Expose, Step.Resolve)
            from minutes in Gen.Frequency((3, Gen.Choose(0, 120)), (1, Gen.Choose(600, 3000)))
            select (step, minutes));

    /// <summary>
    /// Replays a random history with and without the window. With it, Seen holds exactly the ids the rule keeps, and
    /// nothing else of the account differs (cooldown, daily stake, pairs in flight, exposures, halt); starting from
    /// the windowed state at any point (a snapshot) and applying the rest gives the state the whole replay gives.
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Forgetting_touches_only_closed_ids_outside_the_window_and_a_snapshot_recovers_the_same_state() =>
        Prop.ForAll(Arb.From(Scripts), script =>
        {
            var history = History(script);
            var windowed = AccountState.Initial(Soft);
            var remembered = AccountState.Initial(Soft);
            var states = new List<AccountState> { windowed };
            DateTimeOffset? lastDecision = null;
            foreach (var e in history)
            {
                windowed = windowed.Apply(e, Window);
                remembered = remembered.Apply(e);
                states.Add(windowed);
                if (e is SignalAccepted or SignalDenied) lastDecision = e.Meta.At;
                if (!Same(windowed with { Seen = remembered.Seen }, remembered)) return false.Label($"more than Seen differs after {e}");
                foreach (var (id, verdict) in remembered.Seen)
                {
                    var open = windowed.InFlight.ContainsKey(id) || (windowed.Exposures.TryGetValue(id, out var x) && x.ResolvedAt is null);
                    var inside = lastDecision is not { } last || verdict.At >= last - Window;
                    var closed = !verdict.Accepted || verdict.PairEnded is not null;
                    var kept = windowed.Seen.ContainsKey(id);
                    if ((open || inside || !closed) && !kept) return false.Label($"{id} forgotten after {e}");
                    // Forgetting happens at decisions: an id closed since the last one waits for the next.
                    if (e is SignalAccepted or SignalDenied && !open && !inside && closed && kept) return false.Label($"{id} kept after {e}");
                }
            }
            // A snapshot at any point (the stored form, read back) plus the events after it: the same state.
            for (var k = 0; k < states.Count; k++)
            {
                var snapshot = ReadBack(new AccountSnapshot(states[k]));
                if (!Same(history.Skip(k).Aggregate(snapshot.State, (s, e) => s.Apply(e, Window)), windowed)) return false.Label($"snapshot at {k}");
            }
            return true.Label("ok");
        });

    private static AccountSnapshot ReadBack(AccountSnapshot snapshot) =>
        JsonSerializer.Deserialize<AccountSnapshot>(JsonSerializer.Serialize(snapshot, BetExecutorJsonSerializer.Options), BetExecutorJsonSerializer.Options)!;

    /// <summary>Structural equality (records compare their immutable dictionaries by reference): the stored form, order aside.</summary>
    private static bool Same(AccountState a, AccountState b) =>
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(a, BetExecutorJsonSerializer.Options), JsonSerializer.SerializeToNode(b, BetExecutorJsonSerializer.Options));

    /// <summary>Turns a script into a history the account could have written (each step applies only where it can).</summary>
    private static List<AccountEvent> History((Step Step, int Minutes)[] script)
    {
        var events = new List<AccountEvent>();
        var state = AccountState.Initial(Soft);
        var at = T0;
        var serial = 0;
        foreach (var (step, minutes) in script)
        {
            at = at.AddMinutes(minutes);
            var meta = new EventMeta(at, Soft.Key, null);
            var inFlight = state.InFlight.Keys.Order().FirstOrDefault();
            var unresolved = state.Exposures.Values.Where(x => x.ResolvedAt is null).Select(x => x.PairId).Order().FirstOrDefault();
            AccountEvent[] next = step switch
            {
                Step.Accept => [new SignalAccepted(Later($"s-{++serial}"), at.AddMinutes(1)) { Meta = meta with { PairId = $"s-{serial}" } }],
                Step.Deny => [new SignalDenied($"s-{++serial}", DenialReason.Cooldown, "cooldown") { Meta = meta }],
                Step.Hedge when inFlight is not null && !state.InFlight[inFlight].Hedged => [Account.Hedged(inFlight, at)],
                Step.Finish when inFlight is not null => [Account.Finished(inFlight, at)],
                Step.Expose when inFlight is not null => [Account.Finished(inFlight, at, Account.ExposureOutcome()), Account.ExposureOpened(inFlight, at)],
                Step.Resolve when unresolved is not null => [new ExposureResolved(unresolved, "hedged by hand", "ops") { Meta = meta with { PairId = unresolved } }],
                _ => [],
            };
            foreach (var e in next)
            {
                state = state.Apply(e);
                events.Add(e);
            }
        }
        return events;
    }
}
