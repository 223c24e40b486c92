using System.Globalization;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venue.Simulator.Endpoints;

/// <summary>
/// <c>POST /bets</c>. The venue (<see cref="VenueSimulator"/>) decides; this endpoint adds the HTTP layer's faults
/// and turns the venue's answer into a response, or into no response at all when the answer is lost.
/// </summary>
internal sealed class PlacementEndpoint(
    VenueSimulator venue, VenueFrontDesk desk, VenueClock clock, VenueServerOptions options, IHostApplicationLifetime lifetime)
{
    public async Task HandleAsync(HttpContext context)
    {
        var read = await Respond.ReadAsync<PlaceBetBody>(context);
        var body = read.Value;
        if (read.Error is { } unreadable)
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest,
                new BetAnswerBody(VenueStatuses.Rejected, null, Code: VenueErrorCodes.InvalidRequest, Errors: [unreadable]));
            return;
        }
        if (!WireMapping.TryReadPlacement(body, out var request, out var errors))
        {
            var refused = new BetAnswerBody(VenueStatuses.Rejected, body?.ClientReference, Code: VenueErrorCodes.InvalidRequest, Errors: errors);
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest, refused);
            return;
        }

        // Draws in a fixed order, whatever happens next, so one draw never shifts the others.
        var number = desk.CountPlacementRequest(request!.Account, request.ClientReference);
        var dice = FaultDice.For(options.Seed, "place", request.Account.Key, request.ClientReference.Value, number.ToString(CultureInfo.InvariantCulture));
        var faults = options.HttpFaults;
        var delay = NetworkDelay.Draw(faults, dice);
        var rateLimited = dice.NextDouble() < faults.RateLimited;
        var deliveredTwice = dice.NextDouble() < faults.DuplicateDelivery;
        var goesPending = dice.NextDouble() < faults.PendingAcceptance;

        await NetworkDelay.WaitAsync(delay, lifetime.ApplicationStopping);
        if (rateLimited)
        {
            await RateLimitedAsync(context, request.ClientReference);
            return;
        }

        var heldBefore = Holds(request);
        // The venue is not cancelled with the request: a venue that received a request finishes it.
        var answer = await venue.PlaceAsync(request, CancellationToken.None);
        if (deliveredTwice) answer = await venue.PlaceAsync(request, CancellationToken.None);

        switch (answer)
        {
            case PlacementResult.Accepted accepted:
                var now = clock.GetUtcNow();
                if (goesPending && !heldBefore) desk.StartPending(request.Account, request.ClientReference, now + faults.PendingAcceptanceDelay);
                var status = desk.IsPending(request.Account, request.ClientReference, now)
                    ? new BetAnswerBody(VenueStatuses.PendingAcceptance, request.ClientReference.Value)
                    : WireMapping.Accepted(accepted.Bet, request.ClientReference);
                await Respond.JsonAsync(context, StatusCodes.Status200OK, status);
                break;
            case PlacementResult.Rejected { Code: RejectionCodes.RateLimited }:
                await RateLimitedAsync(context, request.ClientReference);
                break;
            case PlacementResult.Rejected rejected:
                // 200 with a status, as Betfair's and Pinnacle's placement answers do.
                await Respond.JsonAsync(context, StatusCodes.Status200OK,
                    new BetAnswerBody(VenueStatuses.Rejected, request.ClientReference.Value, Code: rejected.Code, CurrentOdds: rejected.CurrentOdds));
                break;
            case PlacementResult.Unknown when Holds(request) || ScriptLosesAnswer(request.ClientReference):
                await LoseAnswerAsync(context);
                break;
            case PlacementResult.Unknown unknown:
                await Respond.JsonAsync(context, StatusCodes.Status503ServiceUnavailable, new ErrorBody($"service unavailable: {unknown.Reason}"));
                break;
            default:
                throw new InvalidOperationException($"unhandled placement result {answer}");
        }
    }

    private bool Holds(LegOrder request) =>
        venue.Held(request.ClientReference).Any(bet => bet.Account == request.Account);

    /// <summary>
    /// A timeout-not-placed script: the answer is lost though nothing was taken. A bet taken with an Unknown answer
    /// (timeout-placed, or its fault-profile draw) is caught by <see cref="Holds"/>; any other Unknown not held is a
    /// server error, answered 503.
    /// </summary>
    private bool ScriptLosesAnswer(ClientReference reference) =>
        (desk.ScriptFor(reference) ?? options.DefaultScript)?.Place.Behaviour == PlaceBehaviour.TimeoutNotPlaced;

    private static Task RateLimitedAsync(HttpContext context, ClientReference reference)
    {
        context.Response.Headers.RetryAfter = "1";
        return Respond.JsonAsync(context, StatusCodes.Status429TooManyRequests,
            new BetAnswerBody(VenueStatuses.Rejected, reference.Value, Code: RejectionCodes.RateLimited));
    }

    /// <summary>
    /// The client must genuinely see a timeout: hold the response until it gives up (its connection closes) or
    /// <see cref="VenueServerOptions.LostAnswerHold"/> passes, then drop the connection without answering.
    /// </summary>
    private async Task LoseAnswerAsync(HttpContext context)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(options.LostAnswerHold, giveUp.Token);
        }
        catch (OperationCanceledException)
        {
            // the client gave up, or the server is stopping
        }
        context.Abort();
    }
}
