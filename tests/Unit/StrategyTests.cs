using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>Each strategy finds the engine's seeded bugs, passes its correct programs, and is deterministic.</summary>
public sealed class StrategyTests
{
    [Theory]
    [InlineData(StrategyKind.Random, "engine/racy-counter", BugKind.AssertionFailure)]
    [InlineData(StrategyKind.Pct, "engine/racy-counter", BugKind.AssertionFailure)]
    [InlineData(StrategyKind.Dfs, "engine/racy-counter", BugKind.AssertionFailure)]
    [InlineData(StrategyKind.Dpor, "engine/racy-counter", BugKind.AssertionFailure)]
    [InlineData(StrategyKind.Random, "engine/lock-order-deadlock", BugKind.Deadlock)]
    [InlineData(StrategyKind.Pct, "engine/lock-order-deadlock", BugKind.Deadlock)]
    [InlineData(StrategyKind.Dfs, "engine/lock-order-deadlock", BugKind.Deadlock)]
    [InlineData(StrategyKind.Dpor, "engine/lock-order-deadlock", BugKind.Deadlock)]
    public void Each_strategy_finds_the_seeded_bug(StrategyKind strategy, string scenario, BugKind kind)
    {
        var report = Run(Named(scenario), With(strategy));
        Assert.Equal(kind, report.FirstBug().Kind);
        Assert.False(report.Complete);
    }

    [Theory]
    [InlineData(StrategyKind.Random)]
    [InlineData(StrategyKind.Pct)]
    public void Sampling_strategies_pass_the_mutex_counter_within_the_budget(StrategyKind strategy)
    {
        var report = Run(Named("engine/mutex-counter"), With(strategy, iterations: 500));
        Assert.Empty(report.Bugs);
        Assert.Equal(500, report.Executions);
        Assert.False(report.Complete);
    }

    [Fact]
    public void Dfs_explores_the_whole_mutex_counter_and_says_so()
    {
        var report = Run(Named("engine/mutex-counter"), With(StrategyKind.Dfs, iterations: 100_000));
        Assert.Empty(report.Bugs);
        Assert.True(report.Complete);
        // Two workers, two locked increments each: the number of schedules DFS enumerates is fixed.
        Assert.Equal(173, report.Executions);
    }

    [Fact]
    public void Dpor_explores_the_mutex_counter_once_per_order_of_its_critical_sections()
    {
        // Two workers with two critical sections each: C(4, 2) = 6 orders, against DFS's 173 schedules.
        var report = Run(Named("engine/mutex-counter"), With(StrategyKind.Dpor, iterations: 100_000));
        Assert.Empty(report.Bugs);
        Assert.True(report.Complete);
        Assert.Equal(6, report.Executions);
        Assert.Equal(0, report.Redundant);
    }

    [Fact]
    public void Dpor_with_all_bugs_explores_every_trace_and_counts_each_kind()
    {
        var dfs = Run(Named("engine/racy-counter"), With(StrategyKind.Dfs, iterations: 100_000) with { AllBugs = true });
        var dpor = Run(Named("engine/racy-counter"), With(StrategyKind.Dpor, iterations: 100_000) with { AllBugs = true });
        Assert.True(dpor.Complete);
        Assert.Equal(dfs.BugCounts.Keys, dpor.BugCounts.Keys);
        Assert.True(dpor.Executions * 10 < dfs.Executions, $"dpor {dpor.Executions}, dfs {dfs.Executions}");
    }

    [Fact]
    public void Dfs_that_runs_out_of_iterations_is_not_complete()
    {
        var report = Run(Named("engine/mutex-counter"), With(StrategyKind.Dfs, iterations: 172));
        Assert.Empty(report.Bugs);
        Assert.Equal(172, report.Executions);
        Assert.False(report.Complete);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 35)]
    public void A_preemption_bound_prunes_the_mutex_counter_space(int bound, int executions)
    {
        var report = Run(Named("engine/mutex-counter"), With(StrategyKind.Dfs, iterations: 100_000, value: bound));
        Assert.True(report.Complete);
        Assert.Equal(executions, report.Executions);
    }

    [Fact]
    public void Dfs_without_preemptions_cannot_lose_an_update()
    {
        // A lost update needs a switch between a worker's load and its store: a preemption.
        var report = Run(Named("engine/racy-counter"), With(StrategyKind.Dfs, iterations: 100_000, value: 0));
        Assert.Empty(report.Bugs);
        Assert.True(report.Complete);
    }

    [Fact]
    public void Dfs_with_one_preemption_loses_an_update()
    {
        var report = Run(Named("engine/racy-counter"), With(StrategyKind.Dfs, iterations: 100_000, value: 1));
        Assert.Equal(BugKind.AssertionFailure, report.FirstBug().Kind);
    }

    [Fact]
    public void Dfs_enumerates_every_combination_of_data_choices_once()
    {
        var seen = new List<(int, int)>();
        var report = Run(rt =>
        {
            int a = rt.Choose(3), b = rt.Choose(2);
            seen.Add((a, b));
            return Task.CompletedTask;
        }, With(StrategyKind.Dfs, iterations: 100));
        Assert.True(report.Complete);
        Assert.Equal(6, report.Executions);
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)], seen);
    }

    [Fact]
    public void Dfs_backtracks_over_schedules_and_data_choices_together()
    {
        // Two tasks each choose a bit and record it; every (order, bits) combination is a distinct
        // execution, and DFS must visit all of them exactly once.
        var outcomes = new List<string>();
        var report = Run(async rt =>
        {
            var log = rt.NewCell("log", "");
            var tasks = new TaskHandle[2];
            for (int t = 0; t < 2; t++)
            {
                string name = $"t{t}";
                tasks[t] = rt.Spawn(async () =>
                {
                    int bit = rt.Choose(2);
                    string before = await log.Load(MemoryOrder.SeqCst);
                    log.Set(before + name + bit, MemoryOrder.SeqCst);
                }, name);
            }
            foreach (var task in tasks) await task.Join();
            outcomes.Add(log.Peek());
        }, With(StrategyKind.Dfs, iterations: 10_000));
        Assert.True(report.Complete);
        var distinct = outcomes.Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["t00t10", "t00t11", "t01t10", "t01t11", "t10t00", "t10t01", "t11t00", "t11t01"], distinct);
    }

    [Theory]
    [InlineData(StrategyKind.Random)]
    [InlineData(StrategyKind.Pct)]
    public void The_same_seed_finds_the_same_bug_with_the_same_choices(StrategyKind strategy)
    {
        var first = Run(Named("engine/racy-counter"), With(strategy, seed: 42));
        var second = Run(Named("engine/racy-counter"), With(strategy, seed: 42));
        Assert.Equal(first.FirstBug(), second.FirstBug());
        Assert.Equal(first.Bugs[0].Iteration, second.Bugs[0].Iteration);
        Assert.Equal(first.Bugs[0].Choices, second.Bugs[0].Choices);
    }

    [Fact]
    public void Different_seeds_explore_different_schedules()
    {
        var schedules = Enumerable.Range(0, 8)
            .Select(seed => string.Join(" ", Run(Named("engine/racy-counter"), With(StrategyKind.Random, seed: (ulong)seed)).Bugs[0].Choices))
            .Distinct()
            .Count();
        Assert.True(schedules > 1, "eight seeds all produced the same failing schedule");
    }

    [Fact]
    public void Pct_with_depth_one_never_preempts()
    {
        // Depth 1 has no change points: the highest-priority task runs until it blocks or ends, which
        // never separates a worker's load from its store.
        var report = Run(Named("engine/racy-counter"), With(StrategyKind.Pct, iterations: 300, value: 1));
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void Pct_change_points_fall_on_real_scheduling_decisions()
    {
        // A lost update (one preemption: depth 2) behind a long prologue that main runs alone. If
        // change points were drawn from all steps, almost all would land where there is nothing to
        // choose and PCT would rarely preempt; drawn from decisions, one in a handful of executions does.
        var report = Run(async rt =>
        {
            for (int i = 0; i < 1000; i++) await rt.Yield();
            var total = rt.NewCell("total", 0);
            var workers = new TaskHandle[2];
            for (int w = 0; w < 2; w++)
                workers[w] = rt.Spawn(async () =>
                {
                    int seen = await total.Load(MemoryOrder.Relaxed);
                    await total.Store(seen + 1, MemoryOrder.Relaxed);
                });
            foreach (var worker in workers) await worker.Join();
            rt.Assert(total.Peek() == 2, "an update was lost");
        }, With(StrategyKind.Pct, iterations: 200, value: 2, seed: 1) with { AllBugs = true });
        Assert.True(report.BugCounts.GetValueOrDefault(BugKind.AssertionFailure) >= 20,
            $"PCT depth 2 lost an update in {report.BugCounts.GetValueOrDefault(BugKind.AssertionFailure)} of 200 executions");
    }

    [Fact]
    public void A_scenario_that_is_not_deterministic_is_reported_by_dfs_as_a_scenario_error()
    {
        int executions = 0;
        var scenario = Inline(async rt =>
        {
            // Each execution spawns one task more than the last: the same path offers new choices.
            for (int t = 0; t <= executions; t++) rt.Spawn(async () => await rt.Yield());
            executions++;
            await rt.Yield();
        }, name: "test/nondeterministic");
        var error = Assert.Throws<ScenarioException>(() => Run(scenario, With(StrategyKind.Dfs)));
        Assert.StartsWith("scenario 'test/nondeterministic': at step ", error.Message);
        Assert.EndsWith("the scenario is not deterministic", error.Message);
    }
}
