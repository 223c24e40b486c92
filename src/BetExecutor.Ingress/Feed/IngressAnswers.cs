using System.Text.Json.Nodes;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Ingress.Feed;

/// <summary>
/// The error answer every ingress gives for input it refuses:
/// <c>{"signalId": "s-1" | null, "errors": [{"field": "execute.positive.stake", "message": "appears more than once"}]}</c>.
/// The feed writes it as <c>{"error": ...}</c>; the gateway as a 400 body.
/// </summary>
public static class IngressAnswers
{
    /// <summary>At most this many errors are listed, so an answer to a line of ten thousand unknown fields stays short.</summary>
    public const int MaxErrorsListed = 20;

    public static JsonObject Error(string? signalId, IReadOnlyList<FieldError> errors)
    {
        var list = new JsonArray();
        foreach (var error in errors.Take(MaxErrorsListed))
            list.Add(new JsonObject { ["field"] = error.Field, ["message"] = error.Message });
        if (errors.Count > MaxErrorsListed)
            list.Add(new JsonObject { ["field"] = Json.FieldPath.Document, ["message"] = $"and {errors.Count - MaxErrorsListed} more errors" });
        return new JsonObject { ["signalId"] = signalId, ["errors"] = list };
    }
}
