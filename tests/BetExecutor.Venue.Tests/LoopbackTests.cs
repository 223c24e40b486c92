using System.Net;

namespace BetExecutor.Venue.Tests;

public sealed class LoopbackTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://192.168.1.10:5080")]
    [InlineData("http://10.0.0.1:5080")]
    [InlineData("http://venue.example:5080")]
    [InlineData("https://127.0.0.1:5443")]
    [InlineData("http://127.0.0.1:5080/api")]
    [InlineData("not a url")]
    public void The_simulator_refuses_any_address_but_loopback_http(string url)
    {
        Assert.False(LoopbackEndpoint.TryParse(url, out var endpoint, out var error));
        Assert.Null(endpoint);
        Assert.Contains(url.Trim(), error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1", 5080)]
    [InlineData("http://127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("http://[::1]:5080", "::1", 5080)]
    [InlineData("http://localhost:5080", null, 5080)]
    public void The_simulator_accepts_loopback_addresses(string url, string? address, int port)
    {
        Assert.True(LoopbackEndpoint.TryParse(url, out var endpoint, out _));
        Assert.Equal(address, endpoint!.Address?.ToString());
        Assert.Equal(port, endpoint.Port);
    }

    [Fact]
    public void A_non_loopback_ip_cannot_even_be_named_as_an_endpoint()
    {
        Assert.Throws<ArgumentException>(() => LoopbackEndpoint.Of(IPAddress.Any, 0));
        Assert.Throws<ArgumentException>(() => LoopbackEndpoint.Of(IPAddress.Parse("192.168.1.10"), 5080));
    }

    [Fact]
    public async Task An_embedded_server_listens_on_127_0_0_1_and_a_port_the_system_chose()
    {
        await using var server = await VenueSimulatorServer.StartAsync();

        var address = Assert.Single(server.Addresses);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
        Assert.Equal(address, server.BaseAddress);
    }
}
