using BetExecutor.Domain.Identities;

namespace BetExecutor.Scenarios.Parsing;

/// <summary>Reads <c>{"provider", "whitelabel", "account"}</c> and checks it with the domain's own identity rules.</summary>
internal static class IdentityReader
{
    public static Identity? Read(JsonObjectReader owner, string name)
    {
        var fields = owner.Object(name, Need.Required, "provider", "whitelabel", "account");
        if (fields is null) return null;

        var before = owner.Errors.Count;
        var provider = fields.String("provider", Need.Required);
        var whitelabel = fields.String("whitelabel", Need.Required);
        var account = fields.String("account", Need.Required);
        owner.Errors.AddUnder(fields.Path, Identity.Validate(provider, whitelabel, account));
        return owner.Errors.Count == before ? Identity.Create(provider, whitelabel, account) : null;
    }
}
