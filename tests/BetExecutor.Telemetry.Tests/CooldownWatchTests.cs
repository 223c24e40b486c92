namespace BetExecutor.Telemetry.Tests;

/// <summary>
/// The negative control: the watch that counts violations is independent of the rule, so fed two positives closer
/// than the cooldown (what the account's rule never lets through) it counts one.
/// </summary>
public sealed class CooldownWatchTests
{
    private static readonly DateTimeOffset T0 = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(5);

    [Fact]
    public void Two_positives_closer_than_the_cooldown_are_a_violation()
    {
        var watch = new CooldownWatch(_ => Cooldown);
        Assert.False(watch.PositiveSent("bookie/brand1/a", T0));
        Assert.True(watch.PositiveSent("bookie/brand1/a", T0 + Cooldown - TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Positives_a_cooldown_apart_or_of_other_identities_are_not()
    {
        var watch = new CooldownWatch(_ => Cooldown);
        Assert.False(watch.PositiveSent("bookie/brand1/a", T0));
        Assert.False(watch.PositiveSent("bookie/brand1/b", T0));
        Assert.False(watch.PositiveSent("bookie/brand1/a", T0 + Cooldown));
        // an earlier positive reported late is compared as well
        Assert.True(watch.PositiveSent("bookie/brand1/a", T0 + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void The_metrics_count_a_violation_the_watch_sees()
    {
        using var metrics = new ExecutorMetrics("control-node", () => T0);
        var observer = new MetricsObserver(metrics, new CooldownWatch(_ => Cooldown));
        var identity = Domain.Identities.Identity.Create("bookie", "brand1", "a");
        foreach (var at in new[] { T0, T0 + TimeSpan.FromMinutes(1) })
        {
            var signal = Support.Run.For(identity, $"sig-{at.Ticks}");
            var before = Domain.Pairs.PairState.Initial(identity, signal.PairId);
            var intent = new Domain.Pairs.PositiveIntentRecorded(signal, Domain.Legs.ClientReference.For(identity, signal.PairId, Domain.Legs.LegKind.Positive), 50m, 2.1m, at)
            {
                Meta = new Domain.Events.EventMeta(at, identity.Key, signal.PairId),
            };
            observer.PairEventStored(before, intent, at);
        }
        Assert.Equal(1, metrics.CooldownViolations.Value());
    }
}
