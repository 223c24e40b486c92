namespace BetExecutor.Cli.Operate;

/// <summary>Why an admin call did not succeed: what the operator sees (one line) and which exit code it means.</summary>
public abstract class AdminFailure(string message) : Exception(message)
{
    /// <summary>The admin API could not be reached or gave no usable answer: exit 1.</summary>
    public sealed class Unreachable(string message) : AdminFailure(message);

    /// <summary>
    /// The server answered with an error (<c>{"error": {"code", "message", "field"}}</c>). 400 is bad usage (exit 2,
    /// naming the field); every other status is a refusal or failure (exit 1).
    /// </summary>
    public sealed class Refused(int status, string code, string? detail, string? field) : AdminFailure(Describe(status, code, detail, field))
    {
        public int Status { get; } = status;
        public string Code { get; } = code;
        public string? Field { get; } = field;
        public bool IsUsage => Status == 400;

        private static string Describe(int status, string code, string? detail, string? field)
        {
            var text = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim();
            // The server's message may already start with its field's name ("reason: a halt needs a reason").
            if (text is not null && field is { Length: > 0 } && text.StartsWith(field + ":", StringComparison.Ordinal)) text = text[(field.Length + 1)..].Trim();
            return status switch
            {
                400 => $"{OptionFor(field) ?? "request"}: {text ?? "refused as malformed"} ({code})",
                401 => $"the admin API refused the token ({code}): check --token or {AdminTarget.TokenVariable}",
                404 => $"not found: {text ?? "no such member, identity or pair"} ({code})",
                409 => $"refused: {text ?? "the state does not allow it"} ({code})",
                503 => $"the cluster did not answer in time: {text ?? "try again"} ({code})",
                _ => $"the admin API answered {status}: {text ?? "no detail"} ({code})",
            };
        }

        /// <summary>The server names its JSON field; the operator typed an option or argument.</summary>
        private static string? OptionFor(string? field) => field switch
        {
            null or "" => null,
            "reason" => "--reason",
            "address" => "ADDRESS",
            "filter" => "filter option",
            _ => field,
        };
    }
}
