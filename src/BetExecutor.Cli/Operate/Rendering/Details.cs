namespace BetExecutor.Cli.Operate.Rendering;

/// <summary>One object as aligned <c>label: value</c> lines (identity show, exposure show, signal show).</summary>
public sealed class Details
{
    private readonly List<(string Label, string Value)> _lines = [];

    public Details Add(string label, string? value)
    {
        _lines.Add((label, string.IsNullOrEmpty(value) ? JsonText.None : value.ReplaceLineEndings(" ")));
        return this;
    }

    public void Write(TextWriter output, string indent = "")
    {
        var width = _lines.Count == 0 ? 0 : _lines.Max(l => l.Label.Length) + 1;
        foreach (var (label, value) in _lines) output.WriteLine($"{indent}{(label + ":").PadRight(width)}  {value}");
    }
}
