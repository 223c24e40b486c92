using System.Text.RegularExpressions;
using Akka.Configuration;
using BetExecutor.Persistence.Redis.Journal;
using BetExecutor.Persistence.Redis.Snapshot;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>Key layout and embedded defaults; no Redis needed.</summary>
public sealed class KeyLayoutAndConfigSpecs
{
    private static readonly RedisKeys Keys = new("bx:");

    public static TheoryData<string> AwkwardPersistenceIds =>
        ["account|sportsbook|brand|login", "}starts-with-closing-brace", "a{b}c", "{whole}", "%7B", "x}"];

    [Fact]
    public void Slot_function_matches_the_cluster_specification_test_vector()
    {
        Assert.Equal(0x31C3, ClusterSlot.Crc16("123456789"u8.ToArray()));
    }

    [Theory]
    [MemberData(nameof(AwkwardPersistenceIds))]
    public void Every_key_of_one_persistence_id_lands_in_the_same_cluster_slot(string persistenceId)
    {
        var keys = new[]
        {
            Keys.Events(persistenceId), Keys.HighestSequenceNr(persistenceId),
            Keys.SnapshotIndex(persistenceId), Keys.SnapshotData(persistenceId), Keys.SnapshotTimestamps(persistenceId),
            Keys.EpochStampFor(persistenceId),
        }.Select(k => k.ToString()).ToArray();
        Assert.Single(keys.Select(ClusterSlot.Of).Distinct());
        // The slot is the hash of the id itself, not of the whole key, so it is the same for any prefix.
        Assert.Equal(ClusterSlot.Of(keys[0]), ClusterSlot.Of(new RedisKeys("other:").Events(persistenceId).ToString()));
    }

    [Fact]
    public void Every_slot_has_a_storage_epoch_stamp_that_lands_in_that_slot()
    {
        var slots = Enumerable.Range(0, ClusterSlot.Count).Select(slot => ClusterSlot.Of(Keys.EpochStamp(slot).ToString())).ToArray();
        Assert.Equal(Enumerable.Range(0, ClusterSlot.Count), slots);
    }

    [Fact]
    public void Different_persistence_ids_never_share_keys_even_when_they_look_escaped()
    {
        Assert.NotEqual(RedisKeys.HashTag("a}"), RedisKeys.HashTag("a%7D"));
        Assert.NotEqual(RedisKeys.HashTag("%"), RedisKeys.HashTag("%25"));
        Assert.Equal("bx:journal:persisted:{pair-1}", Keys.Events("pair-1").ToString());
    }

    [Fact]
    public void A_key_prefix_with_braces_is_refused()
    {
        var config = ConfigurationFactory.ParseString("key-prefix = \"bad{prefix}\"");
        Assert.Throws<ConfigurationException>(() => RedisPluginSettings.FromConfig(config));
    }

    [Theory]
    [InlineData("wait-for-replicas = many", "wait-for-replicas")]
    [InlineData("wait-for-replicas = -1", "wait-for-replicas")]
    [InlineData("wait-timeout = soon", "wait-timeout")]
    [InlineData("wait-timeout = 0s", "wait-timeout")]
    public void An_invalid_replica_wait_setting_is_refused_naming_the_key(string setting, string key)
    {
        var config = ConfigurationFactory.ParseString(setting).WithFallback(RedisPersistence.DefaultConfig().GetConfig(RedisPersistence.JournalPluginId));
        var refused = Assert.Throws<ConfigurationException>(() => RedisPluginSettings.FromConfig(config));
        Assert.StartsWith(key + " must", refused.Message);
    }

    [Fact]
    public void Replica_wait_is_off_by_default_and_read_from_both_sections()
    {
        var defaults = RedisPersistence.DefaultConfig();
        foreach (var section in new[] { RedisPersistence.JournalPluginId, RedisPersistence.SnapshotStorePluginId })
        {
            var wait = RedisPluginSettings.FromConfig(defaults.GetConfig(section)).ReplicaWait;
            Assert.Equal((false, TimeSpan.FromSeconds(1)), (wait.IsOn, wait.Timeout));
            var on = RedisPluginSettings.FromConfig(ConfigurationFactory.ParseString("wait-for-replicas = 2\nwait-timeout = 250ms").WithFallback(defaults.GetConfig(section))).ReplicaWait;
            Assert.Equal((2, TimeSpan.FromMilliseconds(250)), (on.Replicas, on.Timeout));
        }
    }

    [Fact]
    public void Default_config_names_the_plugin_classes_and_the_official_keys()
    {
        var config = RedisPersistence.DefaultConfig();
        var journal = config.GetConfig(RedisPersistence.JournalPluginId);
        var snapshots = config.GetConfig(RedisPersistence.SnapshotStorePluginId);

        Assert.Equal(typeof(RedisJournal), Type.GetType(journal.GetString("class"), throwOnError: true));
        Assert.Equal(typeof(RedisSnapshotStore), Type.GetType(snapshots.GetString("class"), throwOnError: true));
        foreach (var section in new[] { journal, snapshots })
        foreach (var key in new[] { "plugin-dispatcher", "configuration-string", "database", "key-prefix" })
            Assert.True(section.HasPath(key), $"missing {key}");
    }

    [Fact]
    public void Every_key_in_the_embedded_defaults_has_a_comment_above_it()
    {
        using var stream = typeof(RedisPersistence).Assembly.GetManifestResourceStream("BetExecutor.Persistence.Redis.reference.conf")!;
        var lines = new StreamReader(stream).ReadToEnd().Split('\n').Select(l => l.Trim()).ToArray();
        var settingLine = new Regex(@"^[a-z-]+\s*=");

        var undocumented = lines
            .Select((line, index) => (line, index))
            .Where(x => settingLine.IsMatch(x.line) && !lines[x.index - 1].StartsWith('#'))
            .Select(x => x.line)
            .ToList();

        Assert.Empty(undocumented);
    }
}
