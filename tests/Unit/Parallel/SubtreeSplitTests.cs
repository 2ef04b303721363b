using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;
using static ModelCheck.Tests.Unit.Parallel.PartitionTests;

namespace ModelCheck.Tests.Unit.Parallel;

/// <summary>
/// A depth-first search on several workers splits units while it runs (<see cref="SubtreeExchange"/>),
/// at points that depend on thread timing. Splitting eagerly (whenever a unit has something left to
/// give, whether or not a worker waits) exercises many splits and orders of parts: the report must stay
/// the single run's, on any number of workers and in shards.
/// </summary>
public sealed class SubtreeSplitTests
{
    public static TheoryData<string, int?, bool, int> Cases()
    {
        var data = new TheoryData<string, int?, bool, int>();
        foreach (var (scenario, bound, allBugs) in new (string, int?, bool)[]
                 {
                     ("engine/mutex-counter", null, false), ("engine/racy-counter", null, false), ("engine/racy-counter", null, true),
                     ("engine/lock-order-deadlock", null, true), ("gomap/locked/mutex-small", 1, false),
                 })
            for (int n = 2; n <= 4; n++)
                data.Add(scenario, bound, allBugs, n);
        return data;
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(false, 3)]
    [InlineData(true, 2)]
    [InlineData(true, 4)]
    public void A_bug_in_a_split_unit_is_numbered_as_in_the_single_run(bool allBugs, int n)
    {
        var configuration = Configuration(null, allBugs);
        var single = Run(SplitBug, configuration);
        Assert.Equal(5, single.Bugs[0].Iteration);
        AssertSameRun(single, Eager(SplitBug, configuration with { Workers = n }));
        var shards = Enumerable.Range(1, n).Select(k => Eager(SplitBug, configuration with { Shard = new Shard(k, n), Workers = 2 })).ToList();
        AssertSameRun(single, SegmentFold.Join(SplitBug, configuration, shards));
    }

    /// <summary>
    /// Three tasks store twice each; the assertion fails when the last two stores are the third task's then
    /// the second's. Depth-first search first finds it in the fifth execution, inside a unit split into parts
    /// of different sizes, so that joining the parts in another order numbers the bug differently.
    /// </summary>
    static readonly Scenario SplitBug = Stores(order => order[^2] == 3 && order[^1] == 2, "test/split-bug");

    // Three tasks store twice each (5,775 executions); the assertion fails on the orders `bad` picks.
    static Scenario Stores(Func<List<int>, bool> bad, string name) => Inline(async rt =>
    {
        var cell = rt.NewCell("cell", 0);
        var order = new List<int>();
        var tasks = new TaskHandle[3];
        for (int t = 1; t <= 3; t++)
        {
            int id = t;
            tasks[t - 1] = rt.Spawn(async () =>
            {
                for (int i = 0; i < 2; i++)
                {
                    await cell.Store(id, MemoryOrder.Relaxed);
                    order.Add(id);
                }
            }, $"task{id}");
        }
        foreach (var task in tasks) await task.Join();
        rt.Assert(!bad(order), $"stored in the order {string.Join("", order)}");
    }, BugKind.AssertionFailure, name);

    static TestConfiguration Configuration(int? bound, bool allBugs, int iterations = 100_000) =>
        With(StrategyKind.Dfs, iterations, bound, seed: 7) with { AllBugs = allBugs };

    static ExplorationReport Eager(Scenario scenario, TestConfiguration configuration) => EagerRun(scenario, configuration).Report;

    // The report, and the executions the workers started (counting those cut short where another's unit begins).
    static (ExplorationReport Report, int Started) EagerRun(Scenario scenario, TestConfiguration configuration)
    {
        var resolved = configuration.For(scenario);
        using var control = new RunControl(resolved, null, null);
        var report = TreeExplorer.Search(scenario, resolved, control, splitEagerly: true);
        return (report, control.Diagnostics().Workers.Sum(w => w.Executions));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Workers_splitting_units_give_the_single_workers_report(string name, int? bound, bool allBugs, int n)
    {
        var scenario = Named(name);
        var configuration = Configuration(bound, allBugs);
        AssertSameRun(Run(scenario, configuration), Eager(scenario, configuration with { Workers = n }));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shards_splitting_units_joined_equal_the_single_run(string name, int? bound, bool allBugs, int n)
    {
        var scenario = Named(name);
        var configuration = Configuration(bound, allBugs);
        // One worker per shard gives its own split parts back to itself after its walk; two share them.
        var shards = Enumerable.Range(1, n).Select(k => Eager(scenario, configuration with { Shard = new Shard(k, n), Workers = 1 + k % 2 })).ToList();
        AssertSameRun(Run(scenario, configuration), SegmentFold.Join(scenario, configuration, shards));
    }

    [Theory]
    [InlineData(2, 6)]
    [InlineData(3, 6)]
    [InlineData(2, 100)]
    [InlineData(3, 100)]
    public void A_budget_ending_inside_a_split_unit_keeps_the_first_executions(int workers, int budget)
    {
        // The budget holds for a split unit's parts together: once they reach it no part goes on, however
        // small each is (here every part holds fewer executions than the budget), and the unit is explored
        // again alone up to it. The workers start a few executions more than the budget, not the whole space.
        var scenario = Stores(_ => false, "test/stores");
        var configuration = Configuration(null, false, iterations: budget);
        var single = Run(scenario, configuration);
        Assert.False(single.Complete);
        var (report, started) = EagerRun(scenario, configuration with { Workers = workers });
        AssertSameRun(single, report);
        Assert.InRange(started, budget, 4 * budget + 100);
    }

    [Fact]
    public void Split_gives_away_the_later_options_and_keeps_the_earlier_ones()
    {
        // Every execution of gomap/locked/mutex-small explored once: by the search, or by the subtree it gave away.
        var scenario = Named("gomap/locked/mutex-small");
        var settings = scenario.SettingsFor(ExecutionSettings.Default);
        var whole = Sequences(scenario, settings, new DfsStrategy(null), splitAfter: -1);
        var split = Sequences(scenario, settings, new DfsStrategy(null), splitAfter: 5);
        Assert.Equal(134, whole.Count);
        Assert.Equal(whole, split);
    }

    // The choice sequences of a depth-first search, in the order explored; after `splitAfter` executions the
    // search gives away a subtree, which a second search explores after the first ends.
    static List<string> Sequences(Scenario scenario, ExecutionSettings settings, DfsStrategy strategy, int splitAfter)
    {
        var seen = new List<string>();
        DfsSubtree? given = null;
        var runtime = new Runtime(strategy, settings);
        while (strategy.PrepareExecution())
        {
            runtime.Execute(scenario.Entry);
            seen.Add(string.Join(" ", runtime.Choices.ToArray()));
            strategy.OnExecutionEnd(0);
            if (seen.Count == splitAfter) given = strategy.Split() ?? throw new Xunit.Sdk.XunitException("nothing to split");
            if (!runtime.IsReusable) runtime = new Runtime(strategy, settings);
        }
        if (given is null) return seen;
        var rest = new DfsStrategy(null);
        rest.Explore(given);
        runtime = new Runtime(rest, settings);
        int before = seen.Count;
        while (rest.PrepareExecution())
        {
            runtime.Execute(scenario.Entry);
            seen.Add(string.Join(" ", runtime.Choices.ToArray()));
            rest.OnExecutionEnd(0);
            if (!runtime.IsReusable) runtime = new Runtime(rest, settings);
        }
        Assert.InRange(seen.Count - before, 1, seen.Count - 1);
        return seen;
    }
}
