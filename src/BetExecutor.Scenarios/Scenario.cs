namespace BetExecutor.Scenarios;

/// <summary>
/// A scripted run of the executor on a virtual clock: what happens (<see cref="Steps"/>, in file order) and when,
/// as offsets from <see cref="Start"/>.
/// </summary>
/// <param name="Seed">Seeds every random choice of the run, so the same file replays the same way.</param>
/// <param name="Start">The virtual clock's first instant; each step's <c>At</c> is an offset from it.</param>
/// <param name="Steps">Never empty; <c>At</c> never decreases from one step to the next.</param>
public sealed record Scenario(int Seed, DateTimeOffset Start, ScenarioSettings Settings, IReadOnlyList<ScenarioStep> Steps);
