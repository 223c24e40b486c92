using Akka.Configuration;
using BetExecutor.Actors;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Node.Hosting;

/// <summary>Reads <c>bet-executor { ... }</c> into typed settings; a missing or malformed key fails the start, naming it.</summary>
public static class ExecutorSettingsReader
{
    public static ExecutorSettings Read(Config config, string node)
    {
        var c = config.GetConfig("bet-executor") ?? throw new InvalidOperationException("bet-executor: the section is missing");
        return new ExecutorSettings(
            new AccountSettings(
                Cooldown: Time(c, "cooldown"),
                ExposureExpiry: Time(c, "exposure-expiry"),
                ExposureBlocksIdentity: c.GetBoolean("exposure-blocks-identity", true)),
            new PairSettings(
                UnknownWindow: Time(c, "unknown-window"),
                FirstLookupDelay: Time(c, "first-lookup-delay"),
                MaxLookupDelay: Time(c, "max-lookup-delay"),
                HedgeMaxAttempts: Positive(c, "hedge-max-attempts"),
                HedgeRetryDelay: Time(c, "hedge-retry-delay"),
                HedgeRetryBudget: Time(c, "hedge-retry-budget"),
                PollInterval: Time(c, "settlement-poll-interval"),
                MaxSettlementPolls: Positive(c, "max-settlement-polls"),
                MaxStartDelay: Time(c, "max-start-delay"),
                HedgeStakeStep: c.GetDecimal("hedge-stake-step", 0.01m)),
            node,
            Guid.NewGuid().ToString("N"),
            Time(c, "pair-restart-delay"),
            Positive(c, "account-snapshot-every"));
    }

    public static int Shards(Config config) => config.GetInt("bet-executor.shards", 100);

    private static TimeSpan Time(Config c, string key)
    {
        if (!c.HasPath(key)) throw new InvalidOperationException($"bet-executor.{key}: missing");
        var value = c.GetTimeSpan(key);
        if (value < TimeSpan.Zero) throw new InvalidOperationException($"bet-executor.{key}: must not be negative");
        return value;
    }

    private static int Positive(Config c, string key)
    {
        var value = c.GetInt(key);
        if (value < 1) throw new InvalidOperationException($"bet-executor.{key}: must be at least 1");
        return value;
    }
}
