using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// Verify's conventions without Verify (which cannot be restored here): the expected text lives in
/// <c>&lt;TestClass&gt;.&lt;TestMethod&gt;[_parameter].verified.txt</c> beside the test's source file. On a
/// mismatch the actual text is written to the matching <c>.received.txt</c> and the test fails with a
/// line diff. Received files are accepted by renaming them, or by running the tests with
/// MODELCHECK_ACCEPT=1, which is ignored when CI=true: CI never accepts anything.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "MODELCHECK_ACCEPT";

    public static void Verify(this object test, string actual, string? parameter = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        var directory = Path.GetDirectoryName(sourceFile)!;
        var name = $"{test.GetType().Name}.{method}{(parameter is null ? "" : "_" + FileSafe(parameter))}";
        var verifiedPath = Path.Combine(directory, name + ".verified.txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");
        actual = Normalise(actual);
        var verified = File.Exists(verifiedPath) ? Normalise(File.ReadAllText(verifiedPath)) : null;
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        if (AcceptsLocally)
        {
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        var why = verified is null
            ? $"no verified snapshot {Path.GetFileName(verifiedPath)} yet; the received text is in {Path.GetFileName(receivedPath)}"
            : $"{Path.GetFileName(verifiedPath)} differs from the received text ({Path.GetFileName(receivedPath)}):\n{Diff(verified, actual)}";
        Assert.Fail($"snapshot mismatch: {why}\nto accept: rename the .received.txt to .verified.txt, or run with {AcceptVariable}=1 (not in CI)");
    }

    /// <summary>True when received text may replace verified text: asked for, and not in CI.</summary>
    public static bool AcceptsLocally =>
        Environment.GetEnvironmentVariable(AcceptVariable) == "1"
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A unified-style line diff: "-" lines only in the verified text, "+" lines only in the received one.</summary>
    public static string Diff(string verified, string received)
    {
        var text = new StringBuilder();
        foreach (var line in new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(verified, received, ignoreWhitespace: false).Lines)
        {
            char mark = line.Type switch { ChangeType.Deleted => '-', ChangeType.Inserted => '+', _ => ' ' };
            text.Append(mark).Append(' ').Append(line.Text).Append('\n');
        }
        return text.ToString();
    }

    static string Normalise(string text) => text.Replace("\r\n", "\n");

    static string FileSafe(string parameter)
    {
        var safe = new StringBuilder(parameter.Length);
        foreach (char c in parameter) safe.Append(char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        return safe.ToString();
    }
}
