namespace BetExecutor.Scenarios;

/// <summary>What the parser needs to know about the run the file is for.</summary>
/// <param name="Clock">Gives the start instant when the file has no <c>start</c>; the parser never reads the wall clock itself.</param>
/// <param name="AllowRestart">
/// Whether <c>restart</c> steps are allowed. Only a run whose journal lives in Redis (<c>--redis</c>) remembers
/// anything across a restart; without it a restart step would test nothing, so it is refused.
/// </param>
public sealed record ScenarioParseOptions(TimeProvider Clock, bool AllowRestart = false);
