using Akka.Configuration;

namespace BetExecutor.Node.Standalone;

/// <summary>
/// Parses a deployment's HOCON file, refusing what Akka's parser lets through: an unparseable file is an error
/// naming the file and the parser's complaint, never a half-read configuration.
/// </summary>
public static class HoconFile
{
    public static Config Parse(string text, string file)
    {
        // Akka's parser stops at an unmatched closing brace and ignores the rest of the file, and never returns from an
        // unclosed list: refuse both before it runs.
        var depth = 0;
        var lists = 0;
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') line++;
            if (!quoted && (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/')))
            {
                while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                continue;
            }
            if (c == '"' && (i == 0 || text[i - 1] != '\\'))
            {
                quoted = !quoted;
                continue;
            }
            if (quoted) continue;
            if (c == '{') depth++;
            if (c == '}' && --depth < 0) throw Invalid(file, $"line {line}: a '}}' closes nothing");
            if (c == '[') lists++;
            if (c == ']' && --lists < 0) throw Invalid(file, $"line {line}: a ']' closes nothing");
        }
        if (depth > 0) throw Invalid(file, "a '{' is never closed");
        if (lists > 0) throw Invalid(file, "a '[' is never closed");
        if (quoted) throw Invalid(file, "a '\"' is never closed");
        var parsing = Task.Run(() => ConfigurationFactory.ParseString(text));
        try
        {
            // A guard for any other input the parser loops on: a settings file parses in milliseconds.
            if (!parsing.Wait(TimeSpan.FromSeconds(10))) throw Invalid(file, "the parser did not finish (check brackets and quotes)");
            return parsing.Result;
        }
        catch (AggregateException ex)
        {
            throw Invalid(file, ex.InnerException?.Message.Split('\n')[0].Trim() ?? "unreadable");
        }
    }

    private static NodeUsageException Invalid(string file, string problem) => new("BETEXECUTOR_HOCON", $"{file} is not valid HOCON: {problem}");
}
