namespace BetExecutor.Cli.Tests.Support;

/// <summary>A small valid scenario (one signal) that the bad-input tests break in one place each.</summary>
public static class SampleScenario
{
    public const string Json = """
        {"start": "2030-06-01T12:00:00Z",
         "steps": [
          {"at": "0s", "signal": {
            "signalId": "s-1",
            "identity": {"provider": "bookie", "whitelabel": "brand1", "account": "alice"},
            "event": {"id": "match-42", "startsAt": "2030-06-01T18:00:00Z"},
            "positive": {"market": "match-odds", "selection": "home", "odds": 2.10, "stake": 50.00, "currency": "EUR"},
            "hedge": {"identity": {"provider": "exchange", "whitelabel": "main", "account": "hedger"},
                      "market": "match-odds", "selection": "not-home", "odds": 2.05, "minOdds": 1.95}}}
         ]}
        """;

    /// <summary>The sample with <paramref name="find"/> (which must occur exactly once) replaced.</summary>
    public static string With(string find, string replace)
    {
        var at = Json.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || Json.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"'{find}' must occur exactly once in the sample scenario", nameof(find));
        return Json[..at] + replace + Json[(at + find.Length)..];
    }

    /// <summary>The sample with one more step after the signal.</summary>
    public static string WithStep(string step) => With("\n ]}", ",\n  " + step + "\n ]}");
}
