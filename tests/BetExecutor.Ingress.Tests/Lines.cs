using System.Text.Json.Nodes;
using BetExecutor.Domain.Validation;
using BetExecutor.Ingress.Feed;

namespace BetExecutor.Ingress.Tests;

/// <summary>A valid feed line to start from, and ways to break it the way issue 8 found the old feed accepting.</summary>
internal static class Lines
{
    /// <summary>The instant every line is judged at; the sample's kick-off is six hours later.</summary>
    public static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public const string SignalBody = """
        {"signalId": "s-1",
         "identity": {"provider": "bookie", "whitelabel": "brand1", "account": "alice"},
         "event": {"id": "match-42", "startsAt": "2030-06-01T18:00:00Z"},
         "positive": {"market": "match-odds", "selection": "home", "odds": 2.10, "stake": 50, "currency": "EUR"},
         "hedge": {"identity": {"provider": "exchange", "whitelabel": "main", "account": "hedger"},
                   "market": "match-odds", "selection": "not-home", "odds": 2.05, "minOdds": 1.95}}
        """;

    public static string Execute(string signalBody = SignalBody) => $$"""{"execute": {{signalBody}}}""".ReplaceLineEndings(" ");

    /// <summary>The sample's execute line with one change to its signal object.</summary>
    public static string ExecuteWith(Action<JsonObject> change)
    {
        var signal = JsonNode.Parse(SignalBody)!.AsObject();
        change(signal);
        return new JsonObject { ["execute"] = signal }.ToJsonString();
    }

    /// <summary>Raw text replacement, for what a JSON object model cannot hold (a key written twice).</summary>
    public static string ExecuteReplacing(string text, string with)
    {
        Assert.Contains(text, SignalBody);
        return Execute(SignalBody.Replace(text, with));
    }

    public static FeedCommand.Invalid Refused(string line)
    {
        var command = FeedLine.Parse(line, Now);
        return Assert.IsType<FeedCommand.Invalid>(command);
    }

    public static FieldError OnlyError(FeedCommand.Invalid invalid) => Assert.Single(invalid.Errors);
}
