using System.Threading;

namespace ModelCheck.Engine;

/// <summary>
/// The exhaustive strategies (depth-first search and DPOR) on any number of workers, or in one shard of
/// many. The tree is cut into units (<see cref="TreePartition"/>); each worker walks the whole tree,
/// explores the units it claims and skips the others where they begin, so every execution is explored
/// exactly once. The units' results are joined in depth-first order, which gives the report one walk
/// over all the units makes: the same executions, steps, bugs (the first in depth-first order) and
/// complete verdict, whatever the number of workers and shards. One worker on the whole tree needs no
/// units and runs the plain search. For depth-first search the cut changes nothing, so the plain search
/// and the cut one run the same executions. DPOR is cut where the options above the units (awake tasks,
/// data values) multiply to 64 whatever the number of workers or shards, and above the cut it takes every awake task
/// (<see cref="DporStrategy"/>): the cut search reaches the same Mazurkiewicz traces (each finished once,
/// as sleep sets guarantee) and the same verdict as the plain one, but may stop a different number of
/// executions as redundant, and which execution of a trace it finishes may differ.
/// </summary>
static class TreeExplorer
{
    /// <summary>Depth-first search, with the scenario's or the run's preemption bound.</summary>
    /// <param name="splitEagerly">Split units whenever there is something to give, not only when a worker is idle: for tests.</param>
    public static ExplorationReport Search(Scenario scenario, TestConfiguration configuration, RunControl control, bool splitEagerly = false) =>
        Explore(scenario, configuration, control, TreePartition.ForSearch(configuration.Shard),
            p => new DfsStrategy(configuration.StrategyValue, p), () => new DfsStrategy(configuration.StrategyValue),
            new SubtreeExchange(configuration.Workers, splitEagerly));

    /// <summary>
    /// DPOR under sequential consistency: on one worker and the whole tree the plain search (optimal or
    /// source-DPOR, as configured), whose backtrack sets grow from races found in later executions so that
    /// it cannot be cut; otherwise the cut search. The report counts the executions stopped as redundant.
    /// </summary>
    public static ExplorationReport Reduce(Scenario scenario, TestConfiguration configuration, RunControl control) =>
        Explore(scenario, configuration, control, TreePartition.ForReduction(configuration.Shard),
            p => new DporStrategy(configuration.StrategyValue, p), configuration.CreateStrategy, exchange: null);

    /// <param name="create">The strategy walking the units of <paramref name="partition"/>.</param>
    /// <param name="whole">The strategy of the plain search, on one worker and the whole tree.</param>
    /// <param name="exchange">Where workers share out the rest of their units (null: units are not split).</param>
    static ExplorationReport Explore(Scenario scenario, TestConfiguration configuration, RunControl control,
        TreePartition partition, Func<TreePartition, IPartitionedStrategy> create, Func<IStrategy> whole, SubtreeExchange? exchange)
    {
        if (configuration.Workers == 1 && configuration.Shard.IsWhole) return ExploreWhole(scenario, configuration, control, whole());
        var ledger = new UnitLedger(configuration.Shard, configuration.Iterations, partition);
        long units = -1;
        control.RunWorkers(configuration.Workers, _ =>
        {
            var strategy = create(partition);
            var subtrees = exchange is null ? null : new SubtreeExplorer(scenario, configuration, control, ledger.Add, partition, exchange);
            var walked = ExploreUnits(scenario, strategy, configuration, control, ledger.Add, partition, subtrees);
            if (walked) Interlocked.Exchange(ref units, strategy.Unit + 1);
            // Once its walk has no unit left to claim, a worker explores what the others give away, until every worker is idle.
            while (exchange?.Take(control) is var (subtree, part)) subtrees!.Explore(subtree, part);
        });
        if (exchange is not null)
            foreach (var unfinished in exchange.Unfinished(configuration.AllBugs)) ledger.Add(unfinished);
        // After a cancellation the report is what was explored, budget or not.
        var (segments, truncated) = control.Stopping
            ? (ledger.Segments, false)
            : ledger.WithinBudget(configuration.AllBugs, (unit, budget) => ExploreOne(scenario, configuration, control, create(partition.Only(unit)), unit, budget));
        bool exhaustive = units >= 0 && !truncated && ledger.Covers(units);
        return SegmentFold.Fold(scenario, configuration, segments, exhaustive, control.Elapsed);
    }

    /// <summary>
    /// Walks the tree with <paramref name="strategy"/>, exploring the units it claims; true when the walk
    /// reached the end of the tree. A unit is handed to <paramref name="finished"/> when the strategy leaves
    /// it, or unfinished when the run stops inside it; a unit part of which went to another worker (through
    /// the exchange of <paramref name="subtrees"/>) is handed on when its last part is explored.
    /// </summary>
    static bool ExploreUnits(Scenario scenario, IPartitionedStrategy strategy, TestConfiguration configuration,
        RunControl control, Action<Segment> finished, TreePartition partition, SubtreeExplorer? subtrees)
    {
        var exchange = subtrees?.Exchange;
        var worker = new Worker(scenario, configuration, strategy, control);
        Segment? current = null;
        UnitPart? part = null;
        // Units are numbered in walk order: past the last one needed (a bug or the budget ended the search
        // before it), no unit left can be claimed, and the search is not complete anyway.
        while (!control.Stopping && strategy.Unit <= partition.StoppedAfter && strategy.PrepareExecution())
        {
            if (worker.Run() is not { } result || !strategy.Owned) continue;
            if (current is null)
            {
                current = new Segment(strategy.Unit, configuration.Coverage, unit: true);
                worker.TookPart();
            }
            bool first = current.Add(result, worker);
            int explored = part?.Explored() ?? current.Executions;
            control.Executed(result.Bug is not null);
            bool bugStop = first && !configuration.AllBugs;
            if (bugStop)
            {
                partition.StopAfter(current.Key);
                if (part is not null) exchange!.DropAfter(part);
            }
            if (bugStop || strategy.UnitDone)
            {
                current.Finished = true;
                strategy.LeaveUnit();
            }
            else if (explored >= configuration.Iterations || current.Key > partition.StoppedAfter)
            {
                // The budget ends inside this unit, or a bug before it made it unnecessary.
                partition.StopAfter(current.Key);
                strategy.LeaveUnit();
            }
            else
            {
                if (exchange is { Wanted: true } && strategy.Split() is { } given) part = exchange.Offer(part, given, current.Executions);
                continue;
            }
            Hand(current, part, finished, exchange, configuration.AllBugs);
            current = null;
            part = null;
            // Parts given away and not yet taken come before the units still to claim: explored first, they
            // let the budget and a bug end the search in depth-first order sooner.
            while (exchange?.TryTake() is var (subtree, given)) subtrees!.Explore(subtree, given);
        }
        if (current is not null) Hand(current, part, finished, exchange, configuration.AllBugs);
        return strategy.IsComplete;
    }

    /// <summary>A unit's segment goes to the ledger; a part of a split unit goes to the exchange, which joins the unit's parts when all are in.</summary>
    internal static void Hand(Segment segment, UnitPart? part, Action<Segment> finished, SubtreeExchange? exchange, bool allBugs)
    {
        if (part is null) finished(segment);
        else if (exchange!.Finish(part, segment, allBugs) is { } unit) finished(unit);
    }

    /// <summary>The plain search: one worker, the whole tree, one segment.</summary>
    static ExplorationReport ExploreWhole(Scenario scenario, TestConfiguration configuration, RunControl control, IStrategy strategy)
    {
        var segment = new Segment(0, configuration.Coverage, unit: true) { Units = long.MaxValue / 2 };
        control.RunWorkers(1, _ =>
        {
            var worker = new Worker(scenario, configuration, strategy, control);
            worker.TookPart();
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
        });
        return SegmentFold.Fold(scenario, configuration, [segment], exhaustive: strategy.IsComplete, control.Elapsed);
    }

    /// <summary>Explores unit <paramref name="unit"/> alone with <paramref name="strategy"/> (which claims it alone), stopping after <paramref name="budget"/> executions.</summary>
    static Segment ExploreOne(Scenario scenario, TestConfiguration configuration, RunControl control, IPartitionedStrategy strategy, long unit, int budget)
    {
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
