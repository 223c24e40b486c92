using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

public class ClientReferenceTests
{
    [Fact]
    public void The_same_leg_of_the_same_pair_always_gets_the_same_reference()
    {
        Assert.Equal(ClientReference.For(Soft, PairId, LegKind.Hedge), ClientReference.For(Soft, PairId, LegKind.Hedge));
    }

    [Fact]
    public void The_two_legs_of_a_pair_have_different_references()
    {
        Assert.NotEqual(ClientReference.For(Soft, PairId, LegKind.Positive), ClientReference.For(Soft, PairId, LegKind.Hedge));
    }

    [Fact]
    public void The_same_pair_id_under_two_identities_gets_different_references()
    {
        var other = Identity.Create("sportsbook", "brand-a", "bob");

        Assert.NotEqual(ClientReference.For(Soft, PairId, LegKind.Hedge), ClientReference.For(other, PairId, LegKind.Hedge));
        Assert.NotEqual(ClientReference.For(Soft, PairId, LegKind.Positive), ClientReference.For(other, PairId, LegKind.Positive));
    }

    [Fact]
    public void Different_pairs_of_one_identity_get_different_references()
    {
        Assert.NotEqual(ClientReference.For(Soft, "sig-1", LegKind.Positive), ClientReference.For(Soft, "sig-2", LegKind.Positive));
    }

    [Fact]
    public void A_reference_fits_the_shortest_venue_limit_even_for_the_longest_ids()
    {
        var longest = Identity.Create(new string('p', 64), new string('w', 64), new string('a', 64));

        Assert.True(ClientReference.For(longest, new string('s', 128), LegKind.Positive).Value.Length <= 32);
    }
}
