using Akka.Configuration;
using BetExecutor.Actors.Configuration;
using BetExecutor.Http;
using BetExecutor.Http.Security;

namespace BetExecutor.Admin.Configuration;

/// <summary>
/// Reads <c>bet-executor.admin</c> from the node's one configuration (reference.conf under the deployment's overrides)
/// into <see cref="AdminOptions"/>, with the two environment forms the node passes on. Every bad value is a
/// <see cref="SettingException"/> naming the setting (or the environment variable).
/// </summary>
public static class AdminConfiguration
{
    public const string Section = ExecutorConfiguration.Section + ".admin";
    public const string TokensVariable = "BETEXECUTOR_ADMIN_TOKENS";
    public const string ListenVariable = "BETEXECUTOR_ADMIN_LISTEN";

    /// <summary>The one line a node without a token logs (the admin API is then off; the node runs).</summary>
    public const string OffWarning = "Admin API off: no token configured (bet-executor.admin.tokens)";

    /// <param name="hocon">The deployment's overrides, or the node's merged configuration; checked key by key against reference.conf.</param>
    /// <param name="environmentTokens">The value of <see cref="TokensVariable"/> (<c>name=hex,name=hex</c>): tokens added to the configured ones.</param>
    /// <param name="environmentListen">The value of <see cref="ListenVariable"/> (<c>IP:PORT</c>): replaces <c>listen</c>.</param>
    /// <exception cref="SettingException">a key is unknown or a value is out of range or malformed.</exception>
    public static AdminOptions Read(Config? hocon, string? environmentTokens = null, string? environmentListen = null)
    {
        ExecutorConfiguration.Read(hocon); // the strict check of every key, the admin section's included
        var c = new SettingReader(ExecutorConfiguration.Merge(hocon).GetConfig(Section), Section);
        var listen = string.IsNullOrWhiteSpace(environmentListen)
            ? ListenAddress.Parse(c.Value("listen"), c.PathOf("listen"))
            : ListenAddress.Parse(environmentListen.Trim(), ListenVariable);
        var tokens = c.Section("tokens");
        var ring = ApiKeyRing.FromSettings(tokens.Keys().Select(name => (name, tokens.Value($"\"{name}\""))).ToList(), c.PathOf("tokens"));
        if (!string.IsNullOrWhiteSpace(environmentTokens)) ring = ring.With(ApiKeyRing.ParseEnvironment(environmentTokens, TokensVariable), TokensVariable);
        var timeout = c.Duration("answer-timeout", zeroAllowed: false);
        if (timeout > TimeSpan.FromMinutes(2)) throw new SettingException(c.PathOf("answer-timeout"), $"must be at most 2m (got {timeout})");
        return new AdminOptions(listen, timeout, c.Bytes("max-body", 1024, 1024 * 1024), ring);
    }
}
