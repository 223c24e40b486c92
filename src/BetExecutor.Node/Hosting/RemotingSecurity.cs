using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// Remoting is plain TCP only on loopback. Any other address (a LAN address, a host name, 0.0.0.0), whether the one
/// remoting listens on or the public one others reach it at, carries the cluster's traffic where other machines can
/// reach it, so it needs mutual TLS: every member presents the cluster's certificate and accepts only peers presenting
/// the same one (pinned by thumbprint).
/// </summary>
public static class RemotingSecurity
{
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The remoting options of a node, TLS included: it listens on the bind address and is known by its public one.</summary>
    /// <exception cref="RemotingSettingException">a non-loopback address without TLS, or a certificate that cannot be
    /// used; names the option and the problem.</exception>
    public static RemoteOptions Remoting(NodeOptions options)
    {
        if (options.Tls is null)
        {
            if (options.BindHostname is { } bind && !IsLoopback(bind))
                throw new RemotingSettingException(nameof(NodeOptions.BindHostname),
                    $"remoting listening on {bind} (not a loopback address) requires mutual TLS: give the node the cluster's certificate, or listen on 127.0.0.1");
            if (!IsLoopback(options.Hostname))
                throw new RemotingSettingException(nameof(NodeOptions.Hostname),
                    $"remoting on {options.Hostname} (not a loopback address) requires mutual TLS: give the node the cluster's certificate, or bind 127.0.0.1");
        }
        var remote = new RemoteOptions { HostName = options.ListenHostname, PublicHostName = options.Hostname, Port = options.Port };
        if (options.Tls is not { } tls) return remote;
        var certificate = Load(tls);
        remote.EnableSsl = true;
        remote.Ssl = new SslOptions
        {
            X509Certificate = certificate,
            RequireMutualAuthentication = true,
            // Members address each other by IP: the pinned certificate, not a host name, says who may talk.
            ValidateCertificateHostname = false,
            CustomValidator = CertificateValidation.PinnedCertificate(certificate.Thumbprint),
        };
        return remote;
    }

    private static X509Certificate2 Load(RemoteTls tls)
    {
        if (!File.Exists(tls.CertificatePath))
            throw new RemotingSettingException(nameof(NodeOptions.Tls), $"the TLS certificate {tls.CertificatePath} does not exist");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.Password);
        }
        catch (CryptographicException)
        {
            // The exception's text says nothing more useful, and the password must not be echoed.
            throw new RemotingSettingException(nameof(NodeOptions.Tls), $"the TLS certificate {tls.CertificatePath} cannot be read: not a PKCS#12 file, or a wrong password");
        }
        if (!certificate.HasPrivateKey)
            throw new RemotingSettingException(nameof(NodeOptions.Tls), $"the TLS certificate {tls.CertificatePath} has no private key");
        return certificate;
    }
}

/// <summary>A remoting option that cannot be used: <see cref="Option"/> names the <see cref="NodeOptions"/> member.</summary>
public sealed class RemotingSettingException(string option, string problem) : ArgumentException(problem)
{
    public string Option { get; } = option;
}
