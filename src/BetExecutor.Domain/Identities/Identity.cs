using BetExecutor.Domain.Validation;

namespace BetExecutor.Domain.Identities;

/// <summary>
/// Who a bet is placed as: the platform (provider), the brand running on it (whitelabel) and the login (account).
/// All three are part of every key, entity id and log scope; two identities that differ in any part share nothing.
/// </summary>
/// <remarks>
/// Parts are trimmed and case-sensitive. They may hold only letters, digits and <c>. _ - @</c>, so the
/// key <c>provider/whitelabel/account</c> can never be produced by two different identities.
/// </remarks>
public sealed record Identity
{
    public const char KeySeparator = '/';

    /// <summary>Longest provider, whitelabel or account name; keys, entity ids and log scopes stay short.</summary>
    public const int MaxPartLength = 64;

    public string Provider { get; }
    public string Whitelabel { get; }
    public string Account { get; }

    private Identity(string provider, string whitelabel, string account)
    {
        Provider = provider;
        Whitelabel = whitelabel;
        Account = account;
    }

    /// <summary>The identity's stable key: <c>provider/whitelabel/account</c>.</summary>
    public string Key => $"{Provider}{KeySeparator}{Whitelabel}{KeySeparator}{Account}";

    public override string ToString() => Key;

    public static Identity Create(string? provider, string? whitelabel, string? account)
    {
        var errors = Validate(provider, whitelabel, account);
        if (errors.Count > 0) throw new DomainValidationException(errors);
        return new Identity(provider!.Trim(), whitelabel!.Trim(), account!.Trim());
    }

    public static IReadOnlyList<FieldError> Validate(string? provider, string? whitelabel, string? account)
    {
        var errors = new List<FieldError>();
        CheckPart("provider", provider, errors);
        CheckPart("whitelabel", whitelabel, errors);
        CheckPart("account", account, errors);
        return errors;
    }

    public static bool TryParseKey(string key, out Identity? identity)
    {
        identity = null;
        var parts = key.Split(KeySeparator);
        // A key is canonical: a padded part would name the same login under a second entity id (two cooldowns).
        if (parts.Length != 3 || parts.Any(p => p != p.Trim()) || Validate(parts[0], parts[1], parts[2]).Count > 0) return false;
        identity = new Identity(parts[0], parts[1], parts[2]);
        return true;
    }

    public static Identity ParseKey(string key) =>
        TryParseKey(key, out var identity)
            ? identity!
            : throw new FormatException($"'{key}' is not an identity key of the form provider/whitelabel/account");

    private static void CheckPart(string field, string? value, List<FieldError> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(new FieldError(field, "is required"));
            return;
        }
        if (trimmed.Length > MaxPartLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxPartLength} characters"));
            return;
        }
        foreach (var c in trimmed)
        {
            if (!IsAllowed(c))
            {
                errors.Add(new FieldError(field, $"contains {TextRules.Describe(c)}; only letters, digits and . _ - @ are allowed"));
                return;
            }
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@';
}
