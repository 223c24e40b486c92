using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Domain.Accounts;

/// <summary>Where a signal's pair stands, as an ingress reports it. A closed set with stable codes (<see cref="PairStandingCodes"/>).</summary>
public enum PairStanding
{
    /// <summary>The signal was refused by our controls: no pair ever ran.</summary>
    Rejected,
    /// <summary>The pair runs: executing (until its hedge is confirmed) or polling for settlement.</summary>
    InFlight,
    /// <summary>Both legs settled as expected.</summary>
    Settled,
    /// <summary>The pair left money exposed (open, expired or resolved: the exposure stays in the history).</summary>
    Exposure,
    /// <summary>The pair ended with nothing placed or standing at any venue.</summary>
    NothingStands,
}

public static class PairStandingCodes
{
    public static string Code(this PairStanding standing) => standing switch
    {
        PairStanding.Rejected => "rejected",
        PairStanding.InFlight => "in-flight",
        PairStanding.Settled => "settled",
        PairStanding.Exposure => "exposure",
        PairStanding.NothingStands => "nothing-stands",
        _ => throw new ArgumentOutOfRangeException(nameof(standing), standing, null),
    };
}

/// <summary>
/// One signal id's first decision and where its pair stands now. <paramref name="Hedged"/>: an in-flight pair's hedge
/// is confirmed (it settles; it no longer blocks its identity). <paramref name="ExposureReason"/> is set for an
/// exposure, <paramref name="NothingStandsReason"/> for a pair that left nothing standing.
/// </summary>
public sealed record SignalStanding(
    SignalVerdict Verdict,
    PairStanding Pair,
    bool Hedged = false,
    ExposureReason? ExposureReason = null,
    NothingStandsReason? NothingStandsReason = null);

public sealed partial record AccountState
{
    /// <summary>The standing of signal id <paramref name="signalId"/>; null when this identity never saw it.</summary>
    public SignalStanding? StandingOf(string signalId)
    {
        if (!Seen.TryGetValue(signalId, out var verdict)) return null;
        if (!verdict.Accepted) return new SignalStanding(verdict, PairStanding.Rejected);
        // A pair's id is its signal's id. An exposure recorded without a finished pair (a storage loss) still counts.
        if (Exposures.TryGetValue(signalId, out var exposure))
            return new SignalStanding(verdict, PairStanding.Exposure, ExposureReason: exposure.Reason);
        if (InFlight.TryGetValue(signalId, out var pair))
            return new SignalStanding(verdict, PairStanding.InFlight, Hedged: pair.Hedged);
        return verdict.PairEnded switch
        {
            PairOutcome.Settled => new SignalStanding(verdict, PairStanding.Settled),
            PairOutcome.Exposed exposed => new SignalStanding(verdict, PairStanding.Exposure, ExposureReason: exposed.Reason),
            PairOutcome.NothingStands nothing => new SignalStanding(verdict, PairStanding.NothingStands, NothingStandsReason: nothing.Reason),
            // Accepted, not in flight, no outcome recorded: only an account that lost its storage holds this; the
            // pair's legs are being looked up and it is reported as still running.
            _ => new SignalStanding(verdict, PairStanding.InFlight),
        };
    }
}
