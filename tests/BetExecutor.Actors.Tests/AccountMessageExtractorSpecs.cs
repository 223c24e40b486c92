using Akka.Cluster.Sharding;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Actors.Tests;

/// <summary>Issue 8, item 6: a signal without identity crashed the shard region's extractor. It never throws now.</summary>
public sealed class AccountMessageExtractorSpecs
{
    private static readonly AccountMessageExtractor Extractor = new(100);
    private static readonly Identity Alice = Identity.Create("bookie", "brand1", "alice");

    private static Signal ASignal(Identity identity) =>
        new("s-1", identity, new SportEvent("e-1", DateTimeOffset.UnixEpoch),
            new PositiveLegSpec("match-odds", "home", 2.1m, 50m, "EUR"),
            new HedgeLegSpec(Identity.Create("exchange", "main", "hedger"), "match-odds", "not-home", 2.05m, 1.95m));

    public static TheoryData<object> Unroutable => new()
    {
        new ExecuteSignal(ASignal(Alice) with { Identity = null! }),
        new GetAccountStatus(null!),
        "not a command",
        42,
    };

    [Theory]
    [MemberData(nameof(Unroutable))]
    public void A_message_without_an_identity_gets_no_entity_and_no_shard_instead_of_an_exception(object message)
    {
        IMessageExtractor extractor = Extractor;

        Assert.Null(extractor.EntityId(message));
#pragma warning disable CS0618 // the region still calls the message overload; it must not throw either
        Assert.Null(extractor.ShardId(message));
#pragma warning restore CS0618
        Assert.Null(extractor.ShardId(null!, message));
    }

    [Fact]
    public void A_command_is_routed_to_its_identity_and_one_stable_shard()
    {
        IMessageExtractor extractor = Extractor;
        var message = new ExecuteSignal(ASignal(Alice));

        Assert.Equal(Alice.Key, extractor.EntityId(message));
        var shard = extractor.ShardId(Alice.Key, message);
        Assert.Equal(shard, extractor.ShardId(Alice.Key, new GetAccountStatus(Alice)));
        Assert.InRange(int.Parse(shard, System.Globalization.CultureInfo.InvariantCulture), 0, 99);
    }
}
