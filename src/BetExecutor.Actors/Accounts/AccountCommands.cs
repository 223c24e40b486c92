using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Actors.Accounts;

/// <summary>A message for one identity's AccountActor; the shard region routes it by <see cref="Identity"/>.</summary>
public interface IAccountCommand : IExecutorMessage
{
    Identity Identity { get; }
}

/// <summary>Execute this pair. Answered with a <see cref="SignalAnswer"/>.</summary>
/// <param name="ReceivedAt">
/// When the ingress received the signal, stamped by the ingress from its clock (a value sent by a client is
/// overwritten). Nothing executes later than max-signal-age after it. Null only for in-process callers that hand the
/// signal straight to the account: then it counts as received when the account reads it.
/// </param>
/// <param name="SubmittedBy">
/// Who sent the signal, as the ingress authenticated it (the gateway's API key name, never the key): recorded in the
/// account's decision event so the journal says who sent each signal. Null for ingresses without keys.
/// </param>
public sealed record ExecuteSignal(Signal Signal, DateTimeOffset? ReceivedAt = null, string? SubmittedBy = null) : IAccountCommand
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

/// <summary>What an operator's <c>identity show</c> needs beyond the status. Answered with an <see cref="IdentityDetail"/>.</summary>
public sealed record GetIdentityDetail(Identity Identity) : IAccountCommand;

/// <summary>Where signal <paramref name="SignalId"/> of this identity stands. Answered with a <see cref="SignalState"/>.</summary>
public sealed record GetSignalState(Identity Identity, string SignalId) : IAccountCommand;

/// <summary>
/// A pair tells its account that the journal refused one of its writes (the storage lost its history): nothing of
/// that decision was carried out, and the pair stops. The account halts and looks the pair's legs up.
/// </summary>
public sealed record PairStorageRefused(string PairId, string Cause);
