using System.Net;
using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Gateway.Tests.Support;
using static BetExecutor.Gateway.Tests.Support.GatewayHarness;

namespace BetExecutor.Gateway.Tests;

/// <summary>When the gateway cannot know the outcome it says so (503, Retry-After), and a retry with the same id is safe.</summary>
public sealed class UnansweredTests
{
    [Fact]
    public async Task No_answer_within_the_answer_timeout_is_503_with_retry_after_saying_the_outcome_is_unknown()
    {
        await using var gateway = await GatewayHarness.StartAsync("answer-timeout = 300ms\nretry-after = 3s", accounts: s => Links.Silent(s.Node.System));

        var answer = await gateway.PostAsync(SignalFor("s-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), answer.RetryAfter);
        Assert.Equal(("s-1", "unknown"), (answer["signalId"], answer["decision"]));
        Assert.Contains("retry with the same signalId", answer["detail"]);
    }

    [Fact]
    public async Task An_unknown_answer_from_the_account_is_503_with_retry_after_in_the_decision_shape()
    {
        await using var gateway = await GatewayHarness.StartAsync(accounts: s => s.Node.System.ActorOf(Props.Create(() => new UnknownAnswering())));

        var answer = await gateway.PostAsync(SignalFor("s-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.NotNull(answer.RetryAfter);
        Assert.Equal(("unknown", "storage-unavailable"), (answer["decision"], answer["reason"]));
        Assert.Equal("bookie", answer.Json!["identity"]!["provider"]!.GetValue<string>());
    }

    /// <summary>An account whose decision's write had no known outcome answers so (AccountActor.OnPersistFailure).</summary>
    private sealed class UnknownAnswering : ReceiveActor
    {
        public UnknownAnswering() => Receive<ExecuteSignal>(c => Sender.Tell(new SignalAnswer(c.Signal.SignalId, SignalAnswerKind.Unknown,
            DenialReason.StorageUnavailable, "the decision's write has no known outcome; ask again with the same signalId", null)));
    }

    [Fact]
    public async Task A_retry_after_a_lost_answer_returns_the_first_decision_and_the_venue_holds_one_positive()
    {
        await using var gateway = await GatewayHarness.StartAsync("answer-timeout = 3s",
            accounts: s => Links.LosingAnswers(s.Node.System, s.Node.Accounts, answersLost: 1));

        var lost = await gateway.PostAsync(SignalFor("s-1"));
        var retried = await gateway.PostAsync(SignalFor("s-1"));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "unknown"), (lost.Status, lost["decision"]));
        Assert.Equal((HttpStatusCode.OK, "duplicate"), (retried.Status, retried["decision"]));
        Assert.Equal("executed", retried.Json!["first"]!["decision"]!.GetValue<string>());
        await gateway.SettledAsync();
        Assert.Equal(1, gateway.PositivesInBook(Alice));
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_one_line_500_with_no_stack_trace_and_is_logged()
    {
        await using var gateway = await GatewayHarness.StartAsync(accounts: s => s.Node.System.ActorOf(Props.Create(() => new AnsweringNonsense())));

        var answer = await gateway.PostAsync(SignalFor("s-1"));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("internal-error", answer.Json!["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("\n", answer.Text);
        Assert.DoesNotContain(" at ", answer.Text);
        Assert.DoesNotContain("Exception", answer.Text);
        Assert.Contains(gateway.Log.Events, e => e.Level == Serilog.Events.LogEventLevel.Error && e.Exception is not null);
    }

    /// <summary>Answers a signal with something that is not a signal answer (a bug the gateway must survive).</summary>
    private sealed class AnsweringNonsense : ReceiveActor
    {
        public AnsweringNonsense() => Receive<ExecuteSignal>(_ => Sender.Tell(42));
    }
}
