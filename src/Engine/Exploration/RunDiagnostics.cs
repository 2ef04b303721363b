using System.Diagnostics;

namespace ModelCheck.Engine;

/// <summary>
/// How one exploration used the machine: per worker thread, what it did and the processor time it took;
/// for the process, garbage collections, their pauses, allocation and lock contention during the run.
/// Clock figures, like <see cref="ExplorationReport.Elapsed"/>: they explain a speed-up (or its absence)
/// and are printed only on request (`test --diagnostics`, scripts/speedup.sh), never in the results.
/// </summary>
public sealed record RunDiagnostics(
    IReadOnlyList<WorkerLoad> Workers,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    TimeSpan GcPause,
    long AllocatedBytes,
    long LockContentions,
    TimeSpan ProcessCpu)
{
    /// <summary>The process-wide counters now, to subtract from later ones.</summary>
    internal readonly record struct Snapshot(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated, long Contentions, TimeSpan Cpu)
    {
        public static Snapshot Take()
        {
            using var process = Process.GetCurrentProcess();
            return new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
                GC.GetTotalAllocatedBytes(precise: false), System.Threading.Monitor.LockContentionCount, process.TotalProcessorTime);
        }

        public RunDiagnostics Since(Snapshot start, IReadOnlyList<WorkerLoad> workers) =>
            new(workers, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Pause - start.Pause,
                Allocated - start.Allocated, Contentions - start.Contentions, Cpu - start.Cpu);
    }
}

/// <summary>
/// One worker thread's share of a run: executions it started (in a partitioned tree also the ones it
/// stopped where another worker's unit begins), the parts it took (blocks of iterations, units of a tree),
/// its processor time (null where the system does not say) and the wall time from its start to its end.
/// PCT's calibration, which runs in order on the calling thread before the workers start, and the re-run of
/// the unit a depth-first budget ends in, are in no worker's load.
/// </summary>
public readonly record struct WorkerLoad(int Executions, int Parts, TimeSpan? Cpu, TimeSpan Wall);
