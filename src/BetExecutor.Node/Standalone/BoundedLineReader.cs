using System.Text;

namespace BetExecutor.Node.Standalone;

/// <summary>
/// Reads lines of at most a given length from a text stream. A longer line is consumed to its end without being
/// kept, and reported by its length only: one runaway writer cannot make the node hold megabytes per line.
/// </summary>
public sealed class BoundedLineReader(TextReader input, int maxLength)
{
    private readonly char[] _buffer = new char[8192];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>One line read: its text, or (when it was longer than allowed) how long it was.</summary>
    public readonly record struct Line(string? Text, long Length)
    {
        public bool TooLong => Text is null;
    }

    /// <summary>The next line without its line break, or null at the end of the input.</summary>
    public async Task<Line?> ReadAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        long length = 0;
        while (true)
        {
            if (_start == _end)
            {
                if (_eof) return length == 0 && text.Length == 0 ? null : Finish(text, length);
                _start = 0;
                _end = await input.ReadAsync(_buffer.AsMemory(), cancellationToken);
                if (_end == 0)
                {
                    _eof = true;
                    continue;
                }
            }
            var newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            var count = stop - _start;
            if (length + count <= maxLength + 1) text.Append(_buffer, _start, count); // +1: a trailing \r is not part of the line
            length += count;
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0) return Finish(text, length);
        }
    }

    private Line Finish(StringBuilder text, long length)
    {
        if (text.Length > 0 && text[^1] == '\r' && length <= maxLength + 1)
        {
            text.Length--;
            length--;
        }
        return length > maxLength ? new Line(null, length) : new Line(text.ToString(), length);
    }
}
