using Microsoft.Extensions.Time.Testing;

namespace BetExecutor.Coordination.Redis.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (the lease's heartbeat, deadline and call timeouts all run on it).</summary>
public sealed class ManualClock() : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
