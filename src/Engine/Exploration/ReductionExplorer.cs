namespace ModelCheck.Engine;

/// <summary>
/// DPOR under sequential consistency, on one worker and the whole tree: the plain search. Its backtrack
/// sets grow from races found in later executions, so this search cannot be cut into units; several
/// workers and shards run the cut search instead (<see cref="TreeExplorer.Reduce"/>). The report counts
/// the executions it stopped as redundant (sleep-set blocked) in <see cref="ExplorationReport.Redundant"/>.
/// </summary>
static class ReductionExplorer
{
    public static ExplorationReport Explore(Scenario scenario, TestConfiguration configuration, RunControl control)
    {
        if (!configuration.Shard.IsWhole) throw new ConfigurationException("--strategy dpor explores the whole space on one worker; it cannot run one shard of it");
        var strategy = configuration.CreateStrategy();
        var worker = new Worker(scenario, configuration, strategy, control);
        var segment = new Segment(0, configuration.Coverage, unit: true) { Units = long.MaxValue / 2 };
        int redundant = 0;
        bool stopped = false;
        while (segment.Executions < configuration.Iterations && !control.Stopping && strategy.PrepareExecution())
        {
            if (worker.Run() is not { } result) break; // stopped inside the execution
            if (result.Status == ExecutionStatus.Redundant) redundant++;
            bool first = segment.Add(result, worker);
            control.Executed(result.Bug is not null);
            stopped = first && !configuration.AllBugs;
            if (stopped) break;
        }
        segment.Finished = strategy.IsComplete || stopped;
        return SegmentFold.Fold(scenario, configuration, [segment], exhaustive: strategy.IsComplete, control.Elapsed) with { Redundant = redundant };
    }
}
