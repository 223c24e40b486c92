namespace BetExecutor.Domain.Accounts;

/// <summary>The controls of one identity (DESIGN §4).</summary>
/// <param name="Cooldown">Time after a positive intent during which the identity takes no new signal.</param>
/// <param name="ExposureExpiry">An exposure stops blocking this long after it was raised (it stays in the history).</param>
/// <param name="ExposureBlocksIdentity">Whether an open exposure blocks new signals for the identity.</param>
/// <param name="MaxSignalAge">
/// A signal is refused, and its pair places nothing, later than this after the ingress received it, whatever storage
/// or sharding did in between (signals go stale in seconds). Unset: 10 s.
/// </param>
public sealed record AccountSettings(TimeSpan Cooldown, TimeSpan ExposureExpiry, bool ExposureBlocksIdentity, TimeSpan? MaxSignalAge = null)
{
    public TimeSpan SignalAge => MaxSignalAge ?? TimeSpan.FromSeconds(10);

    public static readonly AccountSettings Default = new(
        Cooldown: TimeSpan.FromSeconds(60),
        ExposureExpiry: TimeSpan.FromHours(24),
        ExposureBlocksIdentity: true);
}
