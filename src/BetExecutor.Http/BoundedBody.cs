using System.Text;
using Microsoft.AspNetCore.Http;

namespace BetExecutor.Http;

/// <summary>
/// Reads a request body of at most a given size. A declared length over it is refused before a byte is read; an
/// undeclared (chunked) body is read only up to one byte past the limit, so no body is ever buffered unbounded.
/// </summary>
/// <remarks>
/// A refused body is then read and thrown away up to <see cref="DrainLimit"/>, so the client (which usually sends
/// its whole body before it reads) gets its 413 rather than a connection reset; past that the connection is closed.
/// </remarks>
public static class BoundedBody
{
    public abstract record Result
    {
        private Result() { }
        public sealed record Text(string Value) : Result;
        public sealed record TooLarge : Result;
        public sealed record NotUtf8 : Result;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>How much of a refused body is read (and discarded) so that its sender hears the answer.</summary>
    public const long DrainLimit = 1024 * 1024;

    /// <summary>Reads and discards what is left of the body, up to <see cref="DrainLimit"/> bytes in all; false when more was left.</summary>
    public static async Task<bool> DrainAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > DrainLimit) return false;
        var scratch = new byte[16 * 1024];
        long drained = 0;
        while (drained <= DrainLimit)
        {
            var n = await request.Body.ReadAsync(scratch, cancellationToken);
            if (n == 0) return true;
            drained += n;
        }
        return false;
    }

    public static async Task<Result> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > maxBytes) return new Result.TooLarge();
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0) break;
            read += n;
        }
        if (read > maxBytes) return new Result.TooLarge();
        try
        {
            return new Result.Text(StrictUtf8.GetString(buffer, 0, read));
        }
        catch (DecoderFallbackException)
        {
            return new Result.NotUtf8();
        }
    }
}
