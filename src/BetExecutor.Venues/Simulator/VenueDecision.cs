using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Simulator;

/// <summary>
/// What the venue does with one placement attempt, whether it came from a script or from a fault draw: one shape
/// so that taking the bet and answering are written once.
/// </summary>
internal sealed record VenueDecision(
    PlaceBehaviour Behaviour,
    decimal Stake,
    decimal Odds,
    TimeSpan VisibleAfter,
    SettlementState Settlement,
    string? Code = null,
    decimal? CurrentOdds = null)
{
    /// <summary>Accepted bets and bets whose answer was lost are held; refusals and errors hold nothing.</summary>
    public bool TakesBet => Behaviour is PlaceBehaviour.Accept or PlaceBehaviour.AcceptAt or PlaceBehaviour.AcceptMore or PlaceBehaviour.TimeoutPlaced;

    public static VenueDecision FromScript(LegScript script, LegOrder request) =>
        new(script.Place.Behaviour,
            script.Place.Behaviour == PlaceBehaviour.AcceptMore ? Inflated(request.Stake, script.Place.Factor!.Value) : request.Stake,
            script.Place.Behaviour == PlaceBehaviour.AcceptAt ? script.Place.Odds!.Value : request.Odds,
            script.VisibleAfter,
            script.Settle,
            script.Place.Code);

    /// <summary>The stake a lying venue claims to have taken; at worst the largest decimal, never an overflow in the simulator itself.</summary>
    private static decimal Inflated(decimal stake, decimal factor)
    {
        try
        {
            return stake * factor;
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
    }

    /// <summary>The answer the client sees for a bet that was not already held.</summary>
    public PlacementResult Answer(HeldBet? taken) => Behaviour switch
    {
        PlaceBehaviour.Accept or PlaceBehaviour.AcceptAt or PlaceBehaviour.AcceptMore => new PlacementResult.Accepted(taken!.AsAccepted()),
        PlaceBehaviour.Reject => new PlacementResult.Rejected(Code!, RejectionCodes.IsPermanent(Code!), CurrentOdds),
        // Both timeouts read the same: a real client cannot tell whether the bet was taken, nor may the executor.
        PlaceBehaviour.TimeoutPlaced or PlaceBehaviour.TimeoutNotPlaced =>
            new PlacementResult.Unknown("timeout: no answer from the venue (simulated)"),
        PlaceBehaviour.Error => new PlacementResult.Unknown("server error 503 (simulated)"),
        _ => throw new InvalidOperationException($"unhandled place behaviour {Behaviour}"),
    };
}
