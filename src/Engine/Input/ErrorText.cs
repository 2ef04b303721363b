using System.Globalization;
using System.Text;

namespace ModelCheck.Engine;

/// <summary>
/// Text from users inside an error message. An error is one line a person can read, so control
/// characters are escaped (a newline in a scenario name or a JSON string must not start a second line)
/// and user values are shortened: a 31 MB string is not a message.
/// </summary>
public static class ErrorText
{
    /// <summary>The longest error line printed, prefix included.</summary>
    public const int MaxLine = 300;

    /// <summary><paramref name="message"/> as one line of at most <paramref name="max"/> characters.</summary>
    public static string Line(string message, int max = MaxLine) => Shorten(message, max);

    /// <summary>A path as messages show it: escaped, and shortened to its start and end when long.</summary>
    public static string Path(string path) => Shorten(path, 120);

    /// <summary>A user's name or value in quotes, escaped and shortened.</summary>
    public static string Quote(string text) => $"'{Shorten(text, 60)}'";

    /// <summary>Escapes control characters and cuts the middle out of text longer than <paramref name="max"/>.</summary>
    public static string Shorten(string text, int max)
    {
        var escaped = Escape(text);
        if (escaped.Length <= max) return escaped;
        int head = (max - 3) * 2 / 3;
        int tail = max - 3 - head;
        // Never cut a surrogate pair in two: the halves would be the invalid text this class keeps out.
        if (char.IsHighSurrogate(escaped[head - 1])) head--;
        if (char.IsLowSurrogate(escaped[^tail])) tail--;
        return escaped[..head] + "..." + escaped[^tail..];
    }

    static string Escape(string text)
    {
        int i = 0;
        while (i < text.Length && !NeedsEscape(text, i)) i++;
        if (i == text.Length) return text;
        var b = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (!NeedsEscape(text, i)) b.Append(c);
            else if (c == '\n') b.Append("\\n");
            else if (c == '\r') b.Append("\\r");
            else if (c == '\t') b.Append("\\t");
            else b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return b.ToString();
    }

    // Control characters, and surrogates that are not half of a pair.
    static bool NeedsEscape(string s, int i)
    {
        char c = s[i];
        if (char.IsControl(c) || c is '\u2028' or '\u2029') return true;
        if (char.IsHighSurrogate(c)) return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(s[i - 1]);
        return false;
    }
}
