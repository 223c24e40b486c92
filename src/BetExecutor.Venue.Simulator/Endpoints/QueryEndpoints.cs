using System.Globalization;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venue.Simulator.Endpoints;

/// <summary>Lookup by client reference and settlement of a bet: the venue's answers, with the HTTP layer's latency.</summary>
internal sealed class QueryEndpoints(
    VenueSimulator venue, VenueFrontDesk desk, VenueClock clock, VenueServerOptions options, IHostApplicationLifetime lifetime)
{
    /// <summary><c>GET /bets/by-reference/{provider}/{whitelabel}/{account}/{clientReference}</c>.</summary>
    public async Task LookupAsync(HttpContext context, string provider, string whitelabel, string account, string clientReference)
    {
        var errors = new List<string>();
        if (!WireMapping.TryReadAccount(provider, whitelabel, account, out var identity, errors))
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("invalid account", errors));
            return;
        }
        var reference = new ClientReference(clientReference);
        var number = desk.CountLookup(identity!, reference);
        await WaitLatencyAsync("lookup", identity!.Key, reference.Value, number);

        if (desk.IsPending(identity, reference, clock.GetUtcNow()))
        {
            await Respond.JsonAsync(context, StatusCodes.Status200OK, new BetAnswerBody(VenueStatuses.PendingAcceptance, reference.Value));
            return;
        }
        var (status, body) = await venue.FindByClientReferenceAsync(identity, reference, CancellationToken.None) switch
        {
            LookupResult.Found found => (StatusCodes.Status200OK, (object)WireMapping.Accepted(found.Bet, reference)),
            LookupResult.NotFound => (StatusCodes.Status404NotFound, new BetAnswerBody(VenueStatuses.NotFound, reference.Value)),
            LookupResult.Failed failed => (StatusCodes.Status503ServiceUnavailable, new ErrorBody($"bet search failed: {failed.Reason}")),
            var other => throw new InvalidOperationException($"unhandled lookup result {other}"),
        };
        await Respond.JsonAsync(context, status, body);
    }

    /// <summary><c>GET /bets/{betId}/settlement?account=provider/whitelabel/account</c>.</summary>
    public async Task SettlementAsync(HttpContext context, string betId, string? account)
    {
        if (account is null || !Identity.TryParseKey(account, out var identity))
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest,
                new ErrorBody("account: the query parameter account=provider/whitelabel/account is required"));
            return;
        }
        var number = desk.CountSettlementQuery(identity!, betId);
        await WaitLatencyAsync("settlement", identity!.Key, betId, number);

        var (status, body) = await venue.GetSettlementAsync(identity, betId, CancellationToken.None) switch
        {
            SettlementResult.Known known => (StatusCodes.Status200OK, (object)new SettlementBody(betId, WireState(betId, known.State))),
            SettlementResult.Failed failed => (StatusCodes.Status503ServiceUnavailable, new ErrorBody($"settlement query failed: {failed.Reason}")),
            var other => throw new InvalidOperationException($"unhandled settlement result {other}"),
        };
        await Respond.JsonAsync(context, status, body);
    }

    /// <summary>A void is reported as REFUNDED for a seeded share of bets, decided per bet id so every poll reads the same.</summary>
    private string WireState(string betId, SettlementState state)
    {
        if (state == SettlementState.Void &&
            FaultDice.For(options.Seed, "refund", betId).NextDouble() < options.HttpFaults.VoidReportedAsRefunded)
        {
            return SettlementWireStates.Refunded;
        }
        return SettlementWireStates.Write(state);
    }

    private Task WaitLatencyAsync(string kind, string account, string key, int number)
    {
        var dice = FaultDice.For(options.Seed, kind, account, key, number.ToString(CultureInfo.InvariantCulture));
        return NetworkDelay.WaitAsync(NetworkDelay.Draw(options.HttpFaults, dice), lifetime.ApplicationStopping);
    }
}
