using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>
/// The main job's strategy: random, PCT, preemption-deepening DFS and (under sc) DPOR in turn. A pass is
/// complete only once DFS or DPOR has covered the space; a bug is found by whichever strategy reaches it
/// first; a scenario can pin one strategy, declare its preemption bound, and accept more than one kind for its bug.
/// </summary>
public sealed class PortfolioTests
{
    static TestConfiguration Portfolio(int iterations = 2000, ulong seed = 1) => With(StrategyKind.Portfolio, iterations, seed: seed);

    // Under tso nothing is reduced, so the portfolio is random, PCT and the deepening DFS alone.
    static TestConfiguration PortfolioUnderTso(int iterations) =>
        Portfolio(iterations) with { Execution = ExecutionSettings.Default with { Memory = MemoryModel.Tso } };

    static int DfsExecutions(Scenario scenario, TestConfiguration configuration, int? bound) =>
        Run(scenario, configuration with { Strategy = StrategyKind.Dfs, StrategyValue = bound, Iterations = 1_000_000 }).Executions;

    [Fact]
    public void Without_a_bound_dfs_deepens_until_no_schedule_is_cut_and_the_verdict_says_complete()
    {
        var scenario = Named("engine/mutex-counter");
        var configuration = PortfolioUnderTso(iterations: 2);
        var report = Run(scenario, configuration);
        Assert.True(report.Complete);
        Assert.Null(report.CompleteWithin);
        Assert.Equal("complete", report.Completeness);
        // DFS passes with bounds 0, 1 and 2, then the unbounded space; random and PCT one execution each.
        int passes = DfsExecutions(scenario, configuration, 0) + DfsExecutions(scenario, configuration, 1)
            + DfsExecutions(scenario, configuration, 2) + DfsExecutions(scenario, configuration, null);
        Assert.Equal(passes + 2, report.Executions);
    }

    [Fact]
    public void Under_sc_dpor_covering_the_traces_within_its_share_makes_the_pass_complete_without_a_bound()
    {
        // Two workers with two critical sections each: 6 traces, against DFS's 173 schedules (3 + 35 + 108 in the
        // shallow passes). Random, PCT, DFS and DPOR take turns; DPOR's sixth execution ends the run.
        var report = Run(Named("engine/mutex-counter") with { PreemptionBound = 1 }, Portfolio(iterations: 20));
        Assert.True(report.Complete);
        Assert.Null(report.CompleteWithin);
        Assert.Equal("complete", report.Completeness);
        Assert.Equal(4 * 6, report.Executions);
    }

    [Fact]
    public void A_declared_bound_that_cuts_the_space_is_stated_in_the_verdict()
    {
        var scenario = Named("engine/mutex-counter") with { PreemptionBound = 1 };
        var configuration = PortfolioUnderTso(iterations: 10);
        var report = Run(scenario, configuration);
        Assert.True(report.Complete);
        Assert.Equal(1, report.CompleteWithin);
        Assert.Equal("complete within 1 preemption", report.Completeness);
        // Bound 0 and bound 1, plus the 10 random and PCT executions.
        Assert.Equal(DfsExecutions(scenario, configuration, 0) + DfsExecutions(scenario, configuration, 1) + 10, report.Executions);
        Assert.True(report.MatchesExpectation);
    }

    [Fact]
    public void Under_sc_dpor_that_cannot_cover_the_traces_within_its_share_leaves_the_verdict_to_dfs()
    {
        // Two tasks storing four times each to one cell: C(8, 4) = 70 traces, more than DPOR's share of 10
        // executions, but few schedules without a preemption.
        var scenario = Inline(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var tasks = new TaskHandle[2];
            for (int i = 0; i < 2; i++)
                tasks[i] = rt.Spawn(async () =>
                {
                    for (int k = 0; k < 4; k++) await x.Store(k, MemoryOrder.Relaxed);
                });
            foreach (var t in tasks) await t.Join();
        }) with { PreemptionBound = 0 };
        var report = Run(scenario, Portfolio(iterations: 20));
        Assert.True(report.Complete);
        Assert.Equal(0, report.CompleteWithin);
        // DFS's space, and the shares: 10 random, 10 PCT, 10 DPOR.
        Assert.Equal(DfsExecutions(scenario, Portfolio(), 0) + 30, report.Executions);
    }

    [Fact]
    public void A_bound_that_cuts_nothing_is_not_stated()
    {
        // Two tasks, one step each: no schedule has more than one preemption.
        var report = Run(Inline(async rt =>
        {
            var a = rt.NewCell("a", 0);
            var t = rt.Spawn(async () => await a.Store(1, MemoryOrder.SeqCst));
            await a.Load(MemoryOrder.SeqCst);
            await t.Join();
        }) with { PreemptionBound = 5 }, Portfolio());
        Assert.True(report.Complete);
        Assert.Null(report.CompleteWithin);
    }

    [Fact]
    public void A_pass_under_the_portfolio_that_is_not_complete_breaks_the_contract()
    {
        // A pass under random is a sampled pass and matches; the same report under the portfolio does not.
        var sampled = Run(Named("engine/mutex-counter"), With(StrategyKind.Random, iterations: 10));
        Assert.True(sampled.MatchesExpectation);
        var cutShort = sampled with { Configuration = Portfolio() };
        Assert.False(cutShort.MatchesExpectation);
    }

    [Fact]
    public void A_bug_is_found_by_the_first_strategy_to_reach_it_and_the_trace_names_that_strategy()
    {
        var report = Run(Named("engine/racy-counter"), Portfolio());
        var found = report.Bugs.Single();
        Assert.Equal(BugKind.AssertionFailure, found.Bug.Kind);
        // Execution 1 is random's, 2 PCT's, 3 DFS's (bound 0), 4 DPOR's, and so on in turn.
        var expected = ((found.Iteration - 1) % 4) switch { 0 => StrategyKind.Random, 1 => StrategyKind.Pct, 2 => StrategyKind.Dfs, _ => StrategyKind.Dpor };
        Assert.Equal(expected, found.Origin?.Kind);
        Assert.Equal(expected.ToName(), TraceFile.From(report, found).Origin.Strategy);
    }

    [Fact]
    public void Deepening_finds_a_one_preemption_bug_after_the_non_preemptive_pass_whatever_the_seed()
    {
        // DFS alone (random and PCT pinned out): the lost update needs one preemption.
        var scenario = Named("engine/racy-counter") with { Strategy = StrategyKind.Dfs };
        var first = Run(scenario, Portfolio(seed: 1));
        var other = Run(scenario, Portfolio(seed: 7));
        Assert.Equal(StrategyKind.Dfs, first.Configuration.Strategy);
        Assert.Equal(first.Bugs.Single().Iteration, other.Bugs.Single().Iteration);
        Assert.Equal(first.Bugs.Single().Choices, other.Bugs.Single().Choices);
    }

    [Fact]
    public void A_pinned_sampling_strategy_runs_alone_and_states_a_sampled_pass()
    {
        var scenario = Named("engine/mutex-counter") with { Strategy = StrategyKind.Pct };
        var report = Run(scenario, Portfolio(iterations: 300));
        Assert.Equal(StrategyKind.Pct, report.Configuration.Strategy);
        Assert.Equal(300, report.Executions);
        Assert.False(report.Complete);
        Assert.True(report.MatchesExpectation);
    }

    [Fact]
    public void A_scenario_accepts_each_kind_it_declares_and_no_other()
    {
        var scenario = Inline(rt => { rt.Fail(BugKind.UnhandledException, "boom"); return Task.CompletedTask; }, BugKind.Fatal)
            with { Accepts = [BugKind.UnhandledException] };
        Assert.Equal("fatal|exception", scenario.ExpectedName);
        Assert.True(Run(scenario, Portfolio()).MatchesExpectation);
        var other = scenario with { Accepts = [BugKind.MonitorViolation] };
        Assert.False(Run(other, Portfolio()).MatchesExpectation);
    }
}
