using System.Text.Json;

namespace BetExecutor.Cli.Operate.Rendering;

/// <summary>
/// A plain-text table: upper-case headers, columns two spaces apart, left-aligned, no trailing spaces. An empty
/// table prints its headers and <c>(none)</c>, so an empty answer is never mistaken for a failure.
/// </summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public Table Add(params string?[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"a row of {cells.Length} cells in a table of {headers.Length} columns");
        _rows.Add(cells.Select(c => string.IsNullOrEmpty(c) ? JsonText.None : OneLine(c)).ToArray());
        return this;
    }

    public void Write(TextWriter output, string indent = "")
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(indent + Line(headers, widths));
        foreach (var row in _rows) output.WriteLine(indent + Line(row, widths));
        if (_rows.Count == 0) output.WriteLine(indent + "(none)");
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    /// <summary>A cell is one line: a server's multi-line text would break the columns.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

/// <summary>A table of JSON objects whose fields the server decides: one column per field, in the order first seen.</summary>
public static class ObjectTable
{
    public static Table From(IEnumerable<JsonElement> objects)
    {
        var items = objects.Where(o => o.ValueKind == JsonValueKind.Object).ToList();
        var names = items.SelectMany(o => o.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        var table = new Table(names.Select(Header).ToArray());
        foreach (var item in items) table.Add(names.Select(n => JsonText.Text(item, n)).ToArray());
        return table;
    }

    /// <summary><c>cooldownUntil</c> → <c>COOLDOWN UNTIL</c>.</summary>
    public static string Header(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + c : char.ToUpperInvariant(c).ToString()));
}
