using BetExecutor.Actors.Time;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Paper;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Actors;

/// <summary>What every executor actor is built with. One instance per node.</summary>
public sealed record ExecutorServices(
    IExecutorClock Clock,
    IVenueDirectory Venues,
    ExecutorSettings Settings,
    IExecutorObserver Observer)
{
    /// <summary>The paper venue every leg of a dry-run identity's pairs goes to.</summary>
    public IVenueClient Paper { get; init; } = new PaperVenueClient();

    /// <summary>
    /// The global kill switch as this node knows it, read by every account before it takes a signal. A node's
    /// hosting replaces this with a view that starts unknown and follows the switch's journal; the default (off for
    /// good) is for rigs that run accounts without a cluster.
    /// </summary>
    public KillSwitch.KillSwitchView KillSwitch { get; init; } = global::BetExecutor.Actors.KillSwitch.KillSwitchView.NotInUse();

    /// <summary>The node's memory of a storage loss: one per node, shared by every account.</summary>
    public Accounts.StorageGuard Storage { get; init; } = new();

    /// <summary>
    /// The client for one leg of a pair owned by <paramref name="owner"/>. A dry-run owner's legs all go to paper,
    /// whatever account they name: this is the one place a live client is chosen, and it never is for dry run.
    /// </summary>
    public IVenueClient VenueFor(Identity owner, Identity legAccount) =>
        Settings.Limits.For(owner).DryRun ? Paper : Venues.For(legAccount);
}
