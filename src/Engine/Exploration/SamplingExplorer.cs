using System.Threading;

namespace ModelCheck.Engine;

/// <summary>
/// Random and PCT on any number of workers. Iteration i is a function of the seed and i alone (after
/// the strategy's calibration, which runs first, in order, on this thread), so the iterations are cut
/// into blocks that workers take in turn, and the blocks are joined in iteration order: the report is
/// the one a single worker makes, whatever the number of workers and however their threads are timed.
/// A shard runs its block of the iterations (<see cref="Shard.Block"/>) the same way.
/// </summary>
static class SamplingExplorer
{
    public static ExplorationReport Explore(Scenario scenario, TestConfiguration configuration, RunControl control)
    {
        var (from, to) = configuration.Shard.Block(configuration.Iterations);
        var calibrating = (ISamplingStrategy)configuration.CreateStrategy();
        var segments = new List<Segment>();
        // The first iteration with a bug, when the run stops at the first: later blocks are not needed.
        long firstBug = long.MaxValue;

        // Calibration runs in every shard (its executions teach the strategy), but counts only in the shard that owns them.
        long calibration = Math.Min(calibrating.CalibrationExecutions, configuration.Iterations);
        if (calibration > 0)
        {
            var worker = new Worker(scenario, configuration, calibrating, control);
            var segment = new Segment(Math.Min(from, calibration), configuration.Coverage);
            long i = 0;
            for (; i < calibration && !control.Stopping && calibrating.PrepareExecution(); i++)
            {
                if (worker.Run() is not { } result) break; // stopped inside the execution
                if (i < from || i >= to) continue;
                bool first = segment.Add(result, worker);
                control.Executed(result.Bug is not null);
                if (first && !configuration.AllBugs)
                {
                    firstBug = i;
                    i++;
                    break;
                }
            }
            segment.Finished = i == calibration || firstBug != long.MaxValue;
            if (from < calibration) segments.Add(segment);
        }

        long start = Math.Max(from, calibration);
        if (start < to && firstBug == long.MaxValue && !control.Stopping)
        {
            // Small blocks, so that the last one a worker takes leaves the others little to wait for (a block
            // costs a segment and a reseed); no more than a few hundred executions either, so that a bug
            // found early stops the others soon.
            long size = Math.Clamp((to - start) / (configuration.Workers * 32L), 1, 256);
            long nextBlock = -1;
            var gate = new object();
            control.RunWorkers(configuration.Workers, _ =>
            {
                var strategy = calibrating.Fork();
                var worker = new Worker(scenario, configuration, strategy, control);
                while (true)
                {
                    long blockStart = start + Interlocked.Increment(ref nextBlock) * size;
                    if (blockStart >= to || blockStart > Volatile.Read(ref firstBug)) return;
                    long blockEnd = Math.Min(to, blockStart + size);
                    var segment = new Segment(blockStart, configuration.Coverage);
                    worker.TookPart();
                    strategy.StartIteration(blockStart);
                    long i = blockStart;
                    for (; i < blockEnd && !control.Stopping && i <= Volatile.Read(ref firstBug) && strategy.PrepareExecution(); i++)
                    {
                        if (worker.Run() is not { } result) break; // stopped inside the execution
                        bool first = segment.Add(result, worker);
                        control.Executed(result.Bug is not null);
                        if (first && !configuration.AllBugs)
                        {
                            lock (gate) firstBug = Math.Min(firstBug, i);
                            segment.Finished = true;
                            break;
                        }
                    }
                    if (i == blockEnd) segment.Finished = true;
                    lock (gate) segments.Add(segment);
                    if (!segment.Finished) return;
                }
            });
        }
        return SegmentFold.Fold(scenario, configuration, segments, exhaustive: false, control.Elapsed);
    }
}
