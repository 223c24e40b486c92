using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>
/// Per-acceptance client references (on while Redis retention forgets closed pairs): every acceptance of a signal id
/// places under its own references, the account and the pair derive the same ones, and an acceptance recorded without
/// them keeps the pair id's references.
/// </summary>
public class PerAcceptanceReferenceTests
{
    private static readonly AccountSettings PerAcceptance = AccountSettings.Default with { ReferencePerAcceptance = true };

    [Fact]
    public void Two_acceptances_of_one_id_get_different_references_and_neither_is_the_pair_ids_own()
    {
        var first = ClientReference.For(Soft, PairId, LegKind.Positive, At(0));
        var again = ClientReference.For(Soft, PairId, LegKind.Positive, At(0).AddDays(8));

        Assert.NotEqual(first, again);
        Assert.NotEqual(ClientReference.For(Soft, PairId, LegKind.Positive), first);
        Assert.Equal(first, ClientReference.For(Soft, PairId, LegKind.Positive, At(0)));
        Assert.True(first.Value.Length <= 32);
    }

    [Fact]
    public void The_same_instant_in_another_offset_is_the_same_acceptance()
    {
        Assert.Equal(ClientReference.For(Soft, PairId, LegKind.Hedge, At(0)), ClientReference.For(Soft, PairId, LegKind.Hedge, At(0).ToOffset(TimeSpan.FromHours(2))));
    }

    [Fact]
    public void A_hedge_reference_is_its_positives_with_the_hedge_suffix_and_only_a_positive_has_one()
    {
        foreach (DateTimeOffset? acceptedAt in new DateTimeOffset?[] { null, At(5) })
            Assert.Equal(ClientReference.For(Soft, PairId, LegKind.Hedge, acceptedAt), ClientReference.HedgeOf(ClientReference.For(Soft, PairId, LegKind.Positive, acceptedAt)));
        Assert.False(ClientReference.For(Soft, PairId, LegKind.Hedge).IsPositive());
        Assert.Throws<ArgumentException>(() => ClientReference.HedgeOf(ClientReference.For(Soft, PairId, LegKind.Hedge)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_acceptance_records_the_setting_and_the_account_derives_the_references_the_pair_places_under(bool perAcceptance)
    {
        var settings = AccountSettings.Default with { ReferencePerAcceptance = perAcceptance };
        var accepted = Assert.IsType<SignalDecision.Accept>(Account.Given().DecideSignal(ASignal(), At(3), settings, IdentityPolicies.Unlimited, haltedGlobally: false)).Event;
        var pair = Account.Given().Then([accepted]).InFlight[PairId];

        var started = PairSpec.Given().When(new StartPair(ASignal(), pair.AcceptedAt, ReferencePerAcceptance: pair.ReferencePerAcceptance), At(3));
        var hedging = started.AndWhen(Venue.Accepted(LegKind.Positive, 100m, 2.10m), At(4));

        Assert.Equal(perAcceptance, accepted.ReferencePerAcceptance);
        Assert.Equal(pair.Reference(Soft, LegKind.Positive), started.Events.OfType<PositiveIntentRecorded>().Single().ClientReference);
        Assert.Equal(pair.Reference(Soft, LegKind.Hedge), hedging.Events.OfType<HedgeIntentRecorded>().Single().ClientReference);
        Assert.Equal(perAcceptance, pair.Reference(Soft, LegKind.Positive) != ClientReference.For(Soft, PairId, LegKind.Positive));
    }

    [Fact]
    public void A_pair_that_failed_repeatedly_names_the_references_of_its_acceptance()
    {
        var accepted = Assert.IsType<SignalDecision.Accept>(Account.Given().DecideSignal(ASignal(), At(3), PerAcceptance, IdentityPolicies.Unlimited, haltedGlobally: false)).Event;
        var state = Account.Given().Then([accepted]);

        var exposure = Assert.IsType<ExposureOpened>(state.OnPairFailedRepeatedly(PairId, 4, "x", At(40), PerAcceptance)[1]).Exposure;

        Assert.Equal(ClientReference.For(Soft, PairId, LegKind.Positive, At(3)).Value, exposure.Positive.ClientReference);
        Assert.Equal(ClientReference.For(Soft, PairId, LegKind.Hedge, At(3)).Value, exposure.Hedge.ClientReference);
    }
}
