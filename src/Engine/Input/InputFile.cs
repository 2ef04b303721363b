using System.Text;
using System.Text.Json;

namespace ModelCheck.Engine;

/// <summary>
/// Reading the files users hand us (coyote.json, traces, litmus tests, histories), the one way all four
/// are read. A file is read only when it is a regular file of at most <see cref="MaxBytes"/>: a device or a
/// FIFO is never opened (one streams zeros forever, the other blocks until a writer comes). The text must be
/// UTF-8, and the JSON may neither repeat a key in an object nor hold a string that is not valid UTF-16
/// (a lone surrogate escape such as "\ud800"), because the readers behind it assume both. Every failure
/// becomes the caller's own one-line error, so bad input never surfaces as a stack trace.
/// </summary>
public static class InputFile
{
    /// <summary>The largest input file read: far above any trace, test or history the tool writes or needs.</summary>
    public const long MaxBytes = 16 << 20;

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The whole text of <paramref name="path"/>; a file that cannot or must not be read becomes <paramref name="error"/>'s exception.</summary>
    public static string ReadText(string path, Func<string, Exception> error)
    {
        var shown = ErrorText.Path(path);
        if (path.Contains('\0')) throw error($"{shown}: not a valid path (it contains a NUL character)");
        byte[] bytes;
        try
        {
            if (Directory.Exists(path)) throw error($"{shown}: is a directory, not a file");
            var info = new FileInfo(path);
            if (!info.Exists) throw error($"{shown}: not found");
            // A device, FIFO or socket reports length 0, and so does an empty file: neither holds JSON.
            if (info.Length == 0) throw error($"{shown}: is empty or not a regular file (devices, FIFOs and sockets are never read)");
            if (info.Length > MaxBytes) throw error($"{shown}: is {Megabytes(info.Length)}; input files are limited to {Megabytes(MaxBytes)}");
            bytes = ReadAtMost(path, MaxBytes + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw error($"{shown}: cannot be read ({e.Message})");
        }
        if (bytes.Length > MaxBytes) throw error($"{shown}: is larger than {Megabytes(MaxBytes)}, the limit for input files");
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw error($"{shown}: is not UTF-8 text");
        }
    }

    /// <summary>The JSON of the file at <paramref name="path"/>, checked as <see cref="ParseJson"/> does.</summary>
    public static JsonDocument ReadJson(string path, Func<string, Exception> error) =>
        ParseJson(ReadText(path, error), path, error);

    /// <summary>
    /// Parses JSON and checks what System.Text.Json lets through: a key repeated in one object and strings
    /// that are not valid UTF-16. Any problem becomes <paramref name="error"/>'s exception, naming
    /// <paramref name="source"/> (unless empty: the caller names it) and, for those two, where in the document it is.
    /// </summary>
    public static JsonDocument ParseJson(string text, string source, Func<string, Exception> error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw error($"{Prefix(source)}not valid JSON ({e.Message})");
        }
        if (Problem(document.RootElement) is { } problem)
        {
            document.Dispose();
            throw error($"{Prefix(source)}{(problem.Path.Length > 0 ? problem.Path + ": " : "")}{problem.Text}");
        }
        return document;
    }

    /// <summary>A JSON value as an error message may show it: a scalar shortened, never a whole object or array.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => ErrorText.Shorten(value.GetRawText(), 40),
    };

    // The first problem in document order and where it is (".a[2].b"); recursion is bounded by the
    // parser's maximum depth of 64.
    static (string Path, string Text)? Problem(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in e.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return ("", "a key is not valid UTF-16 text (a lone surrogate such as \\ud800)");
                    }
                    if (!names.Add(name)) return ("", $"the key {ErrorText.Quote(name)} appears twice");
                    if (Problem(property.Value) is { } inner) return ($"{ErrorText.Shorten(name, 40)}{Dot(inner.Path)}", inner.Text);
                }
                return null;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (Problem(item) is { } inner) return ($"[{index}]{Dot(inner.Path)}", inner.Text);
                    index++;
                }
                return null;
            case JsonValueKind.String:
                try
                {
                    e.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return ("", "a string is not valid UTF-16 text (a lone surrogate such as \\ud800)");
                }
            default:
                return null;
        }
    }

    static string Prefix(string source) => source.Length == 0 ? "" : ErrorText.Path(source) + ": ";

    static string Dot(string path) => path.Length == 0 || path[0] == '[' ? path : "." + path;

    static byte[] ReadAtMost(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
