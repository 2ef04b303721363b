using ModelCheck.Cli;
using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit.Parallel;

/// <summary>
/// `test --diagnostics` and the figures behind it (<see cref="RunDiagnostics"/>): one load per worker
/// thread, whose executions and parts add up to the run's, and nothing of it in the results.
/// </summary>
public sealed class DiagnosticsTests
{
    [Theory]
    [InlineData(StrategyKind.Random, 1)]
    [InlineData(StrategyKind.Random, 2)]
    [InlineData(StrategyKind.Dfs, 1)]
    [InlineData(StrategyKind.Dfs, 3)]
    [InlineData(StrategyKind.Dpor, 1)]
    [InlineData(StrategyKind.Portfolio, 1)]
    public void Every_worker_has_a_load_and_the_loads_add_up_to_the_run(StrategyKind strategy, int workers)
    {
        var report = Run(Named("engine/mutex-counter"), With(strategy, iterations: 500) with { Workers = workers });
        var d = report.Diagnostics ?? throw new Xunit.Sdk.XunitException("no diagnostics");
        Assert.Equal(workers, d.Workers.Count);
        // Walkers of a cut tree also start executions they stop where another worker's unit begins.
        if (strategy == StrategyKind.Random) Assert.Equal(report.Executions, d.Workers.Sum(w => w.Executions));
        else Assert.True(d.Workers.Sum(w => w.Executions) >= report.Executions);
        Assert.True(d.Workers.Sum(w => w.Parts) >= (workers == 1 ? 1 : report.Segments.Count));
        Assert.All(d.Workers, w => Assert.True(w.Wall > TimeSpan.Zero));
        if (OperatingSystem.IsLinux()) Assert.All(d.Workers, w => Assert.True(w.Cpu > TimeSpan.Zero));
        Assert.True(d.AllocatedBytes > 0);
        Assert.True(d.Gen0Collections >= d.Gen1Collections && d.Gen1Collections >= d.Gen2Collections);
    }

    [Fact]
    public void The_option_prints_per_worker_figures_to_stderr_and_leaves_stdout_alone()
    {
        var directory = Directory.CreateTempSubdirectory("modelcheck-diagnostics-");
        try
        {
            var config = Path.Combine(directory.FullName, "coyote.json");
            File.WriteAllText(config, $$"""{ "seed": 4, "outdir": "{{directory.FullName.Replace("\\", "/")}}" }""");
            (string Out, string Error) Test(params string[] extra)
            {
                var (output, error) = (new StringWriter(), new StringWriter());
                Assert.Equal(CommandLine.Ok, CommandLine.Run(
                    ["test", "engine/mutex-counter", "--strategy", "random", "-i", "400", "--workers", "2", "--config", config, .. extra], output, error));
                return (output.ToString(), error.ToString());
            }
            var plain = Test();
            var with = Test("--diagnostics");
            Assert.Equal(plain.Out, with.Out);
            Assert.DoesNotContain("workers", plain.Error);
            var workers = with.Error.Split('\n').Single(l => l.TrimStart().StartsWith("workers", StringComparison.Ordinal));
            Assert.Matches(@"^  workers   2: executions (\d+) / (\d+), parts \d+ / \d+, cpu \S+ / \S+, wall \d+\.\d\ds / \d+\.\d\ds$", workers.TrimEnd('\r'));
            var counts = System.Text.RegularExpressions.Regex.Match(workers, @"executions (\d+) / (\d+)");
            Assert.Equal(400, int.Parse(counts.Groups[1].Value) + int.Parse(counts.Groups[2].Value));
            Assert.Contains(with.Error.Split('\n'), l => l.StartsWith("  process   cpu ", StringComparison.Ordinal) && l.Contains("gen0") && l.Contains("lock contentions"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
