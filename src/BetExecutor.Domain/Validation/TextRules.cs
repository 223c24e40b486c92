using System.Globalization;
using System.Text;

namespace BetExecutor.Domain.Validation;

/// <summary>
/// Bounds on the free text an input carries (market and selection names): a length, and only characters that
/// print as themselves. Control characters (ANSI escapes start with one), format characters (zero-width and
/// bidirectional overrides), line breaks, private-use and unassigned code points and lone surrogates are refused:
/// such text would travel to a venue, into every event of the journal and into operators' terminals and logs.
/// </summary>
public static class TextRules
{
    /// <summary>Longest market or selection name. Real ones are a few dozen characters.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Longest signal or event id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Ids are keys in the journal and log scopes: letters, digits and <c>. _ - :</c> only.</summary>
    public static void CheckId(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new FieldError(field, "is required"));
            return;
        }
        if (value.Length > MaxIdLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxIdLength} characters, not {value.Length}"));
            return;
        }
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':') continue;
            errors.Add(new FieldError(field, $"contains {Describe(c)}; only letters, digits and . _ - : are allowed"));
            return;
        }
    }

    /// <summary>A name shown to people and sent to a venue: printable, not blank, at most <see cref="MaxNameLength"/> characters.</summary>
    public static void CheckName(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "is required"));
            return;
        }
        if (value.Length > MaxNameLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxNameLength} characters, not {value.Length}"));
            return;
        }
        for (var i = 0; i < value.Length; i++)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                errors.Add(new FieldError(field, $"contains {Describe(value[i])} (half of a surrogate pair); only printable text is allowed"));
                return;
            }
            if (!IsPrintable(rune))
            {
                errors.Add(new FieldError(field, $"contains {Describe(rune)}; only letters, digits, spaces, punctuation and symbols are allowed"));
                return;
            }
            i += used - 1;
        }
    }

    /// <summary>
    /// The form in which two names are compared: surrounding whitespace removed, every inner run of whitespace one
    /// space, upper case. <c>"Home"</c>, <c>"home "</c> and <c>" HOME"</c> name the same selection at any venue
    /// that matters here, so a rule that compares selections must not be fooled by the difference.
    /// </summary>
    public static string Normalise(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }

    public static bool SameName(string a, string b) => Normalise(a) == Normalise(b);

    /// <summary>A character as an error may show it: the character itself only when it prints as itself, otherwise its code point.</summary>
    public static string Describe(char c) =>
        Rune.TryCreate(c, out var rune) ? Describe(rune) : $"U+{(int)c:X4}";

    public static string Describe(Rune rune) =>
        IsPrintable(rune) && (rune.Value == ' ' || !Rune.IsWhiteSpace(rune)) ? $"'{rune}'" : $"U+{rune.Value:X4} ({Category(rune)})";

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate
            or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };

    private static string Category(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control => "a control character",
        UnicodeCategory.Format => "an invisible format character",
        UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => "a line break",
        UnicodeCategory.PrivateUse => "a private-use character",
        UnicodeCategory.OtherNotAssigned => "an unassigned character",
        UnicodeCategory.SpaceSeparator => "a space",
        _ => "a character not allowed here",
    };
}
