namespace ModelCheck.Engine;

/// <summary>
/// Runs executions of one scenario under one strategy until a bug (or, with AllBugs, the budget), the
/// iteration budget, the time budget, a stop request (Ctrl-C), or the end of the space for an exhaustive strategy.
/// With several workers (<see cref="TestConfiguration.Workers"/>) or one shard of many
/// (<see cref="TestConfiguration.Shard"/>), the space is divided and the parts joined so that the report
/// is the one a single worker makes (see <see cref="SamplingExplorer"/> and <see cref="TreeExplorer"/>;
/// DPOR's is the same on every number of workers greater than one and every split into shards, and reaches
/// the same traces and verdict as one worker's); only <see cref="ExplorationReport.Elapsed"/> differs. The portfolio runs on one worker
/// (<see cref="PortfolioExplorer"/>). A scenario's pinned strategy and preemption bound apply first.
/// </summary>
public static class Explorer
{
    /// <param name="stop">
    /// Stops the exploration from outside (Ctrl-C) and, with a hang handler, has a <see cref="Watchdog"/>
    /// watch its workers. A stop, like the time budget, ends an execution at its next scheduling point.
    /// </param>
    public static ExplorationReport Explore(Scenario scenario, TestConfiguration configuration,
        Action<ExplorationProgress>? progress = null, ExplorationControl? stop = null)
    {
        var resolved = configuration.For(scenario);
        using var control = new RunControl(resolved, progress, stop);
        using var watchdog = Watchdog.Start(stop, resolved.StepTimeoutSeconds, control.Watched);
        var report = resolved.Strategy switch
        {
            StrategyKind.Portfolio => PortfolioExplorer.Explore(scenario, resolved, control),
            // A depth-first search that finished covered every schedule within its bound (if it had one).
            StrategyKind.Dfs => TreeExplorer.Search(scenario, resolved, control) is var tree && tree.Complete
                ? tree with { CompleteWithin = resolved.StrategyValue }
                : tree,
            // DPOR reduces under sc only; under tso and ra it is the depth-first search.
            StrategyKind.Dpor when scenario.SettingsFor(resolved.Execution).Memory != MemoryModel.Sc =>
                TreeExplorer.Search(scenario, resolved, control),
            StrategyKind.Dpor => TreeExplorer.Reduce(scenario, resolved, control),
            _ => SamplingExplorer.Explore(scenario, resolved, control),
        };
        return report with { StopReason = control.Signal.StopReason, Diagnostics = control.Diagnostics() };
    }
}

/// <summary>A snapshot of a running exploration, for progress displays: the executions of every worker together.</summary>
public readonly record struct ExplorationProgress(int Executions, int Budget, int Bugs, TimeSpan Elapsed);
