using System.Text.Json.Nodes;
using BetExecutor.Domain.Identities;
using BetExecutor.Ingress.Json;

namespace BetExecutor.Ingress.Signals;

/// <summary>An identity as every ingress writes it, <c>{"provider", "whitelabel", "account"}</c>, checked with the domain's own identity rules.</summary>
public static class IdentityJson
{
    public static readonly string[] Fields = ["provider", "whitelabel", "account"];

    /// <summary>Reads field <paramref name="name"/> of <paramref name="owner"/> as an identity; null (with its errors reported) when it is not one.</summary>
    public static Identity? Read(JsonObjectReader owner, string name)
    {
        var fields = owner.Object(name, Need.Required, Fields);
        return fields is null ? null : Read(fields);
    }

    /// <summary>Reads an opened object as an identity; null (with its errors reported) when it is not one.</summary>
    public static Identity? Read(JsonObjectReader fields)
    {
        var before = fields.Errors.Count;
        var provider = fields.String("provider", Need.Required);
        var whitelabel = fields.String("whitelabel", Need.Required);
        var account = fields.String("account", Need.Required);
        fields.Errors.AddUnder(fields.Path, Identity.Validate(provider, whitelabel, account));
        return fields.Errors.Count == before ? Identity.Create(provider, whitelabel, account) : null;
    }

    public static JsonObject Write(Identity identity) => new()
    {
        ["provider"] = identity.Provider,
        ["whitelabel"] = identity.Whitelabel,
        ["account"] = identity.Account,
    };
}
