using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Serialization;
using Serilog;

namespace BetExecutor.Node.Standalone;

/// <summary>
/// Commands as JSON lines on standard input, answers as JSON lines on standard output, in the wire format of the
/// node's messages: <c>{"execute": ExecuteSignal}</c> → <c>{"answer": SignalAnswer}</c>, <c>{"status": GetAccountStatus}</c>
/// → <c>{"status": AccountStatus}</c>. For test harnesses and scripted operation; the gateway is the network ingress.
/// A line that cannot be read is answered with <c>{"error": "..."}</c> naming what is wrong; nothing is sent for it.
/// </summary>
public sealed class StdinFeed(IActorRef accounts, BetExecutor.Actors.Time.IExecutorClock clock, ILogger logger)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _output = new(1, 1);

    public async Task RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        while (!cancellationToken.IsCancellationRequested && await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) continue;
            pending.Add(HandleAsync(line, output));
            pending.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(pending);
    }

    private async Task HandleAsync(string line, TextWriter output)
    {
        JsonObject reply;
        try
        {
            reply = await AnswerAsync(line);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or AskTimeoutException)
        {
            logger.Warning("Feed line refused: {Error}", ex.Message);
            reply = new JsonObject { ["error"] = ex.Message };
        }
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

    private async Task<JsonObject> AnswerAsync(string line)
    {
        var command = JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("a line must be a JSON object");
        if (command.Count != 1) throw new ArgumentException("a line must hold exactly one of: execute, status");
        var (kind, body) = command.First();
        var options = BetExecutorJsonSerializer.Options;
        switch (kind)
        {
            case "execute":
                var execute = body.Deserialize<ExecuteSignal>(options) ?? throw new JsonException("execute: is empty");
                // Stamped here, at the ingress, whatever the line said: nothing executes later than max-signal-age after it.
                execute = execute with { ReceivedAt = clock.UtcNow };
                SignalAnswer answer;
                try
                {
                    answer = await accounts.Ask<SignalAnswer>(execute, AnswerTimeout);
                }
                catch (AskTimeoutException)
                {
                    answer = new SignalAnswer(execute.Signal.SignalId, SignalAnswerKind.Unknown, null,
                        $"no answer within {AnswerTimeout.TotalSeconds:0} s; the signal may still execute until max-signal-age after its receipt at {execute.ReceivedAt:O}; ask again with the same signalId",
                        null);
                }
                return new JsonObject { ["answer"] = JsonSerializer.SerializeToNode(answer, options) };
            case "status":
                var query = body.Deserialize<GetAccountStatus>(options) ?? throw new JsonException("status: is empty");
                var status = await accounts.Ask<AccountStatus>(query, AnswerTimeout);
                return new JsonObject { ["status"] = JsonSerializer.SerializeToNode(status, options) };
            default:
                throw new ArgumentException($"{kind}: unknown command; expected execute or status");
        }
    }
}
