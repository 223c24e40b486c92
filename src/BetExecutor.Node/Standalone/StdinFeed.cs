using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Serialization;
using BetExecutor.Domain.Validation;
using BetExecutor.Ingress.Feed;
using BetExecutor.Ingress.Json;
using Serilog;

namespace BetExecutor.Node.Standalone;

/// <summary>
/// Commands as JSON lines on standard input, answers as JSON lines on standard output (the format: README,
/// "The stdin feed"). Every line is read by the one strict ingress reader (<see cref="FeedLine"/>), the same that
/// reads the gateway's bodies and scenario files:
/// <list type="bullet">
/// <item><c>{"execute": signal}</c> → <c>{"answer": SignalAnswer}</c></item>
/// <item><c>{"status": {"provider", "whitelabel", "account"}}</c> → <c>{"status": AccountStatus}</c></item>
/// <item>a line refused → <c>{"error": {"signalId": id or null, "errors": [{"field", "message"}]}}</c>; nothing is sent for it.</item>
/// </list>
/// Every line gets exactly one answer line; for test harnesses and scripted operation (the gateway is the network ingress).
/// </summary>
public sealed class StdinFeed(IActorRef accounts, BetExecutor.Actors.Time.IExecutorClock clock, ILogger logger)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _output = new(1, 1);

    /// <summary>After the node is told to stop, answers still under way get this long before the feed gives up on them.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    /// <summary>Until the input ends or <paramref name="cancellationToken"/> fires (the node stops, e.g. on SIGTERM), whichever is first.</summary>
    public async Task RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        var lines = new BoundedLineReader(input, FeedLine.MaxLength);
        while (!cancellationToken.IsCancellationRequested && await NextLineAsync(lines, cancellationToken) is { } line)
        {
            if (line.TooLong)
            {
                pending.Add(WriteAsync(output, Refusal(new FeedCommand.Invalid(null, [FeedLine.TooLong(line.Length)]))));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.Text)) continue;
            pending.Add(HandleAsync(line.Text!, output));
            pending.RemoveAll(t => t.IsCompleted);
        }
        var answered = Task.WhenAll(pending);
        if (cancellationToken.IsCancellationRequested) await Task.WhenAny(answered, Task.Delay(StopGrace, CancellationToken.None));
        else await answered;
    }

    /// <summary>
    /// The next line, or null once the node stops. Standard input is read synchronously whatever the token says (a
    /// console stream ignores it), so the read runs aside and the stop does not wait for a line that may never come.
    /// </summary>
    private static async Task<BoundedLineReader.Line?> NextLineAsync(BoundedLineReader lines, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => lines.ReadAsync(cancellationToken), CancellationToken.None).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task HandleAsync(string line, TextWriter output)
    {
        JsonObject reply;
        var command = FeedLine.Parse(line, clock.UtcNow);
        try
        {
            reply = await AnswerAsync(command);
        }
        catch (AskTimeoutException)
        {
            var signalId = (command as FeedCommand.Execute)?.Signal.SignalId;
            logger.Warning("Feed command for signal {SignalId} got no answer within {Timeout}", signalId, AnswerTimeout);
            reply = Error(signalId, $"no answer within {AnswerTimeout.TotalSeconds:0} s; the outcome is unknown: send the same signal (same signalId) again to learn it");
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the line is answered and no stack trace reaches the caller (it is in the log).
            var signalId = (command as FeedCommand.Execute)?.Signal.SignalId;
            logger.Error(ex, "Feed command for signal {SignalId} failed", signalId);
            reply = Error(signalId, $"the node could not handle the command ({ex.GetType().Name}); the outcome is unknown: send it again to learn it");
        }
        await WriteAsync(output, reply);
    }

    private async Task<JsonObject> AnswerAsync(FeedCommand command)
    {
        var options = BetExecutorJsonSerializer.Options;
        switch (command)
        {
            case FeedCommand.Execute execute:
                // Stamped here, at the ingress: nothing executes later than max-signal-age after this instant.
                var receivedAt = clock.UtcNow;
                SignalAnswer answer;
                try
                {
                    answer = await accounts.Ask<SignalAnswer>(new ExecuteSignal(execute.Signal, receivedAt), AnswerTimeout);
                }
                catch (AskTimeoutException)
                {
                    logger.Warning("Signal {SignalId} got no answer within {Timeout}; its outcome is unknown", execute.Signal.SignalId, AnswerTimeout);
                    answer = new SignalAnswer(execute.Signal.SignalId, SignalAnswerKind.Unknown, null,
                        $"no answer within {AnswerTimeout.TotalSeconds:0} s; the signal may still execute until max-signal-age after its receipt at {receivedAt:O}; ask again with the same signalId",
                        null);
                }
                return new JsonObject { ["answer"] = JsonSerializer.SerializeToNode(answer, options) };
            case FeedCommand.Status status:
                var state = await accounts.Ask<AccountStatus>(new GetAccountStatus(status.Identity), AnswerTimeout);
                return new JsonObject { ["status"] = JsonSerializer.SerializeToNode(state, options) };
            case FeedCommand.Invalid invalid:
                return Refusal(invalid);
            default:
                throw new InvalidOperationException($"no answer for feed command {command.GetType().Name}");
        }
    }

    private JsonObject Refusal(FeedCommand.Invalid invalid)
    {
        logger.Warning("Feed line refused (signal {SignalId}): {Errors}", invalid.SignalId,
            string.Join("; ", invalid.Errors.Take(IngressAnswers.MaxErrorsListed)));
        return new JsonObject { ["error"] = IngressAnswers.Error(invalid.SignalId, invalid.Errors) };
    }

    private static JsonObject Error(string? signalId, string message) =>
        new() { ["error"] = IngressAnswers.Error(signalId, [new FieldError(FieldPath.Document, message)]) };

    private async Task WriteAsync(TextWriter output, JsonObject reply)
    {
        await _output.WaitAsync();
        try
        {
            await output.WriteLineAsync(reply.ToJsonString());
            await output.FlushAsync();
        }
        finally
        {
            _output.Release();
        }
    }
}
