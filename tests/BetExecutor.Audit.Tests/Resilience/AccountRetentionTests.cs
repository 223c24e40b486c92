using BetExecutor.Actors.Accounts;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Simulation;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests.Resilience;

/// <summary>
/// Retention on a real node and a real redis-server (keep-events-for = 0s, so every event a snapshot covers may go):
/// nothing of an account is deleted while an exposure it holds is open, however many snapshots it takes; once the
/// operator resolves it, the next snapshot's retention archives the old events and then deletes them, and the
/// account recovers from what is left with the same state.
/// </summary>
public sealed class AccountRetentionTests
{
    private static readonly Identity Liam = Account("liam");
    private static readonly Identity Mia = Account("mia");

    [Fact]
    public async Task An_open_exposure_keeps_its_accounts_events_through_snapshots_and_its_resolution_lets_them_be_archived_then_deleted()
    {
        await using var rig = await RetentionRig.StartAsync(s => s with { AccountSnapshotEvery = 2 });
        var executor = rig.Executor;

        // Liam: a hedge refused for good leaves an open exposure. Mia, the control: a pair that settles, nothing open.
        await executor.SendAsync(For(Liam, "s-1"), Leg("accept", SettlementState.Won), Leg("reject:MARKET_CLOSED", SettlementState.Pending));
        await executor.SendAsync(For(Mia, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.RunUntilQuietAsync();
        Assert.Single((await executor.StatusAsync(Liam)).Exposures);
        await OperatorEventsAsync(executor, Liam, 3); // six more events: three snapshots or more while the exposure is open
        await OperatorEventsAsync(executor, Mia, 3);

        // Mia's retention ran (her old events are archived and gone); Liam's kept everything.
        var miaArchived = await ArchivedAndDeletedAsync(rig, Mia);
        Assert.Equal(1, miaArchived[0]);
        Assert.Empty(await rig.ArchivedAsync(AccountActor.PersistenceIdFor(Liam)));
        var liamEvents = await rig.StoredAsync(AccountActor.PersistenceIdFor(Liam));
        Assert.True(liamEvents >= 9, $"liam: {liamEvents} events stored"); // accepted, finished, exposure opened, six operator events
        Assert.Equal(liamEvents, await rig.StoredAsync(AccountActor.PersistenceIdFor(Liam), liamEvents)); // numbers 1 to n: none deleted

        await executor.ResolveExposureAsync(Liam, "s-1", "hedged by hand", "ops-anna");
        await OperatorEventsAsync(executor, Liam, 1); // a snapshot after the resolution
        var liamArchived = await ArchivedAndDeletedAsync(rig, Liam);

        Assert.Equal(Enumerable.Range(1, liamArchived.Count).Select(n => (long)n), liamArchived); // from the first, none skipped
        Assert.True(liamArchived.Count >= liamEvents, $"liam: {liamArchived.Count} archived"); // the exposure's events too
        var before = RetentionRig.Json(await executor.StatusAsync(Liam));
        await executor.RestartAsync();
        Assert.Equal(before, RetentionRig.Json(await executor.StatusAsync(Liam)));
    }

    /// <summary>Halts and resumes the identity <paramref name="times"/> times: two events each, every one acknowledged.</summary>
    private static async Task OperatorEventsAsync(ExecutorSimulation executor, Identity identity, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.IsType<OperatorAnswer.Done>(await executor.HaltAsync(identity, $"maintenance {i}", "ops-anna"));
            Assert.IsType<OperatorAnswer.Done>(await executor.ResumeAsync(identity, $"maintenance {i} done", "ops-anna"));
        }
    }

    /// <summary>
    /// Retention runs after a snapshot is saved, apart from the command that caused it: waits (bounded) until some of
    /// the account's events are archived and every archived one is gone from Redis, then returns the sequence numbers
    /// archived (each once, as an audit reads them: two retention runs of back-to-back snapshots may archive one twice).
    /// </summary>
    private static async Task<List<long>> ArchivedAndDeletedAsync(RetentionRig rig, Identity identity)
    {
        var persistenceId = AccountActor.PersistenceIdFor(identity);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var archived = (await rig.ArchivedAsync(persistenceId)).Select(e => e.SequenceNr).ToList();
            if (archived.Count > 0 && await rig.StoredAsync(persistenceId, archived[^1]) == 0) return archived;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{identity}: no archived events deleted from Redis in 20 s");
    }
}
