using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Legs;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests.Resilience;

/// <summary>docs/architecture.md §6: with Redis down the executor fails closed, and it recovers by itself when Redis is back.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task No_positive_is_sent_while_Redis_is_down_and_signals_execute_again_once_it_is_back()
    {
        await using var redis = await RedisServerProcess.StartNewAsync(durable: true);
        await using var executor = await Executor.StartAsync(redis: redis.ConnectionString);
        var alice = Account("alice");
        await executor.SendAsync(For(alice, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.AdvanceToAsync(Start.AddSeconds(61));

        await redis.StopAsync();
        var duringOutage = await executor.SendAsync(For(alice, "s-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        // A failed write is never "nothing was placed" (issue 8 item 1): the caller hears unknown and asks again.
        Assert.Equal(SignalAnswerKind.Unknown, duringOutage.Kind);
        Assert.Equal(DenialReason.StorageUnavailable, duringOutage.Reason);
        Assert.Empty(executor.Venue.Attempts(PositiveRef(For(alice, "s-2"))));

        await redis.StartAsync();
        var afterwards = await UntilAnsweredAsync(() => executor.SendAsync(For(alice, "s-3"),
            Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost), TimeSpan.FromSeconds(3)));

        // A retry may meet the first attempt's decision if that one was taken after its ask had given up.
        Assert.True(afterwards.Kind == SignalAnswerKind.Executed || afterwards.First?.Accepted == true, $"{afterwards.Kind}: {afterwards.Detail}");
        Assert.Single(executor.Venue.Held(PositiveRef(For(alice, "s-3"))));
        Assert.Empty(executor.Venue.Attempts(PositiveRef(For(alice, "s-2")))); // the refused signal stays unplaced
    }

    /// <summary>
    /// Asks again, as the gateway would, while the entity is still restarting (its recovery may meet a Redis that is
    /// only just reconnecting). Bounded: a node that never comes back fails the test.
    /// </summary>
    private static async Task<SignalAnswer> UntilAnsweredAsync(Func<Task<SignalAnswer>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var answer = await send();
                if ((answer.Kind != SignalAnswerKind.Unknown && answer.Reason != DenialReason.StorageUnavailable) || attempt >= 20) return answer;
            }
            catch (AskTimeoutException) when (attempt < 20)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
