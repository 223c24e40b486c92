using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace BetExecutor.Actors.Configuration;

/// <summary>
/// A deployment's overrides hold only keys reference.conf knows: a misspelt key (<c>max-stak</c>) would otherwise be
/// ignored without a word while its default applies, which for a money limit means no limit at all.
/// </summary>
internal static class StrictKeys
{
    private const string IdentitiesPath = ExecutorConfiguration.Section + ".limits.identities";
    private const string DefaultLimitsPath = ExecutorConfiguration.Section + ".limits.default";
    /// <summary>Keyed by key name: any name, each a single value (the key's hash; the gateway checks its form).</summary>
    private const string GatewayKeysPath = ExecutorConfiguration.Section + ".gateway.api-keys";
    /// <summary>Keyed by token name, like the gateway's keys (the admin API checks each hash's form).</summary>
    private const string AdminTokensPath = ExecutorConfiguration.Section + ".admin.tokens";

    public static void Check(Config overrides, Config reference)
    {
        foreach (var (key, _) in overrides.Root.GetObject().Items)
        {
            if (key is not (ExecutorConfiguration.Section or "akka"))
                throw new SettingException(key, $"no such section (a settings file holds {ExecutorConfiguration.Section} {{ }} and akka {{ }} only)");
        }
        if (!overrides.HasPath(ExecutorConfiguration.Section)) return;
        var given = overrides.GetValue(ExecutorConfiguration.Section);
        if (!given.IsObject()) throw new SettingException(ExecutorConfiguration.Section, "must be a section { ... }");
        Compare(given.GetObject(), reference.GetValue(ExecutorConfiguration.Section).GetObject(), ExecutorConfiguration.Section, reference);
    }

    private static void Compare(HoconObject given, HoconObject known, string path, Config reference)
    {
        foreach (var (key, value) in given.Items)
        {
            var full = $"{path}.{key}";
            if (!known.Items.TryGetValue(key, out var expected))
                throw new SettingException(full, "no such setting (reference.conf lists every setting)");
            if (!expected.IsObject())
            {
                if (value.IsObject()) throw new SettingException(full, "is a value, not a section");
                continue;
            }
            if (!value.IsObject()) throw new SettingException(full, "is a section: give its keys in { }");
            if (full == IdentitiesPath) CompareIdentities(value.GetObject(), reference);
            else if (full is GatewayKeysPath or AdminTokensPath) CompareSingleValues(value.GetObject(), full);
            else Compare(value.GetObject(), expected.GetObject(), full, reference);
        }
    }

    private static void CompareSingleValues(HoconObject entries, string path)
    {
        foreach (var (name, entry) in entries.Items)
            if (entry.IsObject()) throw new SettingException($"{path}.{name}", "is a section: give a single value");
    }

    /// <summary>Each identity's entry may name any key of <c>limits.default</c>, and nothing else.</summary>
    private static void CompareIdentities(HoconObject identities, Config reference)
    {
        var limitKeys = reference.GetValue(DefaultLimitsPath).GetObject();
        foreach (var (identity, entry) in identities.Items)
        {
            var path = $"{IdentitiesPath}.\"{identity}\"";
            if (!entry.IsObject()) throw new SettingException(path, "is a section of limits: give its keys in { }");
            Compare(entry.GetObject(), limitKeys, path, reference);
        }
    }
}
