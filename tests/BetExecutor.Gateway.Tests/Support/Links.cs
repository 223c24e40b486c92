using Akka.Actor;
using BetExecutor.Actors.Accounts;

namespace BetExecutor.Gateway.Tests.Support;

/// <summary>What can stand between the gateway and the accounts: a network that loses messages or answers.</summary>
public static class Links
{
    /// <summary>Takes every message and answers none: an executor that never replies.</summary>
    public static IActorRef Silent(ActorSystem system) => system.ActorOf(Props.Create(() => new SilentActor()));

    /// <summary>
    /// Delivers every message to <paramref name="accounts"/>, but the answers to the first <paramref name="answersLost"/>
    /// signals are lost on the way back (the account did decide). Later requests are forwarded as they are.
    /// </summary>
    public static IActorRef LosingAnswers(ActorSystem system, IActorRef accounts, int answersLost) =>
        system.ActorOf(Props.Create(() => new LosingAnswersActor(accounts, answersLost)));

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }

    private sealed class LosingAnswersActor : ReceiveActor
    {
        public LosingAnswersActor(IActorRef accounts, int answersLost)
        {
            Receive<ExecuteSignal>(command =>
            {
                if (answersLost-- > 0)
                    // Sent with a sink as the sender: the account's answer to this request reaches no one.
                    accounts.Tell(command, Context.ActorOf(Props.Create(() => new SilentActor())));
                else
                    accounts.Forward(command);
            });
            ReceiveAny(accounts.Forward);
        }
    }
}
