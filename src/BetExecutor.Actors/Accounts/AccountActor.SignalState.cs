using Akka.Actor;

namespace BetExecutor.Actors.Accounts;

public sealed partial class AccountActor
{
    /// <summary>Answered from memory, like the status: what the journal holds for the signal id and its pair.</summary>
    private void OnGetSignalState(GetSignalState query) =>
        Sender.Tell(new SignalState(_identity, query.SignalId, _state.StandingOf(query.SignalId), Now, DryRun));
}
