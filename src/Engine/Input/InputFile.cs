using System.Text.Json;

namespace ModelCheck.Engine;

/// <summary>
/// Reading the files users hand us (coyote.json, traces, litmus tests, histories): every failure becomes
/// the caller's own one-line error, so bad input never surfaces as a stack trace.
/// </summary>
public static class InputFile
{
    /// <summary>The whole text of <paramref name="path"/>; a file that cannot be read becomes <paramref name="error"/>'s exception.</summary>
    public static string ReadText(string path, Func<string, Exception> error)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw error($"{path}: cannot be read ({e.Message})");
        }
    }

    /// <summary>Parses JSON; a syntax error becomes <paramref name="error"/>'s exception, naming <paramref name="source"/>.</summary>
    public static JsonDocument ParseJson(string text, string source, Func<string, Exception> error)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw error($"{source}: not valid JSON ({e.Message})");
        }
    }
}
