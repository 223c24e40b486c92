using Akka.Actor;
using BetExecutor.Actors.Accounts;

namespace BetExecutor.Gateway.Tests.Support;

/// <summary>What can stand between the gateway and the accounts: a network that loses messages or answers.</summary>
public static class Links
{
    /// <summary>Takes every message and answers none: an executor that never replies.</summary>
    public static IActorRef Silent(ActorSystem system) => system.ActorOf(Props.Create(() => new SilentActor()));

    /// <summary>Passes each message to <paramref name="accounts"/> but loses the first <paramref name="answersLost"/> answers on the way back.</summary>
    public static IActorRef LosingAnswers(ActorSystem system, IActorRef accounts, int answersLost) =>
        system.ActorOf(Props.Create(() => new LosingAnswersActor(accounts, answersLost)));

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }

    private sealed class LosingAnswersActor : ReceiveActor
    {
        private readonly Dictionary<string, IActorRef> _waiting = [];
        private int _toLose;

        public LosingAnswersActor(IActorRef accounts, int answersLost)
        {
            _toLose = answersLost;
            Receive<ExecuteSignal>(command =>
            {
                _waiting[command.Signal.SignalId] = Sender;
                accounts.Tell(command, Self);
            });
            Receive<SignalAnswer>(answer =>
            {
                if (!_waiting.Remove(answer.SignalId, out var caller)) return;
                if (_toLose > 0)
                {
                    _toLose--;
                    return;
                }
                caller.Tell(answer);
            });
            ReceiveAny(other => accounts.Forward(other));
        }
    }
}
