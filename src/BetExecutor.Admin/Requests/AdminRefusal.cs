using Microsoft.AspNetCore.Http;

namespace BetExecutor.Admin.Requests;

/// <summary>The stable error codes of the admin API (docs/admin-api.md: Errors).</summary>
public static class AdminErrorCodes
{
    public const string BadRequest = "bad-request";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string Refused = "refused";
    public const string TooLarge = "too-large";
    public const string Unavailable = "unavailable";
    public const string InternalError = "internal-error";
}

/// <summary>
/// An answer other than success, thrown by an endpoint and written by <see cref="AdminRequests"/> as
/// <c>{"error": {"code", "message", "field"?}}</c>. Never carries a stack trace to the caller.
/// </summary>
public sealed class AdminRefusal(int status, string code, string message, string? field = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? Field { get; } = field;

    public static AdminRefusal BadRequest(string field, string message) => new(StatusCodes.Status400BadRequest, AdminErrorCodes.BadRequest, message, field);

    public static AdminRefusal NotFound(string message) => new(StatusCodes.Status404NotFound, AdminErrorCodes.NotFound, message);

    public static AdminRefusal Refused(string message) => new(StatusCodes.Status409Conflict, AdminErrorCodes.Refused, message);

    public static AdminRefusal Unavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, AdminErrorCodes.Unavailable, message);
}
