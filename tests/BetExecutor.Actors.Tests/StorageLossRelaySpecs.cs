using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// A storage loss published on the node's event stream (by the account that found it, or by the shard lease) reaches
/// every live account through one relay per node, not one event-stream subscription per account.
/// </summary>
public sealed class StorageLossRelaySpecs : ActorSpecBase
{
    private static readonly Identity Bob = Identity.Create("bookie", "brand1", "bob");

    [Fact]
    public async Task A_storage_loss_published_on_the_node_halts_every_live_account_at_once_without_a_message_of_their_own()
    {
        var alice = StartAccount(Alice);
        var bob = StartAccount(Bob);
        await StatusAsync(alice, Alice);
        await StatusAsync(bob, Bob);

        Services.Storage.MarkLost("the storage epoch is gone", Start);
        Sys.EventStream.Publish(new NodeStorageLost(Services.Storage.Loss!));

        await AwaitAssertAsync(async () =>
        {
            Assert.Equal(AccountState.StorageGuard, (await StatusAsync(alice, Alice)).Halt?.By);
            Assert.Equal(AccountState.StorageGuard, (await StatusAsync(bob, Bob)).Halt?.By);
        });
    }

    [Fact]
    public async Task An_account_that_stops_leaves_the_relay_and_one_that_starts_joins_it()
    {
        var relay = StorageLossRelay.Get(Sys);
        var before = relay.Live;
        var alice = StartAccount(Alice);
        await StatusAsync(alice, Alice);
        Assert.Equal(before + 1, relay.Live);

        await StopAsync(alice);
        Assert.Equal(before, relay.Live);
    }

    private async Task StopAsync(IActorRef account)
    {
        var probe = CreateTestProbe();
        probe.Watch(account);
        Sys.Stop(account);
        await probe.ExpectTerminatedAsync(account, TimeSpan.FromSeconds(10));
    }

    private static Task<AccountStatus> StatusAsync(IActorRef account, Identity identity) =>
        account.Ask<AccountStatus>(new GetAccountStatus(identity), TimeSpan.FromSeconds(10));
}
