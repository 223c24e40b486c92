using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;
using BetExecutor.Ingress.Feed;
using BetExecutor.Ingress.Signals;
using static BetExecutor.Ingress.Tests.Lines;

namespace BetExecutor.Ingress.Tests;

public class FeedLineAcceptsTests
{
    private static readonly Signal Expected = new(
        "s-1",
        Identity.Create("bookie", "brand1", "alice"),
        new SportEvent("match-42", new DateTimeOffset(2030, 6, 1, 18, 0, 0, TimeSpan.Zero)),
        new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
        new HedgeLegSpec(Identity.Create("exchange", "main", "hedger"), "match-odds", "not-home", 2.05m, 1.95m));

    [Fact]
    public void An_execute_line_reads_to_its_signal()
    {
        var command = Assert.IsType<FeedCommand.Execute>(FeedLine.Parse(Execute(), Now));

        Assert.Equal(Expected, command.Signal);
    }

    [Fact]
    public void A_status_line_reads_to_its_identity()
    {
        var command = FeedLine.Parse("""{"status": {"provider": "bookie", "whitelabel": "brand1", "account": "alice"}}""", Now);

        Assert.Equal(Identity.Create("bookie", "brand1", "alice"), Assert.IsType<FeedCommand.Status>(command).Identity);
    }

    [Fact]
    public void Optional_fields_are_read_when_given()
    {
        var line = ExecuteWith(s =>
        {
            s["expiresAt"] = "2030-06-01T12:00:05+02:00";
            s["inPlay"] = true;
        });

        var signal = Assert.IsType<FeedCommand.Execute>(FeedLine.Parse(line, Now)).Signal;

        Assert.Equal(new DateTimeOffset(2030, 6, 1, 12, 0, 5, TimeSpan.FromHours(2)), signal.ExpiresAt);
        Assert.True(signal.InPlay);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_written_signal_reads_back_to_the_same_signal(bool withExpiry, bool inPlay)
    {
        var signal = Expected with
        {
            ExpiresAt = withExpiry ? Now.AddSeconds(2.5) : null,
            InPlay = inPlay,
            Event = Expected.Event with { StartsAt = Now.AddHours(1).AddTicks(1234) },
        };

        var parsed = SignalJson.Parse(SignalJson.Write(signal).ToJsonString(), Now);

        Assert.Equal(signal, Assert.IsType<SignalParseResult.Parsed>(parsed).Signal);
    }

    [Fact]
    public void A_gateway_body_is_the_same_signal_object_with_paths_from_its_root()
    {
        var invalid = Assert.IsType<SignalParseResult.Invalid>(SignalJson.Parse(SignalBody.Replace("\"EUR\"", "\"XYZ\""), Now));

        Assert.Equal("positive.currency", Assert.Single(invalid.Errors).Field);
        Assert.Equal("s-1", invalid.SignalId);
    }
}
