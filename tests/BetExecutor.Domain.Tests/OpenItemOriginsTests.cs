using System.Collections.Immutable;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>
/// What an account's snapshot holds in the journal under retention: everything from the first event of its oldest
/// open item (a pair in flight, an exposure not resolved), nothing once all are closed. The sequence numbers are the
/// events' positions in the history, as the actor numbers them.
/// </summary>
public class OpenItemOriginsTests
{
    private static readonly AccountSettings Settings = AccountSettings.Default;

    /// <summary>Applies the history as the actor does (event n is sequence number n) and returns what the snapshot holds from.</summary>
    private static (AccountState State, ImmutableDictionary<string, long> Origins) Replay(IEnumerable<AccountEvent> history)
    {
        var state = AccountState.Initial(Soft);
        var origins = OpenItemOrigins.None;
        var sequenceNr = 0L;
        foreach (var e in history)
        {
            state = state.Apply(e);
            origins = OpenItemOrigins.Track(origins, e, ++sequenceNr, state);
        }
        return (state, origins);
    }

    private static long? HeldFrom(IEnumerable<AccountEvent> history)
    {
        var (state, origins) = Replay(history);
        return ((IRetentionHold)new AccountSnapshot(state, origins)).KeepEventsFrom;
    }

    private static IReadOnlyList<AccountEvent> Exposed(string pairId, double at)
    {
        var state = Account.Given(Account.Accepted(pairId, At(at)));
        return [Account.Accepted(pairId, At(at)), .. state.OnPairFinished(pairId, Account.ExposureOutcome(), At(at + 30), Settings)];
    }

    private static IReadOnlyList<AccountEvent> Resolution(IEnumerable<AccountEvent> history, string pairId, double at) =>
        Assert.IsType<OperatorDecision.Record>(Replay(history).State.DecideResolveExposure(pairId, "settled by hand", "ops@desk", At(at))).Events;

    [Fact]
    public void An_account_with_nothing_open_holds_nothing()
    {
        Assert.Null(HeldFrom([]));
        Assert.Null(HeldFrom([Account.Accepted("p-1", At(0)), Account.Hedged("p-1", At(10)), Account.Finished("p-1", At(20))]));
    }

    [Fact]
    public void A_pair_in_flight_holds_from_its_acceptance()
    {
        var history = new AccountEvent[]
        {
            Account.Accepted("p-1", At(0)), Account.Finished("p-1", At(20)),
            Account.Accepted("p-2", At(100)), Account.Hedged("p-2", At(110)),
        };

        Assert.Equal(3, HeldFrom(history));
    }

    [Fact]
    public void An_open_exposure_holds_from_its_pairs_acceptance_through_later_pairs_until_it_is_resolved()
    {
        List<AccountEvent> history = [.. Exposed("p-1", 0)]; // accepted 1, finished 2, exposure opened 3
        history.AddRange([Account.Accepted("p-2", At(100)), Account.Finished("p-2", At(120))]);

        Assert.Equal(1, HeldFrom(history));
        Assert.Equal(["p-1"], Replay(history).Origins.Keys);

        history.AddRange(Resolution(history, "p-1", 200));
        Assert.Null(HeldFrom(history));
        Assert.Empty(Replay(history).Origins);
    }

    /// <summary>A snapshot may fall between a pair's end and its exposure's opening (two events of one batch).</summary>
    [Fact]
    public void A_pair_that_has_just_ended_exposed_still_holds_before_its_exposure_is_opened()
    {
        var ended = Exposed("p-1", 0).Take(2).ToList(); // accepted 1, finished exposed 2

        Assert.Equal(1, HeldFrom(ended));
    }

    [Fact]
    public void The_oldest_of_several_open_items_decides()
    {
        List<AccountEvent> history = [Account.Accepted("p-0", At(0)), Account.Finished("p-0", At(10))];
        history.AddRange(Exposed("p-1", 100)); // accepted at 3
        history.AddRange(Exposed("p-2", 200)); // accepted at 6
        Assert.Equal(3, HeldFrom(history));

        history.AddRange(Resolution(history, "p-1", 300));
        Assert.Equal(6, HeldFrom(history));
    }

    [Fact]
    public void An_exposure_opened_without_an_accepted_pair_holds_from_its_opening()
    {
        Assert.Equal(2, HeldFrom([Account.Halted(At(0)), Account.ExposureOpened("p-9", At(10))]));
    }

    [Fact]
    public void A_snapshot_stored_before_origins_existed_holds_everything_and_so_do_open_items_recovered_from_it()
    {
        var (state, _) = Replay(Exposed("p-1", 0));

        Assert.Equal(1, ((IRetentionHold)new AccountSnapshot(state)).KeepEventsFrom);
        Assert.Equal(1, ((IRetentionHold)new AccountSnapshot(AccountState.Initial(Soft))).KeepEventsFrom);

        // Recovered from such a snapshot, the account's open items are taken to begin at the first event.
        var origins = OpenItemOrigins.Unknown(state);
        Assert.Equal(1, OpenItemOrigins.KeepEventsFrom(state, origins));
        var later = state.Apply(Account.Accepted("p-2", At(100)));
        origins = OpenItemOrigins.Track(origins, Account.Accepted("p-2", At(100)), 40, later);
        Assert.Equal(1, OpenItemOrigins.KeepEventsFrom(later, origins));
    }
}
