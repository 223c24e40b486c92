using Akka.Actor;
using Akka.Actor.Internal;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Pairs;

namespace BetExecutor.Actors.Time;

/// <summary>
/// Settledness read from a running actor system: every account answers a status request (so none is still storing
/// an event, since a persisting actor answers only afterwards), and every pair an account holds in flight is a live
/// pair actor parked on a clock timer, or its owner waits on a timer to start it again.
/// </summary>
/// <remarks>
/// Nothing on the production path is involved: accounts and pairs are found by walking the actor tree, and a pair is
/// parked exactly when it has a timer pending, because a pair's every decision ends in a wait for one timer, a venue
/// request or its own stop. The clock's <see cref="VirtualClock.Version"/> is read around the questions: a timer set
/// or fired meanwhile means the answers may be stale, and the probe says busy.
/// </remarks>
public sealed class ActorTreeQuiescence(ActorSystem system, TimeSpan askTimeout) : IQuiescenceProbe
{
    private string _lastBusy = "nothing yet";

    public async Task<bool> IsQuietAsync(VirtualClock clock, CancellationToken cancellationToken)
    {
        if (system.WhenTerminated.IsCompleted) return true; // a stopped node does nothing more
        var before = clock.Version;
        var accounts = Find(typeof(AccountActor)).ToArray();
        var statuses = await Task.WhenAll(accounts.Select(a => StatusOrNullAsync(a.Ref, cancellationToken)));
        var parked = clock.ParkedReceivers();
        for (var i = 0; i < accounts.Length; i++)
        {
            var (account, cell) = accounts[i];
            if (statuses[i] is null)
            {
                // Still recovering (e.g. its storage is down): it has started no pair yet, so it does nothing the
                // clock must wait for. One that does not answer while it parents pairs is busy.
                if (!ChildrenOf(cell).Any()) continue;
                _lastBusy = $"account {account.Path.Name} does not answer while it runs pairs";
                return false;
            }
            var ownerWaits = parked.Contains(account);
            // A pair in flight that already has an exposure runs no more: its account stopped it when the storage
            // was lost and holds the exposure from memory (a pair that finishes normally leaves the in-flight set). A
            // resolved exposure under the same id is an earlier pair's (the id was reused): this one still runs.
            var exposed = statuses[i]!.Exposures.Where(x => x.ResolvedAt is null).Select(x => x.PairId).ToHashSet();
            foreach (var pairId in statuses[i]!.PairsInFlight)
            {
                if (exposed.Contains(pairId)) continue;
                var prefix = $"pair-{Uri.EscapeDataString(pairId)}-";
                var waiting = ChildrenOf(cell).Any(c => c.Ref.Path.Name.StartsWith(prefix, StringComparison.Ordinal) && parked.Contains(c.Ref));
                if (waiting || ownerWaits) continue;
                _lastBusy = $"pair {pairId} of {statuses[i]!.Identity} is neither parked on a timer nor waiting for a restart";
                return false;
            }
        }
        if (clock.Version != before)
        {
            _lastBusy = "a timer was set or fired while the probe asked";
            return false;
        }
        return true;
    }

    public string DescribeBusy(VirtualClock clock) => _lastBusy;

    private async Task<AccountStatus?> StatusOrNullAsync(IActorRef account, CancellationToken cancellationToken)
    {
        try
        {
            return await account.Ask<AccountStatus>(new GetAccountStatus(null!), askTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private IEnumerable<(IActorRef Ref, ActorCell Cell)> Find(Type actorType)
    {
        var extended = (ExtendedActorSystem)system;
        var pending = new Stack<ActorCell>();
        pending.Push(((LocalActorRef)extended.Guardian).Cell);
        pending.Push(((LocalActorRef)extended.SystemGuardian).Cell);
        while (pending.Count > 0)
        {
            var cell = pending.Pop();
            foreach (var child in ChildrenOf(cell))
            {
                if (child.Cell.Props.Type == actorType) yield return child;
                pending.Push(child.Cell);
            }
        }
    }

    // Top-level actors are repointable references, deeper ones local: both expose their cell once started.
    private static IEnumerable<(IActorRef Ref, ActorCell Cell)> ChildrenOf(ActorCell cell) =>
        cell.ChildrenContainer.Children
            .OfType<ActorRefWithCell>()
            .Where(VirtualClock.IsAlive)
            .Select(c => (Ref: (IActorRef)c, Cell: c.Underlying as ActorCell))
            .Where(c => c.Cell is not null)
            .Select(c => (c.Ref, c.Cell!));
}
