namespace ModelCheck.Engine;

/// <summary>
/// One worker thread's explorer of the subtrees other workers give away (<see cref="SubtreeExchange"/>):
/// a depth-first search of its own, without a partition, and the runtime that runs it, reused from one
/// subtree to the next.
/// </summary>
sealed class SubtreeExplorer(Scenario scenario, TestConfiguration configuration, RunControl control,
    Action<Segment> finished, TreePartition partition, SubtreeExchange exchange)
{
    DfsStrategy? strategy;
    Worker? worker;

    public SubtreeExchange Exchange => exchange;

    /// <summary>Explores <paramref name="subtree"/>, part <paramref name="part"/> of its unit, and hands in the result; gives part of it away in turn when another worker waits.</summary>
    public void Explore(DfsSubtree subtree, UnitPart part)
    {
        strategy ??= new DfsStrategy(configuration.StrategyValue);
        worker ??= new Worker(scenario, configuration, strategy, control);
        strategy.Explore(subtree);
        worker.TookPart();
        var current = new Segment(subtree.Unit, configuration.Coverage, unit: true);
        while (!part.Unneeded && current.Key <= partition.StoppedAfter && !control.Stopping && strategy.PrepareExecution())
        {
            if (worker.Run() is not { } result) continue;
            bool first = current.Add(result, worker);
            int explored = part.Explored();
            control.Executed(result.Bug is not null);
            if (first && !configuration.AllBugs)
            {
                partition.StopAfter(current.Key);
                exchange.DropAfter(part);
                current.Finished = true;
                break;
            }
            if (strategy.IsComplete)
            {
                current.Finished = true;
                break;
            }
            // The budget ends inside this unit: it is explored again alone (see UnitLedger).
            if (explored >= configuration.Iterations)
            {
                partition.StopAfter(current.Key);
                break;
            }
            if (exchange.Wanted && strategy.Split() is { } given) exchange.Offer(part, given, 0);
        }
        TreeExplorer.Hand(current, part, finished, exchange, configuration.AllBugs);
    }
}
