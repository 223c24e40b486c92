using BetExecutor.Actors.Configuration;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Domain.Tests;

// The domain holds no defaults; its tests run with the shipped ones, read from reference.conf exactly as a node reads
// them, so PairSettings.Default and AccountSettings.Default here can never drift from what production runs with.
// (One class per type: both accessors compile to a static get_Default().)

internal static class ShippedPairSettings
{
    extension(PairSettings)
    {
        public static PairSettings Default => ExecutorConfiguration.Defaults.Pair;
    }
}

internal static class ShippedAccountSettings
{
    extension(AccountSettings)
    {
        public static AccountSettings Default => ExecutorConfiguration.Defaults.Account;
    }
}
