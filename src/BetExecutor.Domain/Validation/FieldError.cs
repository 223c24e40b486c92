namespace BetExecutor.Domain.Validation;

/// <summary>One thing wrong with an input, named by the path of the field (e.g. <c>positive.stake</c>).</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";

    /// <summary>The same error seen from an enclosing object: <c>stake</c> under <c>positive</c> becomes <c>positive.stake</c>.</summary>
    public FieldError Under(string parent) =>
        string.IsNullOrEmpty(parent) ? this : this with { Field = string.IsNullOrEmpty(Field) ? parent : $"{parent}.{Field}" };
}

/// <summary>Thrown where a caller skipped validation and handed the domain an impossible value.</summary>
public sealed class DomainValidationException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
