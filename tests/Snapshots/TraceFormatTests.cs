using ModelCheck.Cli;
using ModelCheck.Engine;

namespace ModelCheck.Tests.Snapshots;

/// <summary>A trace written by an engine with another trace format is refused with one clear line, never misread.</summary>
public sealed class TraceFormatTests
{
    static string OtherVersion()
    {
        var text = File.ReadAllText(Path.Combine(Repository.TracesDirectory, Repository.CommittedTraces()[0]));
        Assert.Contains($"\"version\": {TraceFile.Version},", text);
        return text.Replace($"\"version\": {TraceFile.Version},", $"\"version\": {TraceFile.Version + 98},");
    }

    [Fact]
    public void A_trace_of_another_format_version_is_refused_naming_both_versions()
    {
        var error = Assert.Throws<TraceFormatException>(() => TraceFile.Parse(OtherVersion(), "old.trace.json"));
        Assert.Equal($"old.trace.json: trace format version {TraceFile.Version + 98} is not supported (this engine reads version {TraceFile.Version})", error.Message);
    }

    [Fact]
    public void Replaying_a_trace_of_another_format_version_is_one_error_line_and_exit_code_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelcheck-version-{Environment.ProcessId}.trace.json");
        File.WriteAllText(path, OtherVersion());
        try
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            int exit = CommandLine.Run(["replay", path], output, error);
            Assert.Equal(CommandLine.BadInput, exit);
            Assert.Equal("", output.ToString());
            Assert.Equal($"modelcheck: {path}: trace format version {TraceFile.Version + 98} is not supported (this engine reads version {TraceFile.Version})\n",
                error.ToString().Replace("\r\n", "\n"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
