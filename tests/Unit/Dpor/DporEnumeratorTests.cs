using ModelCheck.Engine;
using Xunit.Abstractions;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit.Dpor;

/// <summary>
/// DPOR against brute force. The enumerator is DFS without a bound: it runs every interleaving, and each
/// execution is canonicalised to its Mazurkiewicz trace (<see cref="MazurkiewiczTrace"/>, written apart
/// from the engine's dependency relation). DPOR must reach every trace the enumerator reaches, hence the
/// same final states and the same bug kinds, and (sleep sets) never finish the same trace twice. It is
/// source-DPOR, so some executions stop early as redundant; they are counted and printed, not hidden.
/// </summary>
public sealed class DporEnumeratorTests(ITestOutputHelper output)
{
    public static TheoryData<string> Enumerable => [.. SmallPrograms.All.Where(p => p.EnumerableByDfs).Select(p => p.Name)];

    public static TheoryData<string> TooLargeForDfs => [.. SmallPrograms.All.Where(p => !p.EnumerableByDfs).Select(p => p.Name)];

    static SmallProgram Program(string name) => SmallPrograms.All.Single(p => p.Name == name);

    public static TheoryData<string, int> EnumerableWithBounds()
    {
        var data = new TheoryData<string, int>();
        foreach (var program in SmallPrograms.All.Where(p => p.EnumerableByDfs))
            foreach (int bound in new[] { 0, 1, 2 }) data.Add(program.Name, bound);
        return data;
    }

    static (ExplorationReport Report, Observations Seen) Run(SmallProgram program, StrategyKind strategy, int? bound = null, DporAlgorithm algorithm = DporAlgorithm.Optimal)
    {
        var seen = new Observations();
        var report = Explorer.Explore(Inline(program.Build(seen), name: "dpor/" + program.Name),
            new TestConfiguration { Strategy = strategy, Iterations = 1_000_000, AllBugs = true, StrategyValue = bound, Dpor = algorithm });
        Assert.True(report.Complete, $"{strategy} did not complete {program.Name} in {report.Executions} executions");
        return (report, seen);
    }

    [Fact]
    public void There_are_at_least_twenty_programs() => Assert.True(SmallPrograms.All.Length >= 20);

    [Theory]
    [MemberData(nameof(Enumerable))]
    public void Dpor_reaches_every_trace_final_state_and_bug_of_the_enumerator(string name)
    {
        var program = Program(name);
        var (dfs, all) = Run(program, StrategyKind.Dfs);
        var (dpor, reduced) = Run(program, StrategyKind.Dpor, algorithm: DporAlgorithm.Source);
        output.WriteLine($"{name}: dfs {dfs.Executions} executions, {all.Traces.Count} traces; dpor {dpor.Executions} executions ({dpor.Redundant} redundant), {reduced.Traces.Count} traces");
        if (program.KnownTraces is { } known) Assert.Equal(known, all.Traces.Count);
        Assert.Equal(all.Traces.Order(StringComparer.Ordinal), reduced.Traces.Order(StringComparer.Ordinal));
        Assert.Equal(all.Finals, reduced.Finals);
        Assert.Equal(dfs.BugCounts.Keys, dpor.BugCounts.Keys);
        if (program.UsesRWMutex) Assert.True(reduced.Finished >= reduced.Traces.Count);
        else Assert.Equal(reduced.Traces.Count, reduced.Finished);
        Assert.True(dpor.Executions <= dfs.Executions, $"dpor ran {dpor.Executions} executions, dfs {dfs.Executions}");
    }

    /// <summary>
    /// With a preemption bound N, DPOR must reach every trace that has an execution of at most N
    /// preemptions: every trace bounded DFS reaches (it may reach more, through executions that happen to
    /// need fewer preemptions in its order).
    /// </summary>
    [Theory]
    [MemberData(nameof(EnumerableWithBounds))]
    public void Bounded_dpor_reaches_every_trace_bounded_dfs_reaches(string name, int bound)
    {
        var program = Program(name);
        var (dfs, all) = Run(program, StrategyKind.Dfs, bound);
        var (dpor, reduced) = Run(program, StrategyKind.Dpor, bound);
        output.WriteLine($"{name} within {bound}: dfs {dfs.Executions} executions, {all.Traces.Count} traces; dpor {dpor.Executions} executions, {reduced.Traces.Count} traces");
        Assert.Subset(reduced.Traces, all.Traces);
        Assert.Subset(reduced.Finals, all.Finals);
        Assert.Subset(new SortedSet<BugKind>(dpor.BugCounts.Keys), new SortedSet<BugKind>(dfs.BugCounts.Keys));
    }

    /// <summary>
    /// Optimal DPOR against the enumerator: exactly one complete execution per trace (every execution
    /// that ran to its end, passed or stopped by a bug, is canonicalised; no trace twice, none missing),
    /// and the executions it stopped as sleep-set blocked reported apart and asserted as measured: wakeup
    /// trees leave none, except where a reversed load's step is taken to touch anything after its load
    /// (it may read another value and go another way), which can put a sequence in the tree that a
    /// sleeping task already covers.
    /// </summary>
    [Theory]
    [MemberData(nameof(Enumerable))]
    public void Optimal_dpor_runs_exactly_one_complete_execution_per_trace(string name)
    {
        var program = Program(name);
        var all = TraceEnumeration.Run(program, new DfsStrategy(null));
        var optimal = new OptimalDporStrategy();
        var reduced = TraceEnumeration.Run(program, optimal);
        output.WriteLine($"{name}: dfs {all.Complete} executions, {all.DistinctTraces} traces; optimal dpor {reduced.Complete} complete, {reduced.Redundant} sleep-set blocked, {reduced.DistinctTraces} traces");
        Assert.Equal(all.Traces.Distinct().Order(StringComparer.Ordinal), reduced.Traces.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(all.Bugs, reduced.Bugs);
        if (!program.UsesRWMutex) Assert.Equal(all.DistinctTraces, reduced.Complete);
        Assert.Equal(program.Blocked, reduced.Redundant);
        Assert.Equal(0, optimal.Divergences);
    }

    [Theory]
    [MemberData(nameof(TooLargeForDfs))]
    public void Optimal_dpor_runs_one_complete_execution_per_trace_where_dfs_is_too_slow(string name)
    {
        var program = Program(name);
        var reduced = TraceEnumeration.Run(program, new OptimalDporStrategy());
        output.WriteLine($"{name}: optimal dpor {reduced.Complete} complete, {reduced.Redundant} sleep-set blocked, {reduced.DistinctTraces} traces");
        Assert.Equal(program.KnownTraces, reduced.DistinctTraces);
        Assert.Equal(program.KnownTraces, reduced.Complete);
        Assert.Equal(program.Blocked, reduced.Redundant);
    }

    [Theory]
    [MemberData(nameof(TooLargeForDfs))]
    public void Dpor_runs_one_finished_execution_per_trace_where_dfs_is_too_slow(string name)
    {
        var program = Program(name);
        var (dpor, reduced) = Run(program, StrategyKind.Dpor, algorithm: DporAlgorithm.Source);
        output.WriteLine($"{name}: dpor {dpor.Executions} executions ({dpor.Redundant} redundant), {reduced.Traces.Count} traces");
        Assert.Equal(program.KnownTraces, reduced.Traces.Count);
        Assert.Equal(reduced.Traces.Count, reduced.Finished);
    }
}
