using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Accounts;

/// <summary>What the account decided about a signal.</summary>
public abstract record SignalDecision
{
    private SignalDecision() { }

    /// <summary>All controls passed: persist the event, then start the pair.</summary>
    public sealed record Accept(SignalAccepted Event) : SignalDecision;

    /// <summary>Our controls refused it. <paramref name="Persist"/> is false when the signal is too malformed to record.</summary>
    public sealed record Deny(SignalDenied Event, bool Persist) : SignalDecision;

    /// <summary>The signal id was seen before: answer with the first decision, record and place nothing.</summary>
    public sealed record Duplicate(SignalVerdict First) : SignalDecision;
}

/// <summary>An operator command's result: the events to persist, or why it could not be done.</summary>
public abstract record OperatorDecision
{
    private OperatorDecision() { }

    public sealed record Record(IReadOnlyList<AccountEvent> Events) : OperatorDecision;

    public sealed record Refuse(string Reason) : OperatorDecision;
}
