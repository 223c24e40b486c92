using BetExecutor.Domain.Identities;

namespace BetExecutor.Admin.Requests;

/// <summary>Identities and ids taken from a path: bad ones are 400s naming the part.</summary>
internal static class PathValues
{
    /// <summary>Longest pair or signal id looked up.</summary>
    public const int MaxIdLength = 128;

    public static Identity Identity(string provider, string whitelabel, string account)
    {
        var errors = Domain.Identities.Identity.Validate(provider, whitelabel, account);
        if (errors.Count > 0)
            throw AdminRefusal.BadRequest(errors[0].Field, $"identity: {string.Join("; ", errors)}");
        return Domain.Identities.Identity.Create(provider, whitelabel, account);
    }

    public static string Id(string value, string field)
    {
        if (value.Length == 0 || value.Length > MaxIdLength || value.Any(char.IsControl))
            throw AdminRefusal.BadRequest(field, $"{field}: 1 to {MaxIdLength} printable characters");
        return value;
    }
}
