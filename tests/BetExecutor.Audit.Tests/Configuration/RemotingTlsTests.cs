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
/// certificate never becomes a member.
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

    private static Task<EmbeddedNode> StartAsync(string name, RemoteTls tls, IReadOnlyList<string>? seeds = null)
    {
        var services = new ExecutorServices(new RealClock(), new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0)),
            ExecutorSettings.Default(name), NoObserver.Instance);
        return EmbeddedNode.StartAsync(new NodeOptions(name, SeedNodes: seeds, Tls: tls), services, Logger.None);
    }

    [Fact]
    public async Task Members_with_the_cluster_certificate_join_over_TLS_and_another_certificate_never_does()
    {
        var cluster = Certificate("cluster");
        await using var first = await StartAsync("first", cluster);
        var seed = Cluster.Get(first.System).SelfAddress.ToString();

        await using var second = await StartAsync("second", cluster, [seed]);
        Assert.Equal(2, Cluster.Get(first.System).State.Members.Count(m => m.Status == MemberStatus.Up));

        // The stranger tries to join for the whole of EmbeddedNode's start deadline, then gives up (and is stopped).
        await Assert.ThrowsAsync<TimeoutException>(() => StartAsync("stranger", Certificate("stranger"), [seed]));
        Assert.Equal(2, Cluster.Get(first.System).State.Members.Count);
    }
}
