namespace BetExecutor.Domain.Accounts;

/// <summary>The controls of one identity (DESIGN §4).</summary>
/// <param name="Cooldown">Time after a positive intent during which the identity takes no new signal.</param>
/// <param name="ExposureExpiry">An exposure stops blocking this long after it was raised (it stays in the history).</param>
/// <param name="ExposureBlocksIdentity">Whether an open exposure blocks new signals for the identity.</param>
public sealed record AccountSettings(TimeSpan Cooldown, TimeSpan ExposureExpiry, bool ExposureBlocksIdentity)
{
    public static readonly AccountSettings Default = new(
        Cooldown: TimeSpan.FromSeconds(60),
        ExposureExpiry: TimeSpan.FromHours(24),
        ExposureBlocksIdentity: true);
}
