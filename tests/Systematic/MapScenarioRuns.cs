using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Tests.Systematic;

/// <summary>What the map test classes share: the built-in catalogue, the repository's budget, and how a report reads in a failure.</summary>
static class MapScenarioRuns
{
    public static readonly ScenarioCatalog Catalog = ScenarioCatalog.Discover(MapsAssembly.Assembly);

    /// <summary>coyote.json's budget under <paramref name="strategy"/>, without its time limit so verdicts never depend on speed.</summary>
    public static TestConfiguration Budget(StrategyKind strategy) =>
        RepositoryConfiguration.Load() with { Strategy = strategy, TimeoutSeconds = null };

    /// <summary>
    /// Explores <paramref name="scenario"/> under random and under PCT with the repository's budget; each must
    /// find the scenario's expected bug first, with a message matching <paramref name="evidence"/>.
    /// Returns the two reports, random first.
    /// </summary>
    public static ExplorationReport[] AssertFoundByRandomAndPct(Scenario scenario, string evidence) =>
        [.. new[] { StrategyKind.Random, StrategyKind.Pct }.Select(strategy =>
        {
            var report = Explorer.Explore(scenario, Budget(strategy));
            Assert.True(report.Observed == scenario.Expected,
                $"{scenario.Name} under {strategy.ToName()}: expected {scenario.ExpectedName}, {Describe(report)}");
            Assert.Matches(evidence, report.Bugs[0].Bug.Message);
            return report;
        })];

    /// <summary>As <see cref="AssertFoundByRandomAndPct"/>, and the trace of each bug found replays to it.</summary>
    public static void AssertFoundByRandomAndPctAndReplays(string name, string evidence)
    {
        var scenario = Catalog.Find(name)!;
        foreach (var report in AssertFoundByRandomAndPct(scenario, evidence))
        {
            var replay = Replayer.Replay(scenario, TraceFile.From(report, report.Bugs[0]));
            Assert.True(replay.Reproduced, $"{name}: {replay.Divergence}");
        }
    }

    /// <summary>A correct scenario passes PCT too: no bug in all of the repository's executions.</summary>
    public static void AssertPassesPct(string name)
    {
        var report = Explorer.Explore(Catalog.Find(name)!, Budget(StrategyKind.Pct));
        Assert.True(report.Observed == BugKind.None, $"{name} under pct: {Describe(report)}");
        Assert.Equal(Budget(StrategyKind.Pct).Iterations, report.Executions);
    }

    /// <summary>DFS within <paramref name="preemptionBound"/> (none: unbounded) explores the scenario completely and finds nothing.</summary>
    public static ExplorationReport AssertDfsComplete(string name, int? preemptionBound)
    {
        var configuration = Budget(StrategyKind.Dfs) with { StrategyValue = preemptionBound, Iterations = 100_000 };
        var report = Explorer.Explore(Catalog.Find(name)!, configuration);
        Assert.True(report.Observed == BugKind.None, $"{name} under dfs: {Describe(report)}");
        Assert.True(report.Complete, $"{name}: dfs (preemption bound {preemptionBound?.ToString() ?? "none"}) stopped after {report.Executions} executions without finishing");
        return report;
    }

    public static string Describe(ExplorationReport report) => report.Bugs.Count == 0
        ? $"no bug after {report.Executions} executions"
        : $"{report.Observed.ToName()} after {report.Bugs[0].Iteration} executions: {report.Bugs[0].Bug.Message}";
}
