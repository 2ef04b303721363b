using ModelCheck.Engine;

namespace ModelCheck.Cli;

/// <summary>
/// Checks the paths a command will write to before it does any work, so a path that cannot be used is
/// one line and exit 2 at once rather than a crash after minutes of exploring. Every command that writes
/// (--outdir, --html, --junit, --json, --minimize beside a trace) asks here. A check writes nothing
/// outside the path asked for: a missing directory is created, and writability is proven by a file
/// inside it that is deleted as it is closed.
/// </summary>
public static class OutputPaths
{
    /// <summary>A directory the command writes into: created if missing, and writable.</summary>
    public static void Directory(string path, string option)
    {
        var shown = Shown(path, option);
        if (System.IO.File.Exists(path)) throw new UsageException($"{shown}: is an existing file, not a directory");
        Attempt(shown, "cannot be created", () => System.IO.Directory.CreateDirectory(path));
        var probe = System.IO.Path.Combine(path, $".modelcheck-probe-{Environment.ProcessId}");
        Attempt(shown, "is not writable", () =>
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose).Dispose());
    }

    /// <summary>A file the command writes (atomically, through a temporary file beside it): not a directory, in a writable directory.</summary>
    public static void File(string path, string option)
    {
        var shown = Shown(path, option);
        if (path.EndsWith('/') || path.EndsWith(System.IO.Path.DirectorySeparatorChar) || System.IO.Directory.Exists(path))
            throw new UsageException($"{shown}: is a directory; give a file name");
        string? directory = null;
        Attempt(shown, "is not a usable path", () => directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)));
        if (directory is null) throw new UsageException($"{shown}: is not a file path");
        Directory(directory, option);
    }

    static string Shown(string path, string option)
    {
        var shown = $"{option} {ErrorText.Path(path)}";
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option} needs a path");
        if (path.Contains('\0')) throw new UsageException($"{shown}: the path contains a NUL character");
        return shown;
    }

    static void Attempt(string shown, string problem, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{shown}: {problem} ({e.Message})");
        }
    }
}
