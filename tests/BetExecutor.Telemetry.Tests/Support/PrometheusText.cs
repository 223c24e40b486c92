using System.Globalization;
using System.Text.RegularExpressions;

namespace BetExecutor.Telemetry.Tests.Support;

/// <summary>One sample of the Prometheus text format: its labels and value.</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>Reads the Prometheus text exposition format: series name to its samples. Comments are skipped.</summary>
public static partial class PrometheusText
{
    public static IReadOnlyDictionary<string, List<PrometheusSample>> Parse(string text)
    {
        var series = new Dictionary<string, List<PrometheusSample>>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var match = SampleLine().Match(line);
            if (!match.Success) throw new FormatException($"not a sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
                labels[label.Groups["key"].Value] = label.Groups["value"].Value;
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            var name = match.Groups["name"].Value;
            if (!series.TryGetValue(name, out var samples)) series[name] = samples = [];
            samples.Add(new PrometheusSample(labels, value));
        }
        return series;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
