namespace BetExecutor.Domain.Accounts;

/// <summary>
/// The controls of one identity. The domain takes these as a parameter and holds no defaults: a node reads them
/// from reference.conf (<c>bet-executor</c>, BetExecutor.Actors), where each one is documented.
/// </summary>
/// <param name="Cooldown">Time after a positive intent during which the identity takes no new signal.</param>
/// <param name="ExposureExpiry">An exposure stops blocking this long after it was raised (it stays in the history).</param>
/// <param name="ExposureBlocksIdentity">Whether an open exposure blocks new signals for the identity.</param>
/// <param name="MaxSignalAge">A signal received longer ago than this by an ingress never starts a pair.</param>
/// <param name="SignalIdWindow">How long after its first decision a signal id is answered as a duplicate (see
/// AccountState.SeenWindow.cs); null: every id is remembered for ever.</param>
/// <param name="ReferencePerAcceptance">Whether an acceptance records per-acceptance client references (see
/// <see cref="Legs.ClientReference"/>): on whenever closed pairs may be forgotten (Redis retention), so an id accepted
/// again never reaches an old pair's bets. Not a setting of its own: the node derives it from retention.</param>
public sealed record AccountSettings(TimeSpan Cooldown, TimeSpan ExposureExpiry, bool ExposureBlocksIdentity, TimeSpan MaxSignalAge,
    TimeSpan? SignalIdWindow = null, bool ReferencePerAcceptance = false)
{
    /// <summary>Short name of <see cref="MaxSignalAge"/> used by the account's decisions.</summary>
    public TimeSpan SignalAge => MaxSignalAge;
}
