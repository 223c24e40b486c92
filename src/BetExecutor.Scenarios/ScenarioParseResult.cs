using BetExecutor.Domain.Validation;

namespace BetExecutor.Scenarios;

/// <summary>What <see cref="ScenarioParser.Parse"/> made of a file: the scenario, or everything wrong with it.</summary>
public abstract record ScenarioParseResult
{
    private ScenarioParseResult() { }

    public sealed record Parsed(Scenario Scenario) : ScenarioParseResult;

    /// <param name="Errors">Never empty; in the order the fields appear in the file.</param>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ScenarioParseResult
    {
        public IReadOnlyList<FieldError> Errors { get; } = Errors.Count > 0
            ? Errors
            : throw new ArgumentException("An invalid result needs at least one error.", nameof(Errors));
    }
}
