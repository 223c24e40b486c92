using System.Collections.Concurrent;

namespace BetExecutor.Telemetry;

/// <summary>
/// Checks the cooldown from the outside: it knows nothing of the account's cooldown state or its decision, only when
/// each identity's positives were sent, and counts a violation whenever two of one identity's positives are closer
/// than the cooldown. The rule that prevents this lives in the account (AccountState.DecideSignal); if it ever let a
/// positive through too early, this watch would see it. Times are the positive intents' recorded instants (the
/// executor's clock when the send was decided), which is what the cooldown is defined on.
/// </summary>
/// <remarks>
/// It remembers positives seen by this node since it started: an identity that moved here from another node is
/// checked from its first positive here on.
/// </remarks>
public sealed class CooldownWatch(Func<string, TimeSpan> cooldownOf)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastPositive = new();

    /// <summary>Records a positive of <paramref name="identityKey"/> sent at <paramref name="at"/>; true when it came within the cooldown of the one before.</summary>
    public bool PositiveSent(string identityKey, DateTimeOffset at)
    {
        var violated = false;
        _lastPositive.AddOrUpdate(identityKey, at, (_, previous) =>
        {
            violated = (at - previous).Duration() < cooldownOf(identityKey);
            return at > previous ? at : previous;
        });
        return violated;
    }
}
