namespace ModelCheck.Engine;

/// <summary>
/// The portfolio (<see cref="PortfolioStrategy"/>) on one worker: random, PCT, preemption-deepening DFS and (under sc) DPOR
/// take executions in turn until a bug, or until DFS has covered its space and the samplers their shares.
/// Its budget is its own: DFS runs as many executions as its space has, so only the time budget (and with
/// AllBugs, where no bug ends the run, the iteration budget) stops it early. Each bug records which of the
/// three found it, so its trace names its true origin.
/// </summary>
static class PortfolioExplorer
{
    public static ExplorationReport Explore(Scenario scenario, TestConfiguration configuration, RunControl control)
    {
        var strategy = new PortfolioStrategy(configuration.Seed, configuration.Iterations, TestConfiguration.DefaultPctDepth,
            configuration.StrategyValue, reduce: scenario.SettingsFor(configuration.Execution).Memory == MemoryModel.Sc);
        var segment = new Segment(0, configuration.Coverage);
        long budget = configuration.AllBugs ? configuration.Iterations : long.MaxValue;
        control.RunWorkers(1, _ =>
        {
            var worker = new Worker(scenario, configuration, strategy, control);
            worker.TookPart();
            while (segment.Executions < budget && !control.Stopping && strategy.PrepareExecution())
            {
                if (worker.Run() is not { } result) break; // stopped inside the execution
                bool first = segment.Add(result, worker);
                control.Executed(result.Bug is not null);
                if (!first) continue;
                segment.Bugs[^1] = segment.Bugs[^1] with { Origin = strategy.Active };
                if (!configuration.AllBugs) break;
            }
        });
        segment.Finished = true;
        var report = SegmentFold.Fold(scenario, configuration, [segment], exhaustive: strategy.IsComplete, control.Elapsed) with { Redundant = strategy.Redundant };
        return report.Complete ? report with { CompleteWithin = strategy.CompleteWithin } : report;
    }
}
