using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Venues.Tests;

public class ScriptParsingTests
{
    public static TheoryData<string, PlaceScript> EveryDocumentedPlaceForm => new()
    {
        { "accept", new PlaceScript(PlaceBehaviour.Accept) },
        { "accept-at:1.95", new PlaceScript(PlaceBehaviour.AcceptAt, Odds: 1.95m) },
        { "accept-at:3", new PlaceScript(PlaceBehaviour.AcceptAt, Odds: 3m) },
        { "accept-more:100", new PlaceScript(PlaceBehaviour.AcceptMore, Factor: 100m) },
        { "accept-more:1.5", new PlaceScript(PlaceBehaviour.AcceptMore, Factor: 1.5m) },
        { "accept-more:1e26", new PlaceScript(PlaceBehaviour.AcceptMore, Factor: 1e26m) },
        { "reject:MARKET_CLOSED", new PlaceScript(PlaceBehaviour.Reject, Code: "MARKET_CLOSED") },
        { "reject:RATE_LIMITED", new PlaceScript(PlaceBehaviour.Reject, Code: "RATE_LIMITED") },
        { "timeout-placed", new PlaceScript(PlaceBehaviour.TimeoutPlaced) },
        { "timeout-not-placed", new PlaceScript(PlaceBehaviour.TimeoutNotPlaced) },
        { "error", new PlaceScript(PlaceBehaviour.Error) },
    };

    [Theory]
    [MemberData(nameof(EveryDocumentedPlaceForm))]
    public void Every_documented_place_form_parses(string text, PlaceScript expected)
    {
        Assert.True(PlaceScript.TryParse(text, out var script, out var error));

        Assert.Equal(expected, script);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "is not one of")]
    [InlineData("", "is not one of")]
    [InlineData("Accept", "is not one of")]
    [InlineData("timeout", "is not one of")]
    [InlineData("accept-at:", "greater than 1")]
    [InlineData("accept-at:1", "greater than 1")]
    [InlineData("accept-at:0.5", "greater than 1")]
    [InlineData("accept-at:-2", "greater than 1")]
    [InlineData("accept-at:2,5", "greater than 1")]
    [InlineData("accept-at:abc", "greater than 1")]
    [InlineData("accept-more:", "above 1")]
    [InlineData("accept-more:1", "above 1")]
    [InlineData("accept-more:0.5", "above 1")]
    [InlineData("accept-more:-3", "above 1")]
    [InlineData("accept-more:1e28", "at most 1E+027")]
    [InlineData("accept-more:x", "above 1")]
    [InlineData("reject:", "letters, digits or _")]
    [InlineData("reject:MARKET CLOSED", "letters, digits or _")]
    [InlineData("reject:MARKET-CLOSED", "letters, digits or _")]
    public void A_bad_place_form_is_refused_with_a_message_that_says_what_is_wrong(string? text, string expectedMessage)
    {
        Assert.False(PlaceScript.TryParse(text, out var script, out var error));

        Assert.Null(script);
        Assert.Contains(expectedMessage, error);
    }

    [Fact]
    public void Parse_names_the_field_when_the_form_is_bad()
    {
        var error = Assert.Throws<DomainValidationException>(() => PlaceScript.Parse("maybe", "legs.positive.place"));

        var fieldError = Assert.Single(error.Errors);
        Assert.Equal("legs.positive.place", fieldError.Field);
        Assert.Contains("'maybe'", fieldError.Message);
    }

    [Theory]
    [InlineData("won", SettlementState.Won)]
    [InlineData("lost", SettlementState.Lost)]
    [InlineData("void", SettlementState.Void)]
    [InlineData("half-won", SettlementState.HalfWon)]
    [InlineData("half-lost", SettlementState.HalfLost)]
    [InlineData("pending", SettlementState.Pending)]
    public void Every_documented_settle_form_parses_and_formats_back(string text, SettlementState expected)
    {
        Assert.True(LegScript.TryParseSettle(text, out var state));

        Assert.Equal(expected, state);
        Assert.Equal(text, LegScript.FormatSettle(state));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Won")]
    [InlineData("half_won")]
    [InlineData("cashed-out")]
    public void A_bad_settle_form_is_refused(string? text)
    {
        Assert.False(LegScript.TryParseSettle(text, out _));
    }
}
