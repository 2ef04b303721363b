using System.Threading;

namespace ModelCheck.Engine;

/// <summary>
/// Runs executions of one scenario under one strategy until a bug (or, with AllBugs, the budget), the
/// iteration budget, the time budget, cancellation, or the end of the space for an exhaustive strategy.
/// With several workers (<see cref="TestConfiguration.Workers"/>) or one shard of many
/// (<see cref="TestConfiguration.Shard"/>), the space is divided and the parts joined so that the report
/// is the one a single worker makes (see <see cref="SamplingExplorer"/> and <see cref="TreeExplorer"/>);
/// only <see cref="ExplorationReport.Elapsed"/> differs.
/// </summary>
public static class Explorer
{
    public static ExplorationReport Explore(Scenario scenario, TestConfiguration configuration,
        Action<ExplorationProgress>? progress = null, CancellationToken cancel = default)
    {
        var control = new RunControl(configuration, progress, cancel);
        return configuration.Strategy switch
        {
            StrategyKind.Dfs => TreeExplorer.Explore(scenario, configuration, control),
            // DPOR reduces under sc only; under tso and ra it is the depth-first search.
            StrategyKind.Dpor when scenario.SettingsFor(configuration.Execution).Memory != MemoryModel.Sc =>
                TreeExplorer.Explore(scenario, configuration, control),
            StrategyKind.Dpor => ReductionExplorer.Explore(scenario, configuration, control),
            _ => SamplingExplorer.Explore(scenario, configuration, control),
        };
    }
}

/// <summary>A snapshot of a running exploration, for progress displays: the executions of every worker together.</summary>
public readonly record struct ExplorationProgress(int Executions, int Budget, int Bugs, TimeSpan Elapsed);
