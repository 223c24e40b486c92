using System.Net;
using Akka.Configuration;
using BetExecutor.Actors.Configuration;
using BetExecutor.Http;
using BetExecutor.Http.Security;

namespace BetExecutor.Gateway.Configuration;

/// <summary>
/// Reads <c>bet-executor.gateway</c> from the node's one configuration (reference.conf under the deployment's
/// overrides) into <see cref="GatewayOptions"/>, with the two environment forms the node passes on. Every bad value
/// is a <see cref="SettingException"/> naming the setting (or the environment variable).
/// </summary>
public static class GatewayConfiguration
{
    public const string Section = ExecutorConfiguration.Section + ".gateway";
    public const string KeysVariable = "BETEXECUTOR_GATEWAY_KEYS";
    public const string ListenVariable = "BETEXECUTOR_GATEWAY_LISTEN";

    /// <summary>The options with no override: the reference file's defaults (no API key).</summary>
    public static GatewayOptions Defaults => Read(null);

    /// <param name="hocon">The deployment's overrides, or the node's merged configuration; checked key by key against reference.conf.</param>
    /// <param name="environmentKeys">The value of <see cref="KeysVariable"/> (<c>name=hex,name=hex</c>): keys added to the configured ones.</param>
    /// <param name="environmentListen">The value of <see cref="ListenVariable"/> (<c>IP:PORT</c>): replaces <c>listen</c>.</param>
    /// <exception cref="SettingException">a key is unknown or a value is out of range or malformed.</exception>
    public static GatewayOptions Read(Config? hocon, string? environmentKeys = null, string? environmentListen = null)
    {
        ExecutorConfiguration.Read(hocon); // the strict check of every key, the gateway's included
        var c = new SettingReader(ExecutorConfiguration.Merge(hocon).GetConfig(Section), Section);
        var listen = string.IsNullOrWhiteSpace(environmentListen)
            ? ParseListen(c.Value("listen"), c.PathOf("listen"))
            : ParseListen(environmentListen.Trim(), ListenVariable);
        var rate = c.Section("rate-limit");
        var keys = ApiKeyRing.FromSettings(ReadKeys(c.Section("api-keys")), c.PathOf("api-keys"));
        if (!string.IsNullOrWhiteSpace(environmentKeys)) keys = keys.With(ApiKeyRing.ParseEnvironment(environmentKeys, KeysVariable), KeysVariable);
        return new GatewayOptions(
            listen,
            MaxBody: c.Bytes("max-body", 1024, 1024 * 1024),
            AnswerTimeout: Within(c, "answer-timeout", TimeSpan.FromMinutes(2)),
            RetryAfter: Within(c, "retry-after", TimeSpan.FromHours(1)),
            new GatewayRateLimit(
                Requests: rate.Whole("requests", 1, 1_000_000),
                Per: rate.Duration("per", zeroAllowed: false),
                Burst: rate.Whole("burst", 1, 1_000_000)),
            keys);
    }

    /// <summary><c>IP:PORT</c> (IPv6 as <c>[::1]:PORT</c>): an address, not a host name, so what is bound is what was written.</summary>
    public static IPEndPoint ParseListen(string text, string setting) => ListenAddress.Parse(text, setting);

    private static TimeSpan Within(SettingReader c, string key, TimeSpan max)
    {
        var value = c.Duration(key, zeroAllowed: false);
        return value <= max ? value : throw new SettingException(c.PathOf(key), $"must be at most {max} (got {value})");
    }

    private static IEnumerable<(string Name, string Hash)> ReadKeys(SettingReader keys) =>
        keys.Keys().Select(name => (name, keys.Value($"\"{name}\""))).ToList();
}
