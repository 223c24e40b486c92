using System.Diagnostics;
using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Legs;
using BetExecutor.Venue.Simulator;

namespace BetExecutor.Soak.Tests.Support;

/// <summary>
/// What happens in the world between two instants of the virtual clock, run before time moves
/// (<c>VirtualClock.BeforeTimeMoves</c>): requests the client gave up on reach the venue, hedges are settled
/// opposite to their positives, and the venue's clock moves to the new instant.
/// </summary>
public sealed class SoakVenueWorld(VenueSimulatorServer server, RecordingVenueDirectory calls, SoakPairs pairs, TimeSpan landingWait)
{
    private readonly AttemptSignal _attempts = new(server);
    private int _bookSeen;

    /// <summary>Hedges whose settlement the soak set opposite to their positive's.</summary>
    public int HedgesSettledOpposite { get; private set; }

    /// <summary>Hedges left with the venue's independent draw (mismatched pairs, or a positive that never settles).</summary>
    public int HedgesSettledIndependently { get; private set; }

    /// <summary>Placements the client got no answer for, and that had reached the venue before time moved on.</summary>
    public int UnansweredThatLanded { get; private set; }

    /// <summary>Placements the client got no answer for, and that did not reach the venue within the landing wait.</summary>
    public List<RecordedCall> UnansweredThatNeverLanded { get; } = [];

    public async Task BeforeTimeMovesAsync(DateTimeOffset next)
    {
        await LetUnansweredPlacementsLandAsync();
        SettleNewHedgesOppositeToTheirPositives();
        server.Clock.TrySet(next);
    }

    /// <summary>
    /// A placement the client gave up on may still be inside the venue's latency. Virtual time runs far ahead of real
    /// time: left alone, the whole lookup window could pass before the request lands, which no real venue does. So
    /// time waits (boundedly) until the venue has the attempt. A lost answer (the venue took it, then held the
    /// response) is there already.
    /// </summary>
    private async Task LetUnansweredPlacementsLandAsync()
    {
        foreach (var call in calls.TakeUnanswered())
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                // Take the signal before looking, so an attempt recorded in between is not missed.
                var next = _attempts.Next;
                if (Landed(call))
                {
                    UnansweredThatLanded++;
                    break;
                }
                var left = landingWait - watch.Elapsed;
                if (left <= TimeSpan.Zero || !await ArrivesWithin(next, left))
                {
                    UnansweredThatNeverLanded.Add(call);
                    break;
                }
            }
        }
    }

    private static async Task<bool> ArrivesWithin(Task next, TimeSpan timeout)
    {
        try
        {
            await next.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Completes when the venue records its next placement attempt, whichever it is.</summary>
    private sealed class AttemptSignal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AttemptSignal(VenueSimulatorServer server) =>
            server.Simulator.AttemptRecorded += _ =>
                Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public Task Next => Volatile.Read(ref _next).Task;
    }

    private bool Landed(RecordedCall call) =>
        server.Simulator.Attempts(new ClientReference(call.Key)).Any(a => a.Request.Account == call.Account && a.ReceivedAt >= call.At);

    /// <summary>
    /// A hedge bet taken since the last instant settles opposite to its positive. It is changed before the executor
    /// can poll it: the first poll is at least one poll interval after the hedge was accepted, a later instant.
    /// </summary>
    private void SettleNewHedgesOppositeToTheirPositives()
    {
        var book = server.Simulator.Book();
        for (; _bookSeen < book.Count; _bookSeen++)
        {
            var bet = book[_bookSeen];
            if (!pairs.TryFind(bet.ClientReference, out var pair, out var leg) || leg != LegKind.Hedge) continue;
            if (pair.HedgeFault != LegFault.None) continue; // its script (failing lookups) must stay
            var positive = server.Simulator.Held(pair.PositiveRef).FirstOrDefault(b => b.Account == pair.Owner);
            if (positive is null) continue; // a hedge without a positive: the checks report it
            var opposite = Opposite(positive.Settlement);
            if (pair.Mismatched || opposite is null)
            {
                HedgesSettledIndependently++;
                continue;
            }
            HedgesSettledOpposite++;
            if (opposite != bet.Settlement)
                server.Script(bet.ClientReference, new LegScript(PlaceScript.Accept, opposite.Value, bet.VisibleAfter));
        }
    }

    private static SettlementState? Opposite(SettlementState state) => state switch
    {
        SettlementState.Won => SettlementState.Lost,
        SettlementState.Lost => SettlementState.Won,
        SettlementState.Void => SettlementState.Void,
        SettlementState.HalfWon => SettlementState.HalfLost,
        SettlementState.HalfLost => SettlementState.HalfWon,
        _ => null,
    };
}
