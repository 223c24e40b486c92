using BetExecutor.Domain.Signals;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Ingress.Signals;

/// <summary>What <see cref="SignalJson.Parse"/> made of a text: a signal, or everything wrong with it.</summary>
public abstract record SignalParseResult
{
    private SignalParseResult() { }

    public sealed record Parsed(Signal Signal) : SignalParseResult;

    /// <param name="SignalId">The signal's id when one could be read (a single, valid <c>signalId</c>), so the answer can carry it.</param>
    /// <param name="Errors">Never empty; in the order the fields appear in the text.</param>
    public sealed record Invalid(string? SignalId, IReadOnlyList<FieldError> Errors) : SignalParseResult
    {
        public IReadOnlyList<FieldError> Errors { get; } = Errors.Count > 0
            ? Errors
            : throw new ArgumentException("An invalid result needs at least one error.", nameof(Errors));
    }
}
