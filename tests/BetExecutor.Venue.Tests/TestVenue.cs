using System.Net;
using System.Net.Sockets;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Http;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venue.Tests;

/// <summary>Shared test data and clients. Every server is a real Kestrel on 127.0.0.1 and a free port.</summary>
internal static class TestVenue
{
    public static readonly Identity Account = Identity.Create("simbook", "brand", "acct-1");
    public static readonly Identity OtherAccount = Identity.Create("simbook", "brand", "acct-2");
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Timeouts far above anything a loaded 2-core machine needs, for tests that expect an answer. Tests that
    /// want a timeout set a short one only where the venue is certain not to answer.
    /// </summary>
    public static readonly HttpVenueClientOptions Patient = new()
    {
        PlacementTimeout = TimeSpan.FromSeconds(15),
        QueryAttemptTimeout = TimeSpan.FromSeconds(15),
        QueryRetries = 1,
        QueryRetryDelay = TimeSpan.FromMilliseconds(20),
        BreakerMinimumThroughput = 1000, // no breaker trips unless a test is about the breaker
    };

    /// <summary>A placement timeout for legs whose answer the venue holds back for far longer.</summary>
    public static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(400);

    private static int _references;

    /// <summary>A client reference no other test uses (the venue scripts references for every account).</summary>
    public static ClientReference NewReference(string hint = "leg") =>
        new($"bx-{hint}-{Interlocked.Increment(ref _references):D4}");

    public static LegOrder Request(ClientReference reference, Identity? account = null, decimal stake = 100m, decimal odds = 2.10m) =>
        new(account ?? Account, reference, "event-42", "match-odds", "home", odds, stake, "EUR");

    public static HttpVenueClient Client(Uri baseAddress, HttpVenueClientOptions? options = null) =>
        new(baseAddress, options ?? Patient);

    /// <summary>
    /// A loopback port bound but not listening: connecting to it is refused, and as long as the socket is held no
    /// other server (another test's) can take the port.
    /// </summary>
    public static Socket HoldClosedPort(int port = 0)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }
}
