namespace BetExecutor.Scenarios.Parsing;

/// <summary>Whether a field must be in the file.</summary>
internal enum Need
{
    Required,
    Optional,
}
