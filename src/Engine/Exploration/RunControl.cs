using System.Diagnostics;
using System.Threading;

namespace ModelCheck.Engine;

/// <summary>
/// What the workers of one exploration share: when to stop (Ctrl-C, the time budget), the
/// running totals a progress display shows, and the first fault of the scenario any worker hit.
/// Workers run on their own threads; the thread that called <see cref="Explorer"/> polls the totals
/// and reports progress, so a progress callback never runs on two threads.
/// </summary>
sealed class RunControl : IDisposable
{
    readonly TestConfiguration configuration;
    readonly Action<ExplorationProgress>? progress;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Timer? deadline;
    readonly List<Worker> workers = [];
    readonly RunDiagnostics.Snapshot started = RunDiagnostics.Snapshot.Take();
    // Per worker thread of RunWorkers: its managed thread id, processor time and wall time.
    (int Thread, TimeSpan? Cpu, TimeSpan Wall)[] threads = [];
    long executions;
    long bugs;
    volatile bool faulted;
    bool inline;

    public RunControl(TestConfiguration configuration, Action<ExplorationProgress>? progress, ExplorationControl? stop)
    {
        this.configuration = configuration;
        this.progress = progress;
        Signal = new ExplorationControl(stop);
        // The time budget reaches inside an execution: the runtimes stop at their next scheduling point.
        if (configuration.TimeoutSeconds is { } seconds)
            deadline = new Timer(_ => Signal.RequestStop("timeout"), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>What every runtime of this run checks at each scheduling point: a stop from outside, or the time budget.</summary>
    public ExplorationControl Signal { get; }

    /// <summary>True once the run must end early: stopped, out of time, or a worker failed.</summary>
    public bool Stopping => faulted || Signal.StopRequested;

    /// <summary>A worker the watchdog watches.</summary>
    public void Register(Worker worker)
    {
        lock (workers) workers.Add(worker);
    }

    /// <summary>Each worker's runtime and executions so far, for the watchdog.</summary>
    public IReadOnlyList<(Runtime? Runtime, int Executions)> Watched()
    {
        lock (workers) return workers.Select(w => (w.Runtime, w.Executions)).ToList();
    }

    public void Dispose() => deadline?.Dispose();

    /// <summary>How the run used its worker threads and the process so far (see <see cref="RunDiagnostics"/>).</summary>
    public RunDiagnostics Diagnostics()
    {
        var end = RunDiagnostics.Snapshot.Take();
        List<Worker> all;
        lock (workers) all = [.. workers];
        var loads = threads.Select(t =>
        {
            var mine = all.Where(w => w.Thread == t.Thread).ToList();
            return new WorkerLoad(mine.Sum(w => w.Executions), mine.Sum(w => w.Parts), t.Cpu, t.Wall);
        }).ToList();
        return end.Since(started, loads);
    }

    /// <summary>Counts one execution; on a single inline worker, reports progress every 64.</summary>
    public void Executed(bool bug)
    {
        long done = Interlocked.Increment(ref executions);
        if (bug) Interlocked.Increment(ref bugs);
        if (inline && (done & 63) == 0) Report();
    }

    void Report() => progress?.Invoke(new ExplorationProgress(
        (int)Math.Min(Interlocked.Read(ref executions), int.MaxValue), configuration.Iterations, (int)Interlocked.Read(ref bugs), clock.Elapsed));

    /// <summary>
    /// Runs <paramref name="work"/>(0..count-1), one per worker. One worker runs on this thread; more run
    /// on their own threads while this one reports progress. A fault in any worker stops the others and
    /// is rethrown here.
    /// </summary>
    public void RunWorkers(int count, Action<int> work)
    {
        threads = new (int, TimeSpan?, TimeSpan)[count];
        if (count == 1)
        {
            inline = true;
            Measured(0, work);
            inline = false;
            return;
        }
        var faults = new Exception?[count];
        var running = new Thread[count];
        for (int w = 0; w < count; w++)
        {
            int index = w;
            // The scenario's code runs on these threads: give them the main thread's stack size.
            running[w] = new Thread(() =>
            {
                try
                {
                    Measured(index, work);
                }
                catch (Exception e)
                {
                    faults[index] = e;
                    faulted = true;
                }
            }, 8 << 20) { Name = $"modelcheck worker {index + 1}", IsBackground = true };
            running[w].Start();
        }
        foreach (var thread in running)
            while (!thread.Join(100)) Report();
        if (faults.FirstOrDefault(f => f is not null) is { } fault)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
    }

    // Runs one worker's work on this thread and keeps its processor and wall time for Diagnostics.
    void Measured(int index, Action<int> work)
    {
        var cpu = ThreadClock.Now();
        long wall = Stopwatch.GetTimestamp();
        try
        {
            work(index);
        }
        finally
        {
            threads[index] = (Environment.CurrentManagedThreadId, ThreadClock.Now() - cpu, Stopwatch.GetElapsedTime(wall));
        }
    }
}
