namespace BetExecutor.Cli.Tests.Support;

/// <summary>A scenario written to a temporary file for one test, deleted afterwards.</summary>
public sealed class TempScenario : IDisposable
{
    public TempScenario(string json)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"betexec-cli-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { File.Delete(Path); } catch (IOException) { }
    }
}
