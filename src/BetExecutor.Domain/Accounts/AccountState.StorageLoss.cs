using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Domain.Accounts;

/// <summary>
/// What an identity does when its storage is lost (the journal refuses its writes): it halts at once, and every pair
/// it has in flight becomes a storage-lost exposure carrying what the venue says of each leg. These events cannot be
/// stored; the account applies them in memory and keeps them until an operator adopts the storage.
/// </summary>
public sealed partial record AccountState
{
    public const string StorageGuard = "storage-guard";

    public IdentityHalted HaltForStorageLoss(string cause, DateTimeOffset now) =>
        new($"storage lost: {cause}", StorageGuard) { Meta = MetaAt(now, null) };

    /// <summary>The exposure of one pair in flight when the storage was lost, after its legs were looked up.</summary>
    public ExposureOpened StorageLostExposure(string pairId, LegSnapshot positive, LegSnapshot hedge, string legsFound,
        DateTimeOffset now, AccountSettings settings, bool dryRun) =>
        new(new ExposureRecord(
            pairId,
            Identity.Key,
            ExposureReason.StorageLost,
            $"the storage lost this pair's history while it was in flight; at the venue: {legsFound}",
            positive,
            hedge,
            RaisedAt: now,
            ExpiresAt: now + settings.ExposureExpiry,
            DryRun: dryRun))
        { Meta = MetaAt(now, pairId) };
}
