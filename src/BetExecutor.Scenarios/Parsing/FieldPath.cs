namespace BetExecutor.Scenarios.Parsing;

/// <summary>
/// Field paths as errors name them: <c>steps[0].signal.positive.stake</c>. The root object's path is empty, so
/// its fields are named bare (<c>seed</c>). Errors and <see cref="DocumentPositions"/> both build paths here, so
/// an error's field can always be found again in the file.
/// </summary>
internal static class FieldPath
{
    /// <summary>Names the whole document where there is no field to blame (malformed JSON, a root that is not an object).</summary>
    public const string Document = "$";

    public static string Of(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The enclosing path: <c>steps[0]</c> for <c>steps[0].at</c>, <c>steps</c> for <c>steps[0]</c>, empty at the top.</summary>
    public static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut < 0 ? "" : path[..cut];
    }
}
