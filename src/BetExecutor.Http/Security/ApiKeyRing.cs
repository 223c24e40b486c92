using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BetExecutor.Actors.Configuration;

namespace BetExecutor.Http.Security;

/// <summary>
/// The keys a server accepts (the gateway's API keys, the admin API's tokens), each stored only as the SHA-256 of its UTF-8 bytes under a name. A presented
/// key is hashed and compared with every stored hash in constant time, without stopping at a match, so neither
/// the answer's timing nor its content tells which part of a key was wrong. Neither keys nor hashes are ever
/// printed: <see cref="ToString"/> lists names only.
/// </summary>
public sealed partial class ApiKeyRing
{
    /// <summary>Longest key looked at; a longer header is refused as malformed without hashing megabytes.</summary>
    public const int MaxKeyLength = 512;

    private readonly (string Name, byte[] Hash)[] _keys;

    private ApiKeyRing((string Name, byte[] Hash)[] keys) => _keys = keys;

    public static ApiKeyRing Empty { get; } = new([]);

    public int Count => _keys.Length;

    public IReadOnlyList<string> Names => _keys.Select(k => k.Name).ToArray();

    /// <summary>Named hashes as configured; <paramref name="setting"/> is where they came from, named by every error.</summary>
    /// <exception cref="SettingException">a name or hash is malformed, or a name or hash is given twice.</exception>
    public static ApiKeyRing FromSettings(IEnumerable<(string Name, string Hash)> entries, string setting) =>
        Empty.With(entries, setting);

    /// <summary>These keys and <paramref name="entries"/> (from <paramref name="setting"/>) together.</summary>
    public ApiKeyRing With(IEnumerable<(string Name, string Hash)> entries, string setting)
    {
        var keys = _keys.ToList();
        foreach (var (name, hash) in entries)
        {
            if (!NamePattern().IsMatch(name))
                throw new SettingException(setting, $"key name '{Printable(name)}' must be 1 to 64 letters, digits, '.', '_' or '-'");
            if (!HashPattern().IsMatch(hash))
                throw new SettingException($"{setting}.{name}", "must be the lowercase hex SHA-256 of the key (64 characters 0-9a-f): printf %s \"$KEY\" | sha256sum");
            var bytes = Convert.FromHexString(hash);
            if (keys.Any(k => k.Name == name)) throw new SettingException($"{setting}.{name}", "the key name is given twice");
            if (keys.Any(k => k.Hash.AsSpan().SequenceEqual(bytes)))
                throw new SettingException($"{setting}.{name}", "the same key is already configured under another name");
            keys.Add((name, bytes));
        }
        return new ApiKeyRing(keys.ToArray());
    }

    /// <summary>
    /// The environment form, <c>name=hex[,name=hex...]</c> (BETEXECUTOR_GATEWAY_KEYS, BETEXECUTOR_ADMIN_TOKENS), as
    /// name/hash pairs; blanks around names, hashes and commas are ignored. The node passes the variable's value here.
    /// </summary>
    /// <exception cref="SettingException">an entry is not <c>name=hex</c> (the message names the variable and the entry's position).</exception>
    public static IReadOnlyList<(string Name, string Hash)> ParseEnvironment(string value, string variable)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entries = new List<(string, string)>();
        var parts = value.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            var equals = part.IndexOf('=');
            if (equals <= 0 || equals == part.Length - 1)
                throw new SettingException(variable, $"entry {i + 1} is not name=sha256hex (write name=hex,name=hex)");
            entries.Add((part[..equals].Trim(), part[(equals + 1)..].Trim()));
        }
        return entries;
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="key"/>'s UTF-8 bytes: what to configure for it.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The name of the configured key <paramref name="presented"/> is, or null. Takes the same time whichever key (if any) matches.</summary>
    public string? Identify(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        var found = -1;
        for (var i = 0; i < _keys.Length; i++)
        {
            // No early exit: every stored hash is compared, and the match is kept without branching on it.
            var equal = CryptographicOperations.FixedTimeEquals(hash, _keys[i].Hash);
            found = equal ? i : found;
        }
        return found >= 0 ? _keys[found].Name : null;
    }

    public override string ToString() => $"ApiKeyRing [{string.Join(", ", Names)}]";

    private static string Printable(string name) => name.Length > 64 || name.Any(char.IsControl) ? "(unprintable)" : name;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();
}
