using System.Text.Json.Nodes;
using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Time;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Validation;
using BetExecutor.Gateway.Configuration;
using BetExecutor.Gateway.Http;
using BetExecutor.Http;
using BetExecutor.Ingress.Feed;
using BetExecutor.Ingress.Json;
using BetExecutor.Ingress.Signals;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace BetExecutor.Gateway.Endpoints;

/// <summary>
/// <c>POST /signals</c> and <c>GET /signals/{provider}/{whitelabel}/{account}/{signalId}</c>, for a request whose key
/// is already checked. Signals reach their account only as an <see cref="ExecuteSignal"/> asked of the account
/// shard region (or its proxy); the account answers once its decision is stored.
/// </summary>
internal sealed class SignalEndpoints(GatewayOptions options, IActorRef accounts, IExecutorClock clock)
{
    public async Task SubmitAsync(HttpContext context, string keyName, ILogger log)
    {
        var body = await BoundedBody.ReadAsync(context.Request, options.MaxBody, context.RequestAborted);
        switch (body)
        {
            case BoundedBody.Result.TooLarge:
                log.Warning("Refused a signal body over {MaxBody} bytes", options.MaxBody);
                if (!await BoundedBody.DrainAsync(context.Request, context.RequestAborted)) context.Response.Headers.Connection = "close";
                await JsonAnswer.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "body-too-large",
                    $"the body is over {options.MaxBody} bytes; a signal is one JSON object well under that");
                return;
            case BoundedBody.Result.NotUtf8:
                await InvalidAsync(context, log, null, [new FieldError(FieldPath.Document, "is not UTF-8 text")]);
                return;
        }

        // Stamped at receipt, from the gateway's clock: the account never starts a pair later than max-signal-age after it.
        var receivedAt = clock.UtcNow;
        switch (SignalJson.Parse(((BoundedBody.Result.Text)body).Value, receivedAt))
        {
            case SignalParseResult.Invalid invalid:
                await InvalidAsync(context, log, invalid.SignalId, invalid.Errors);
                return;
            case SignalParseResult.Parsed { Signal: var signal }:
                await ExecuteAsync(context, log.ForContext("SignalId", signal.SignalId).ForContext("Identity", signal.Identity.Key),
                    new ExecuteSignal(signal, receivedAt, keyName));
                return;
        }
    }

    private async Task ExecuteAsync(HttpContext context, ILogger log, ExecuteSignal command)
    {
        var signal = command.Signal;
        SignalAnswer answer;
        try
        {
            answer = await accounts.Ask<SignalAnswer>(command, options.AnswerTimeout, context.RequestAborted);
        }
        catch (AskTimeoutException)
        {
            log.Warning("Signal {SignalId} for {Identity}: no executor answered within {Timeout}; answered 503 (outcome unknown)",
                signal.SignalId, signal.Identity.Key, options.AnswerTimeout);
            await JsonAnswer.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                DecisionJson.NoAnswer(signal.SignalId, signal.Identity, options.AnswerTimeout), options.RetryAfter);
            return;
        }
        log.Information("Signal {SignalId} for {Identity} answered {Decision} {Reason}",
            signal.SignalId, signal.Identity.Key, answer.Kind.Code(), answer.Reason?.Code());
        var json = DecisionJson.Answer(answer, signal.Identity);
        if (answer.Kind == SignalAnswerKind.Unknown)
            await JsonAnswer.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, json, options.RetryAfter);
        else
            await JsonAnswer.WriteAsync(context, StatusCodes.Status200OK, json);
    }

    private static async Task InvalidAsync(HttpContext context, ILogger log, string? signalId, IReadOnlyList<FieldError> errors)
    {
        log.Information("Refused signal {SignalId}: {Errors}", signalId, string.Join("; ", errors.Take(IngressAnswers.MaxErrorsListed)));
        await JsonAnswer.WriteAsync(context, StatusCodes.Status400BadRequest, new JsonObject { ["error"] = IngressAnswers.Error(signalId, errors) });
    }

    /// <summary><c>GET /signals/{provider}/{whitelabel}/{account}/{signalId}</c>, the four parts as the path gave them.</summary>
    public async Task StateAsync(HttpContext context, string provider, string whitelabel, string account, string signalId, ILogger log)
    {
        var errors = Identity.Validate(provider, whitelabel, account).ToList();
        TextRules.CheckId("signalId", signalId, errors);
        if (errors.Count > 0)
        {
            await JsonAnswer.WriteAsync(context, StatusCodes.Status400BadRequest, new JsonObject { ["error"] = IngressAnswers.Error(null, errors) });
            return;
        }
        var identity = Identity.Create(provider, whitelabel, account);
        SignalState state;
        try
        {
            state = await accounts.Ask<SignalState>(new GetSignalState(identity, signalId), options.AnswerTimeout, context.RequestAborted);
        }
        catch (AskTimeoutException)
        {
            log.Warning("State of signal {SignalId} for {Identity}: no executor answered within {Timeout}", signalId, identity.Key, options.AnswerTimeout);
            await JsonAnswer.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "no-answer",
                $"no executor answered within {options.AnswerTimeout.TotalSeconds:0.###}s; ask again", options.RetryAfter);
            return;
        }
        if (state.Standing is not { } standing)
        {
            await JsonAnswer.ErrorAsync(context, StatusCodes.Status404NotFound, "signal-not-found", $"{identity} never saw signal {signalId}");
            return;
        }
        await JsonAnswer.WriteAsync(context, StatusCodes.Status200OK, DecisionJson.State(state, standing));
    }
}
