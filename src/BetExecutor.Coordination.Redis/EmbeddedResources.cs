namespace BetExecutor.Coordination.Redis;

/// <summary>Reads the HOCON defaults and Lua scripts compiled into this assembly.</summary>
internal static class EmbeddedResources
{
    private const string Prefix = "BetExecutor.Coordination.Redis.";

    public static string Read(string name)
    {
        var fullName = Prefix + name;
        using var stream = typeof(EmbeddedResources).Assembly.GetManifestResourceStream(fullName)
            ?? throw new InvalidOperationException($"Embedded resource '{fullName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Script(string name) => Read($"Scripts.{name}.lua");
}
