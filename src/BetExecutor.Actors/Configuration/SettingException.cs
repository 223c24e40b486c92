namespace BetExecutor.Actors.Configuration;

/// <summary>
/// A setting the executor cannot run with: unknown, malformed or out of range. The message is one line that names
/// the setting (its full HOCON path) and says what is allowed, fit to show a user as it is.
/// </summary>
public sealed class SettingException(string setting, string problem)
    : Exception($"{setting}: {problem}")
{
    /// <summary>The full path of the setting, e.g. <c>bet-executor.cooldown</c>.</summary>
    public string Setting { get; } = setting;
}
