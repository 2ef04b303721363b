using System.Collections.Concurrent;
using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit.Parallel;

/// <summary>
/// Workers and shards divide a run's space without changing it: for every strategy and N = 1..4, the
/// shards' reports joined, and a run on N workers, equal the single run: the same executions (counted,
/// and the multiset of their choice sequences compared), the same bugs, the same complete verdict.
/// Small scenarios and budgets keep this cheap.
/// </summary>
public sealed class PartitionTests
{
    public static TheoryData<string, StrategyKind, int, bool> Cases()
    {
        var data = new TheoryData<string, StrategyKind, int, bool>();
        foreach (var strategy in new[] { StrategyKind.Random, StrategyKind.Pct, StrategyKind.Dfs })
            foreach (var (scenario, allBugs) in new[] { ("engine/mutex-counter", false), ("engine/racy-counter", false), ("engine/racy-counter", true), ("engine/lock-order-deadlock", true) })
                for (int n = 1; n <= 4; n++)
                    data.Add(scenario, strategy, n, allBugs);
        return data;
    }

    static TestConfiguration Configuration(StrategyKind strategy, bool allBugs) =>
        With(strategy, iterations: strategy == StrategyKind.Dfs ? 100_000 : 300, seed: 7) with { AllBugs = allBugs };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_shards_joined_equal_the_single_run(string name, StrategyKind strategy, int n, bool allBugs)
    {
        var scenario = Named(name);
        var configuration = Configuration(strategy, allBugs);
        var single = Run(scenario, configuration);
        var shards = Enumerable.Range(1, n).Select(k => Run(scenario, configuration with { Shard = new Shard(k, n) })).ToList();
        AssertSameRun(single, SegmentFold.Join(scenario, configuration, shards));
        if (allBugs || single.Bugs.Count == 0)
            Assert.Equal(single.Executions, shards.Sum(s => s.Executions));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Workers_give_the_single_workers_report(string name, StrategyKind strategy, int n, bool allBugs)
    {
        var scenario = Named(name);
        var configuration = Configuration(strategy, allBugs);
        AssertSameRun(Run(scenario, configuration), Run(scenario, configuration with { Workers = n }));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Dfs_with_a_budget_on_workers_stops_after_the_same_executions(int workers)
    {
        // The budget ends inside the search: the first 100 executions in depth-first order, on any number of workers.
        var configuration = With(StrategyKind.Dfs, iterations: 100);
        var single = Run(Named("engine/mutex-counter"), configuration);
        Assert.False(single.Complete);
        AssertSameRun(single, Run(Named("engine/mutex-counter"), configuration with { Workers = workers }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_execution_of_a_depth_first_search_runs_in_exactly_one_shard(int n)
    {
        // Recorded by the scenario itself, independently of the digests: the choice sequences the shards
        // ran are the single run's, and the executions they count add up to the single run's.
        var scenario = Named("gomap/locked/mutex-small");
        var configuration = With(StrategyKind.Dfs, iterations: 100_000);
        var (single, executions) = Sequences(scenario, configuration);
        Assert.Equal(134, executions);
        Assert.Equal(134, single.Count);
        var shards = Enumerable.Range(1, n).Select(k => Sequences(scenario, configuration with { Shard = new Shard(k, n), Workers = 2 })).ToList();
        Assert.Equal(single.Order(StringComparer.Ordinal), shards.SelectMany(s => s.Seen).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(executions, shards.Sum(s => s.Executions));
    }

    public static TheoryData<string, int, bool> DporCases()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var (scenario, allBugs) in new[] { ("engine/mutex-counter", false), ("engine/racy-counter", false), ("engine/racy-counter", true), ("engine/lock-order-deadlock", false) })
            for (int n = 2; n <= 4; n++)
                data.Add(scenario, n, allBugs);
        return data;
    }

    /// <summary>
    /// DPOR on two or more workers, or in shards, runs its cut search (see <see cref="TreeExplorer"/>): the
    /// shards joined equal a run on N workers, which equals a run on two, and the verdict is one worker's.
    /// </summary>
    [Theory]
    [MemberData(nameof(DporCases))]
    public void Dpor_shards_joined_equal_a_run_on_workers(string name, int n, bool allBugs)
    {
        var scenario = Named(name);
        var configuration = With(StrategyKind.Dpor, iterations: 100_000) with { AllBugs = allBugs };
        var single = Run(scenario, configuration);
        var workers = Run(scenario, configuration with { Workers = n });
        var shards = Enumerable.Range(1, n).Select(k => Run(scenario, configuration with { Shard = new Shard(k, n) })).ToList();
        AssertSameRun(workers, SegmentFold.Join(scenario, configuration, shards));
        AssertSameRun(Run(scenario, configuration with { Workers = 2 }), workers);
        Assert.Equal(single.Observed, workers.Observed);
        Assert.Equal(single.Complete, workers.Complete);
        if (allBugs) Assert.Equal(single.BugCounts.Keys, workers.BugCounts.Keys);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Dpor_with_a_budget_on_workers_stops_after_the_same_executions(int workers)
    {
        // The budget ends inside the cut search: its first 7 executions in depth-first order, on any number of workers.
        var configuration = With(StrategyKind.Dpor, iterations: 7);
        var two = Run(Named("engine/mutex-counter"), configuration with { Workers = 2 });
        Assert.False(two.Complete);
        Assert.Equal(7, two.Executions);
        AssertSameRun(two, Run(Named("engine/mutex-counter"), configuration with { Workers = workers }));
    }

    // The distinct choice sequences of the executions that ran to the end of the scenario's main task, and
    // the executions the run counted. A worker runs a short execution to its end before it knows whose
    // unit it is, so the sequences seen may include executions another shard or worker counts.
    static (HashSet<string> Seen, int Executions) Sequences(Scenario scenario, TestConfiguration configuration)
    {
        var seen = new ConcurrentBag<string>();
        var recording = scenario with
        {
            Entry = async rt =>
            {
                await scenario.Entry(rt);
                seen.Add(string.Join(" ", rt.Choices.ToArray()));
            },
        };
        var report = Run(recording, configuration);
        Assert.True(report.Complete);
        return (seen.ToHashSet(), report.Executions);
    }

    internal static void AssertSameRun(ExplorationReport expected, ExplorationReport actual)
    {
        Assert.Equal(expected.Executions, actual.Executions);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Digest, actual.Digest);
        Assert.Equal(expected.BoundReached, actual.BoundReached);
        Assert.Equal(expected.Complete, actual.Complete);
        Assert.Equal(expected.BugCounts, actual.BugCounts);
        Assert.Equal(expected.Bugs.Count, actual.Bugs.Count);
        foreach (var (e, a) in expected.Bugs.Zip(actual.Bugs))
        {
            Assert.Equal(e.Bug, a.Bug);
            Assert.Equal(e.Iteration, a.Iteration);
            Assert.Equal(e.Choices, a.Choices);
        }
    }
}
