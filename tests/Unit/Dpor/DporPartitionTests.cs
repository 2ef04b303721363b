using ModelCheck.Engine;
using ModelCheck.Tests.Unit.Parallel;
using Xunit.Abstractions;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit.Dpor;

/// <summary>
/// DPOR cut into units for several workers or shards, against the enumerator and the single worker. For
/// N = 1..4 shards: together they reach every Mazurkiewicz trace the enumerator reaches (or the known
/// number), finish each once, reach the same final states and bug kinds, and are complete; joined, they
/// give the report of a run on N workers, which is the same for every N from 2 on. The cut run may stop a
/// different number of executions as redundant than one worker does; both figures are printed.
/// </summary>
public sealed class DporPartitionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Programs => [.. SmallPrograms.All.Select(p => p.Name)];

    static SmallProgram Program(string name) => SmallPrograms.All.Single(p => p.Name == name);

    static TestConfiguration Configuration(StrategyKind strategy, int? bound = null) =>
        new() { Strategy = strategy, Iterations = 1_000_000, AllBugs = true, StrategyValue = bound };

    static (ExplorationReport Report, Observations Seen) Run(SmallProgram program, TestConfiguration configuration, Observations? seen = null)
    {
        seen ??= new Observations();
        var report = Explorer.Explore(Inline(program.Build(seen), name: "dpor/" + program.Name), configuration);
        Assert.True(report.Complete, $"{configuration.Strategy} (shard {configuration.Shard}, {configuration.Workers} workers) did not complete {program.Name} in {report.Executions} executions");
        return (report, seen);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Shards_and_workers_reach_every_trace_once_with_the_same_bugs(string name)
    {
        var program = Program(name);
        var dpor = Configuration(StrategyKind.Dpor);
        var (single, alone) = Run(program, dpor);
        var expected = program.EnumerableByDfs ? Run(program, Configuration(StrategyKind.Dfs)).Seen : alone;
        if (program.KnownTraces is { } known) Assert.Equal(known, expected.Traces.Count);
        ExplorationReport? cut = null;
        for (int n = 1; n <= 4; n++)
        {
            var together = new Observations();
            var shards = Enumerable.Range(1, n).Select(k => Run(program, dpor with { Shard = new Shard(k, n) }, together).Report).ToList();
            var joined = SegmentFold.Join(shards[0].Scenario, dpor, shards);
            output.WriteLine($"{name}, {n} shard(s): {joined.Executions} executions ({joined.Redundant} redundant), {together.Traces.Count} traces; one worker: {single.Executions} ({single.Redundant} redundant)");
            Assert.True(joined.Complete);
            Assert.Equal(expected.Traces.Order(StringComparer.Ordinal), together.Traces.Order(StringComparer.Ordinal));
            Assert.Equal(expected.Finals, together.Finals);
            Assert.Equal(single.BugCounts.Keys, joined.BugCounts.Keys);
            if (program.UsesRWMutex) Assert.True(together.Distinct.Count >= together.Traces.Count);
            else Assert.Equal(together.Traces.Count, together.Distinct.Count);
            if (n == 1) continue;
            // From two on, N workers run what N shards run, and every N runs the same.
            var (workers, seen) = Run(program, dpor with { Workers = n });
            PartitionTests.AssertSameRun(joined, workers);
            Assert.Equal(together.Distinct.Order(), seen.Distinct.Order());
            Assert.Equal(joined.Redundant, workers.Redundant);
            cut ??= joined;
            PartitionTests.AssertSameRun(cut, joined);
        }
    }

    /// <summary>With a preemption bound, the cut run still reaches every trace bounded DFS reaches, and its shards joined are its report on workers.</summary>
    [Theory]
    [InlineData("read-then-write/3", 1)]
    [InlineData("mutex-counter/2x2", 0)]
    [InlineData("lock-order-deadlock", 1)]
    [InlineData("waitgroup-add-races-wait", 2)]
    public void Bounded_shards_reach_every_trace_bounded_dfs_reaches(string name, int bound)
    {
        var program = Program(name);
        var all = Run(program, Configuration(StrategyKind.Dfs, bound)).Seen;
        var dpor = Configuration(StrategyKind.Dpor, bound);
        var together = new Observations();
        var shards = Enumerable.Range(1, 3).Select(k => Run(program, dpor with { Shard = new Shard(k, 3) }, together).Report).ToList();
        var joined = SegmentFold.Join(shards[0].Scenario, dpor, shards);
        Assert.True(joined.Complete);
        Assert.Subset(together.Traces, all.Traces);
        PartitionTests.AssertSameRun(joined, Run(program, dpor with { Workers = 3 }).Report);
    }
}
