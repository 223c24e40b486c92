namespace BetExecutor.Cli.Tests.Support;

/// <summary>
/// The scenario files of <c>tests/scenarios</c>, copied next to the test assembly (see the project file), each a
/// <c>NAME.json</c> with its expected results in <c>NAME.expected.jsonl</c>.
/// </summary>
public static class ScenarioFiles
{
    public const string ExpectedSuffix = ".expected.jsonl";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "scenarios");

    /// <summary>Scenario names (file names without <c>.json</c>), sorted.</summary>
    public static IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.json")
                .Select(Path.GetFileNameWithoutExtension)
                .Select(name => name!)
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    public static string ScenarioPath(string name) => Path.Combine(Directory, name + ".json");

    public static string ExpectedPath(string name) => Path.Combine(Directory, name + ExpectedSuffix);

    public static IEnumerable<object[]> TheoryData() => Names().Select(name => new object[] { name });

    /// <summary>Every <paramref name="of"/>-th name starting at <paramref name="part"/>, for spreading runs over collections.</summary>
    public static IEnumerable<object[]> TheoryData(int part, int of) =>
        Names().Where((_, i) => i % of == part).Select(name => new object[] { name });
}
