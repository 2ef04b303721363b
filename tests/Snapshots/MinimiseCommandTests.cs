using ModelCheck.Cli;
using ModelCheck.Engine;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// `replay --minimize --html` end to end: the minimised trace lands beside the original, the report is
/// written, and what the command prints (before/after counts, depth, the minimised table) is snapshotted.
/// </summary>
public sealed class MinimiseCommandTests
{
    [Fact]
    public void Replay_minimize_writes_the_minimised_trace_and_the_report_and_prints_the_shrinkage()
    {
        var directory = Directory.CreateTempSubdirectory("modelcheck-minimise-");
        try
        {
            // A committed trace minimises to itself; an unminimised one is made by exploring.
            var scenario = Repository.Catalog.Find("engine/racy-counter")!;
            var report = Explorer.Explore(scenario, new TestConfiguration { Iterations = 100, Seed = 1 });
            var path = Path.Combine(directory.FullName, "racy.trace.json");
            TraceFile.From(report, report.Bugs[0]).Write(path);
            var html = Path.Combine(directory.FullName, "racy.html");

            var (output, error) = (new StringWriter(), new StringWriter());
            int exit = CommandLine.Run(["replay", path, "--minimize", "--html", html], output, error);

            Assert.Equal(CommandLine.Ok, exit);
            Assert.Equal("", error.ToString());
            var minimised = TraceFile.Read(Path.Combine(directory.FullName, "racy.min.trace.json"));
            Assert.True(Replayer.Replay(scenario, minimised).Reproduced);
            Assert.Contains("data-ready", File.ReadAllText(html));
            this.Verify(output.ToString().Replace(directory.FullName, "<dir>"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
