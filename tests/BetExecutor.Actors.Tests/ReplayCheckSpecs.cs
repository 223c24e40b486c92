using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Journaling;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// Issue 8, item 7: an event is validated by applying it (as recovery will read it back) before it is persisted, so
/// no event can poison a recovery.
/// </summary>
public sealed class ReplayCheckSpecs : ActorSpecBase
{
    private static EventMeta Meta => new(Start, Alice.Key);

    [Fact]
    public void An_event_that_reads_back_and_applies_is_accepted()
    {
        var accepted = new SignalAccepted(SignalFor(Alice, "s-1"), Start.AddMinutes(1)) { Meta = Meta };

        Assert.Null(ReplayCheck.Problem(AccountState.Initial(Alice), [accepted], (s, e) => s.Apply(e)));
    }

    [Fact]
    public void An_event_that_throws_when_applied_is_refused_naming_it()
    {
        var resolution = new ExposureResolved("never-exposed", "checked", "ops") { Meta = Meta };

        var problem = ReplayCheck.Problem(AccountState.Initial(Alice), [resolution], (s, e) => s.Apply(e));

        Assert.NotNull(problem);
        Assert.StartsWith("ExposureResolved read back cannot be applied", problem);
    }

    [Fact]
    public void An_event_the_journal_could_not_read_back_is_refused_naming_it()
    {
        // A new event type nobody gave a manifest: the journal could store no name under which to read it back.
        var unnamed = new Unregistered { Meta = Meta };

        var problem = ReplayCheck.Problem<AccountState, AccountEvent>(AccountState.Initial(Alice), [unnamed], (s, e) => s.Apply(e));

        Assert.NotNull(problem);
        Assert.StartsWith("Unregistered cannot be stored and read back", problem);
    }

    private sealed record Unregistered : AccountEvent;

    [Fact]
    public void Events_are_checked_in_order_each_after_the_ones_before_it()
    {
        var signal = SignalFor(Alice, "s-1");
        var accepted = new SignalAccepted(signal, Start.AddMinutes(1)) { Meta = Meta };
        var finished = new PairFinished("s-1", new Domain.Pairs.PairOutcome.NothingStands(Domain.Pairs.NothingStandsReason.PositiveRejectedPermanently, "MARKET_CLOSED")) { Meta = Meta };

        Assert.Null(ReplayCheck.Problem<AccountState, AccountEvent>(AccountState.Initial(Alice), [accepted, finished], (s, e) => s.Apply(e)));
    }
}
