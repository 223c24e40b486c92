using System.Security.Cryptography;
using System.Text;

namespace BetExecutor.LocalCluster;

/// <summary>A key for this cluster (the gateway's API key, the admin token): random at every start; nodes are given only its SHA-256.</summary>
public sealed record ApiKey(string Name, string Secret)
{
    public static ApiKey NewRandom(string name) => new(name, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Lowercase hex of SHA-256 of the key's UTF-8 bytes, as BETEXECUTOR_GATEWAY_KEYS takes it.</summary>
    public string Sha256Hex => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Secret)));

    /// <summary>BETEXECUTOR_GATEWAY_KEYS (and BETEXECUTOR_ADMIN_TOKENS, the same form): <c>name=SHA256HEX</c>.</summary>
    public string GatewayKeysVariable => $"{Name}={Sha256Hex}";

    public override string ToString() => $"{Name}=<secret>";
}
