using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Actors.Accounts;

/// <summary>A message for one identity's AccountActor; the shard region routes it by <see cref="Identity"/>.</summary>
public interface IAccountCommand : IExecutorMessage
{
    Identity Identity { get; }
}

/// <summary>Execute this pair. Answered with a <see cref="SignalAnswer"/>.</summary>
public sealed record ExecuteSignal(Signal Signal) : IAccountCommand
{
    public Identity Identity => Signal.Identity;
}

/// <summary>Stop taking new signals; pairs in flight still finish. Answered with an <see cref="OperatorAnswer"/>.</summary>
public sealed record HaltIdentity(Identity Identity, string Reason, string By) : IAccountCommand;

public sealed record ResumeIdentity(Identity Identity, string Reason, string By) : IAccountCommand;

/// <summary>An operator closes the exposure of a pair. Answered with an <see cref="OperatorAnswer"/>.</summary>
public sealed record ResolveExposure(Identity Identity, string PairId, string Reason, string By) : IAccountCommand;

/// <summary>Answered with an <see cref="AccountStatus"/>.</summary>
public sealed record GetAccountStatus(Identity Identity) : IAccountCommand;
