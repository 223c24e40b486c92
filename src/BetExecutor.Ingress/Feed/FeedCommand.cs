using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Ingress.Feed;

/// <summary>One line of the node's command feed, as <see cref="FeedLine.Parse"/> read it.</summary>
public abstract record FeedCommand
{
    private FeedCommand() { }

    /// <summary><c>{"execute": signal}</c>: execute this pair.</summary>
    public sealed record Execute(Signal Signal) : FeedCommand;

    /// <summary><c>{"status": identity}</c>: tell the state of this identity's account.</summary>
    public sealed record Status(Identity Identity) : FeedCommand;

    /// <summary>A line that is refused; nothing is sent for it.</summary>
    /// <param name="SignalId">The id of the signal the line carried, when one could be read.</param>
    /// <param name="Errors">Never empty; each names the field by its path in the line (<c>execute.positive.stake</c>).</param>
    public sealed record Invalid(string? SignalId, IReadOnlyList<FieldError> Errors) : FeedCommand;
}
