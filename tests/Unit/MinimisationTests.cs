using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Tests.Unit;

/// <summary>Minimisation keeps the bug's kind, shrinks preemptions, writes exactly replayable traces, and is deterministic.</summary>
public sealed class MinimisationTests
{
    static readonly ScenarioCatalog Catalog = ScenarioCatalog.Discover(MapsAssembly.Assembly);

    static TraceFile Found(string name, ulong seed)
    {
        var scenario = Catalog.Find(name)!;
        var report = Explorer.Explore(scenario, new TestConfiguration { Iterations = 2000, Seed = seed });
        Assert.NotEmpty(report.Bugs);
        return TraceFile.From(report, report.Bugs[0]);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Racy_counter_shrinks_to_one_preemption_and_still_loses_an_increment(ulong seed)
    {
        var trace = Found("engine/racy-counter", seed);
        var result = TraceMinimizer.Minimize(Catalog.Find("engine/racy-counter")!, trace);
        Assert.Equal(BugKind.AssertionFailure, result.Minimised.Bug.Kind);
        Assert.Equal(1, result.After.Preemptions);
        Assert.True(result.After.Steps <= result.Before.Steps);
        Assert.True(Replayer.Replay(Catalog.Find("engine/racy-counter")!, result.Minimised).Reproduced);
    }

    [Fact]
    public void Lock_order_deadlock_needs_exactly_one_preemption()
    {
        var scenario = Catalog.Find("engine/lock-order-deadlock")!;
        var result = TraceMinimizer.Minimize(scenario, Found(scenario.Name, 7));
        Assert.Equal(BugKind.Deadlock, result.Minimised.Bug.Kind);
        Assert.Equal(1, result.After.Preemptions);
        Assert.Equal(1, result.Depth.Preemptions);
    }

    [Theory]
    [InlineData("chm/J-2")]
    [InlineData("chm/J-1a")]
    public void A_map_bug_shrinks_to_at_most_two_preemptions(string name)
    {
        var scenario = Catalog.Find(name)!;
        var trace = Found(name, 1);
        var result = TraceMinimizer.Minimize(scenario, trace);
        Assert.Equal(trace.Bug.Kind, result.Minimised.Bug.Kind);
        Assert.True(result.After.Preemptions <= 2, $"{name}: {result.Before} -> {result.After}");
        Assert.True(result.After.Preemptions < result.Before.Preemptions, $"{name}: {result.Before} -> {result.After}");
    }

    [Fact]
    public void The_same_trace_always_shrinks_to_the_same_choices()
    {
        var scenario = Catalog.Find("engine/racy-counter")!;
        var trace = Found(scenario.Name, 5);
        var first = TraceMinimizer.Minimize(scenario, trace);
        var second = TraceMinimizer.Minimize(scenario, trace);
        Assert.Equal(first.Minimised.Choices, second.Minimised.Choices);
        Assert.Equal(first.Executions, second.Executions);
    }

    [Fact]
    public void A_trace_that_does_not_replay_is_refused()
    {
        var scenario = Catalog.Find("engine/racy-counter")!;
        var trace = Found(scenario.Name, 1);
        var broken = trace with { Bug = trace.Bug with { Step = trace.Bug.Step + 1 } };
        var error = Assert.Throws<TraceFormatException>(() => TraceMinimizer.Minimize(scenario, broken));
        Assert.Contains("does not replay", error.Message);
    }

    [Fact]
    public void Pct_depth_and_lower_bound_are_reported()
    {
        var trace = Found("engine/racy-counter", 1) with { Origin = new TraceOrigin("pct", 3, 1, 1) };
        var depth = BugDepth.Of(trace, new TraceShape(10, 4, 3, 3), new TraceShape(8, 1, 3, 3));
        Assert.Equal(3, depth.PctDepth);
        Assert.Equal(1.0 / (3 * 10 * 10), depth.PctLowerBound(3), 12);
        Assert.Equal("1 preemption; d=2: P(found per PCT run) >= 1/(n·k^(d-1)) = 1/(3·10^1) = 0.0333; found by pct at depth d=3: P(found per PCT run) >= 1/(n·k^(d-1)) = 1/(3·10^2) = 0.00333",
            depth.ToString());
    }

    [Theory]
    [InlineData("traces/a.trace.json", "traces/a.min.trace.json")]
    [InlineData("traces/a.min.trace.json", "traces/a.min.trace.json")]
    [InlineData("a.json", "a.min.trace.json")]
    public void Minimised_trace_goes_beside_the_original(string path, string expected) =>
        Assert.Equal(expected, TraceMinimizer.MinimisedPath(path));
}
