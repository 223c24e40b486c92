using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Cluster;
using BetExecutor.Actors;
using BetExecutor.Actors.Time;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Node.Hosting;
using Serilog.Core;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// Issue 8, item 9: remoting off loopback needs mutual TLS (the refusal is in <see cref="NodeProcessTests"/>); here
/// the TLS itself, on loopback: members holding the cluster's certificate form a cluster, a process with another
/// certificate or none never becomes a member; a member listening on a bind address is known to the others by its
/// public hostname (issue 10, item 3).
/// </summary>
public sealed class RemotingTlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("betexecutor-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RemoteTls Certificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        return new RemoteTls(path, "pfx-password");
    }

    private static Task<EmbeddedNode> StartAsync(string name, RemoteTls? tls, IReadOnlyList<string>? seeds = null,
        string hostname = "127.0.0.1", string? bindHostname = null)
    {
        var services = new ExecutorServices(new RealClock(), new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0)),
            ExecutorSettings.Default(name), NoObserver.Instance);
        return EmbeddedNode.StartAsync(new NodeOptions(name, hostname, SeedNodes: seeds, Tls: tls, BindHostname: bindHostname), services, Logger.None);
    }

    [Fact]
    public async Task Members_with_the_cluster_certificate_join_over_TLS_and_another_certificate_never_does()
    {
        var cluster = Certificate("cluster");
        await using var first = await StartAsync("first", cluster);
        var seed = Cluster.Get(first.System).SelfAddress.ToString();

        await using var second = await StartAsync("second", cluster, [seed]);
        Assert.Equal(2, Cluster.Get(first.System).State.Members.Count(m => m.Status == MemberStatus.Up));

        // The stranger tries to join until it gives up (and stops) or the start deadline passes: never a member.
        await Assert.ThrowsAsync<TimeoutException>(() => StartAsync("stranger", Certificate("stranger"), [seed]));
        Assert.Equal(2, Cluster.Get(first.System).State.Members.Count);
    }

    [Fact]
    public async Task A_process_without_a_certificate_is_never_admitted_to_a_TLS_cluster()
    {
        var cluster = Certificate("cluster");
        await using var first = await StartAsync("first", cluster);
        var seed = Cluster.Get(first.System).SelfAddress.ToString();

        // Plain TCP on loopback is allowed on its own; it cannot speak to members that require TLS.
        await Assert.ThrowsAsync<TimeoutException>(() => StartAsync("plain", tls: null, [seed]));
        Assert.Single(Cluster.Get(first.System).State.Members);
    }

    [Fact]
    public async Task A_member_listening_on_its_bind_address_is_known_by_its_public_hostname()
    {
        var cluster = Certificate("cluster");
        await using var first = await StartAsync("first", cluster);
        var seed = Cluster.Get(first.System).SelfAddress.ToString();

        // Listens on 127.0.0.1; the others reach it by the name it publishes (here a loopback name too).
        await using var second = await StartAsync("second", cluster, [seed], hostname: "localhost", bindHostname: "127.0.0.1");

        var address = Cluster.Get(second.System).SelfAddress;
        Assert.Equal("localhost", address.Host);
        Assert.Contains(Cluster.Get(first.System).State.Members, m => m.Address == address && m.Status == MemberStatus.Up);
    }
}
