using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Cli.Operate;

/// <summary>
/// IDENTITY and PAIR arguments as the operator types them, and the admin API paths they name. Every part is
/// escaped into its own path segment, so no argument can reach another endpoint.
/// </summary>
public static class Paths
{
    public static string Segment(string part) => Uri.EscapeDataString(part);

    /// <summary><c>provider/whitelabel/account</c>, checked as the executor checks identity keys.</summary>
    public static Identity Identity(string argument, string name = "IDENTITY") =>
        Domain.Identities.Identity.TryParseKey(argument, out var identity)
            ? identity!
            : throw new OperatorCommand.UsageProblem(
                $"{name}: '{argument}' is not an identity of the form provider/whitelabel/account (letters, digits and . _ - @)");

    public static string Of(Identity identity) =>
        $"identities/{Segment(identity.Provider)}/{Segment(identity.Whitelabel)}/{Segment(identity.Account)}";

    /// <summary>A pair: <c>provider/whitelabel/account/pairId</c>, or a bare pair id (<see cref="PairRef.Bare"/>).</summary>
    public static PairRef Pair(string argument, string name = "PAIR")
    {
        var text = argument.Trim();
        if (text.Length == 0 || text != argument) throw new OperatorCommand.UsageProblem($"{name}: '{argument}' is empty or padded with spaces");
        var cut = text.LastIndexOf(Domain.Identities.Identity.KeySeparator);
        if (cut < 0) return new PairRef(null, Id(text, name));
        if (!Domain.Identities.Identity.TryParseKey(text[..cut], out var identity))
            throw new OperatorCommand.UsageProblem(
                $"{name}: '{argument}' is not a pair of the form provider/whitelabel/account/pairId (or a bare pairId)");
        return new PairRef(identity, Id(text[(cut + 1)..], name));
    }

    /// <summary>A pair or signal id, checked as the executor checks signal ids.</summary>
    public static string Id(string value, string name)
    {
        var errors = new List<FieldError>();
        TextRules.CheckId(name, value, errors);
        return errors.Count == 0 ? value : throw new OperatorCommand.UsageProblem(errors[0].ToString());
    }
}

/// <summary>A pair as given: with its identity, or a bare pair id the server looks up (<c>GET /pairs/{pairId}</c>).</summary>
public sealed record PairRef(Identity? Identity, string PairId)
{
    public string Display => Identity is null ? PairId : $"{Identity.Key}/{PairId}";
}
