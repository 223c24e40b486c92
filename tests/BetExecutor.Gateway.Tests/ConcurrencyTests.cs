using System.Net;
using BetExecutor.Gateway.Tests.Support;
using static BetExecutor.Gateway.Tests.Support.GatewayHarness;

namespace BetExecutor.Gateway.Tests;

public sealed class ConcurrencyTests
{
    /// <summary>
    /// Many requests for one identity at once, the same signal id several times and different ids: the account
    /// serialises them, so exactly one pair executes and the venue's book holds one positive.
    /// </summary>
    [Fact]
    public async Task Concurrent_signals_for_one_identity_execute_exactly_once()
    {
        await using var gateway = await GatewayHarness.StartAsync("rate-limit { requests = 1000, per = 1s, burst = 1000 }");
        var signals = Enumerable.Range(0, 24).Select(i => SignalFor(i % 3 == 0 ? "same" : $"other-{i}")).ToList();

        var real = await Task.WhenAll(signals.Select(s => Task.Run(() => gateway.PostAsync(s))));
        await gateway.SettledAsync();

        Assert.All(real, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(real, a => a["decision"] == "executed");
        Assert.Equal(1, gateway.PositivesInBook(Alice));
        Assert.Single(gateway.Simulation.Venue.AllAttempts(), a => a.Request.Account == Alice);
    }
}
