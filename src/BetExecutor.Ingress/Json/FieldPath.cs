namespace BetExecutor.Ingress.Json;

/// <summary>
/// Field paths as errors name them: <c>steps[0].signal.positive.stake</c>. The root object's path is empty, so
/// its fields are named bare (<c>seed</c>). Errors and <see cref="DocumentPositions"/> both build paths here, so
/// an error's field can always be found again in the file.
/// </summary>
public static class FieldPath
{
    /// <summary>Names the whole document where there is no field to blame (malformed JSON, a root that is not an object).</summary>
    public const string Document = "$";

    private const int MaxPlainNameLength = 64;

    /// <summary>
    /// The path of field <paramref name="name"/> of the object at <paramref name="parent"/>. A name that is not a
    /// plain word (an unknown field someone wrote with spaces, control characters or a megabyte of text) is written
    /// in brackets, cut, with every other character shown as <c>?</c> (<c>positive["st?ake"]</c>), so an error
    /// about it can be echoed safely and its path still has a parent.
    /// </summary>
    public static string Of(string parent, string name)
    {
        if (IsPlain(name)) return parent.Length == 0 ? name : $"{parent}.{name}";
        var shown = new string(name.Take(32).Select(c => IsPlainChar(c) ? c : '?').ToArray());
        return $"{parent}[\"{shown}{(name.Length > 32 ? "…" : "")}\"]";
    }

    private static bool IsPlainChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static bool IsPlain(string name) => name.Length is > 0 and <= MaxPlainNameLength && name.All(IsPlainChar);

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The enclosing path: <c>steps[0]</c> for <c>steps[0].at</c>, <c>steps</c> for <c>steps[0]</c>, empty at the top.</summary>
    public static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut < 0 ? "" : path[..cut];
    }
}
