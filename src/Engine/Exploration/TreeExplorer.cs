using System.Threading;

namespace ModelCheck.Engine;

/// <summary>
/// Depth-first search on any number of workers, or in one shard of many. The tree is cut into units
/// (<see cref="TreePartition"/>); each worker walks the whole tree, explores the units it claims and
/// skips the others where they begin, so every execution is explored exactly once. The units' results
/// are joined in depth-first order, which gives the report one worker makes: the same executions,
/// steps, bugs (the first in depth-first order) and complete verdict. One worker on the whole tree
/// needs no units and runs the plain search.
/// </summary>
static class TreeExplorer
{
    public static ExplorationReport Explore(Scenario scenario, TestConfiguration configuration, RunControl control)
    {
        if (configuration.Workers == 1 && configuration.Shard.IsWhole) return ExploreWhole(scenario, configuration, control);
        var partition = new TreePartition(configuration.Shard);
        var ledger = new UnitLedger(configuration.Shard, configuration.Iterations, partition);
        long units = -1;
        control.RunWorkers(configuration.Workers, _ =>
        {
            var strategy = new DfsStrategy(configuration.StrategyValue, partition);
            var walked = ExploreUnits(scenario, strategy, configuration, control, ledger.Add, partition);
            if (walked) Interlocked.Exchange(ref units, strategy.Unit + 1);
        });
        // After a cancellation the report is what was explored, budget or not.
        var (segments, truncated) = control.Stopping
            ? (ledger.Segments, false)
            : ledger.WithinBudget(configuration.AllBugs, (unit, budget) => ExploreOne(scenario, configuration, control, unit, budget));
        bool exhaustive = units >= 0 && !truncated && ledger.Covers(units);
        return SegmentFold.Fold(scenario, configuration, segments, exhaustive, control.Elapsed);
    }

    /// <summary>
    /// Walks the tree with <paramref name="strategy"/>, exploring the units it claims; true when the walk
    /// reached the end of the tree. A unit is handed to <paramref name="finished"/> when the strategy leaves
    /// it, or unfinished when the run stops inside it.
    /// </summary>
    static bool ExploreUnits(Scenario scenario, DfsStrategy strategy, TestConfiguration configuration,
        RunControl control, Action<Segment> finished, TreePartition partition)
    {
        var worker = new Worker(scenario, configuration, strategy, control);
        Segment? current = null;
        while (!control.Stopping && strategy.PrepareExecution())
        {
            if (worker.Run() is not { } result || !strategy.Owned) continue;
            current ??= new Segment(strategy.Unit, configuration.Coverage, unit: true);
            bool first = current.Add(result, worker);
            control.Executed(result.Bug is not null);
            bool bugStop = first && !configuration.AllBugs;
            if (bugStop) partition.StopAfter(current.Key);
            if (bugStop || strategy.UnitDone)
            {
                current.Finished = true;
                strategy.LeaveUnit();
            }
            else if (current.Executions >= configuration.Iterations || current.Key > partition.StoppedAfter)
            {
                // The budget ends inside this unit, or a bug before it made it unnecessary.
                partition.StopAfter(current.Key);
                strategy.LeaveUnit();
            }
            else continue;
            finished(current);
            current = null;
        }
        if (current is not null) finished(current);
        return strategy.IsComplete;
    }

    /// <summary>The plain search: one worker, the whole tree, one segment.</summary>
    static ExplorationReport ExploreWhole(Scenario scenario, TestConfiguration configuration, RunControl control)
    {
        var strategy = new DfsStrategy(configuration.StrategyValue);
        var worker = new Worker(scenario, configuration, strategy, control);
        var segment = new Segment(0, configuration.Coverage, unit: true) { Units = long.MaxValue / 2 };
        bool stopped = false;
        while (segment.Executions < configuration.Iterations && !control.Stopping && strategy.PrepareExecution())
        {
            if (worker.Run() is not { } result) break; // stopped inside the execution
            bool first = segment.Add(result, worker);
            control.Executed(result.Bug is not null);
            stopped = first && !configuration.AllBugs;
            if (stopped) break;
        }
        segment.Finished = strategy.IsComplete || stopped;
        return SegmentFold.Fold(scenario, configuration, [segment], exhaustive: strategy.IsComplete, control.Elapsed);
    }

    /// <summary>Explores unit <paramref name="unit"/> alone, stopping after <paramref name="budget"/> executions.</summary>
    static Segment ExploreOne(Scenario scenario, TestConfiguration configuration, RunControl control, long unit, int budget)
    {
        var partition = TreePartition.Only(configuration.Shard, unit);
        var strategy = new DfsStrategy(configuration.StrategyValue, partition);
        var worker = new Worker(scenario, configuration, strategy, control);
        var segment = new Segment(unit, configuration.Coverage, unit: true);
        while (segment.Executions < budget && !control.Stopping && strategy.PrepareExecution())
        {
            if (worker.Run() is not { } result || !strategy.Owned) continue;
            bool first = segment.Add(result, worker);
            if ((first && !configuration.AllBugs) || strategy.UnitDone)
            {
                segment.Finished = true;
                break;
            }
        }
        return segment;
    }
}
