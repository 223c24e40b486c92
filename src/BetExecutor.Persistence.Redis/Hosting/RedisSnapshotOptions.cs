using System.Text;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Hosting;

namespace BetExecutor.Persistence.Redis.Hosting;

/// <summary>Typed face of <c>akka.persistence.snapshot-store.redis</c> for Akka.Hosting.</summary>
public sealed class RedisSnapshotOptions(bool isDefault, string identifier = "redis") : SnapshotOptions(isDefault)
{
    public override string Identifier { get; set; } = identifier;

    /// <summary>StackExchange.Redis configuration string (<c>configuration-string</c>).</summary>
    public string ConfigurationString { get; set; } = "127.0.0.1:6379";

    /// <summary>Redis logical database (<c>database</c>).</summary>
    public int Database { get; set; }

    /// <summary>Prefix of every key (<c>key-prefix</c>); must not contain braces.</summary>
    public string KeyPrefix { get; set; } = string.Empty;

    /// <summary>Replicas that must hold each write before it is acknowledged (<c>wait-for-replicas</c>); 0: off.</summary>
    public int WaitForReplicas { get; set; }

    /// <summary>How long a write waits for those replicas before it fails (<c>wait-timeout</c>).</summary>
    public TimeSpan WaitTimeout { get; set; } = RedisPluginSettings.DefaultWaitTimeout;

    protected override Config InternalDefaultConfig =>
        RedisPersistence.DefaultConfig().GetConfig(RedisPersistence.SnapshotStorePluginId);

    protected override StringBuilder Build(StringBuilder sb)
    {
        sb.AppendLine($"configuration-string = {ConfigurationString.ToHocon()}");
        sb.AppendLine($"database = {Database}");
        sb.AppendLine($"key-prefix = {KeyPrefix.ToHocon()}");
        // Written only when set in code, so a deployment's own HOCON can still set them when the code leaves them off.
        if (WaitForReplicas != 0) sb.AppendLine($"wait-for-replicas = {WaitForReplicas}");
        if (WaitTimeout != RedisPluginSettings.DefaultWaitTimeout) sb.AppendLine($"wait-timeout = {(long)WaitTimeout.TotalMilliseconds}ms");
        return base.Build(sb);
    }
}
