using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// Remoting is plain TCP only on loopback. Any other bind address (a LAN address, a host name, 0.0.0.0) carries the
/// cluster's traffic where other machines can reach it, so it needs mutual TLS: every member presents the cluster's
/// certificate and accepts only peers presenting the same one (pinned by thumbprint).
/// </summary>
public static class RemotingSecurity
{
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The remoting options of a node, TLS included.</summary>
    /// <exception cref="ArgumentException">a non-loopback address without TLS, or a certificate that cannot be used (names the problem).</exception>
    public static RemoteOptions Remoting(NodeOptions options)
    {
        if (options.Tls is null && !IsLoopback(options.Hostname))
            throw new ArgumentException(
                $"remoting on {options.Hostname} (not a loopback address) requires mutual TLS: give the node the cluster's certificate, or bind 127.0.0.1");
        var remote = new RemoteOptions { HostName = options.Hostname, Port = options.Port };
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
            throw new ArgumentException($"the TLS certificate {tls.CertificatePath} does not exist");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.Password);
        }
        catch (CryptographicException)
        {
            // The exception's text says nothing more useful, and the password must not be echoed.
            throw new ArgumentException($"the TLS certificate {tls.CertificatePath} cannot be read: not a PKCS#12 file, or a wrong password");
        }
        if (!certificate.HasPrivateKey)
            throw new ArgumentException($"the TLS certificate {tls.CertificatePath} has no private key");
        return certificate;
    }
}
