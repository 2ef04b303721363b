using System.Diagnostics;

namespace ModelCheck.Engine;

/// <summary>
/// A thread that watches one runtime's progress. Code between two scheduling points is meant to be
/// short; a task that spins there, or blocks on something the runtime does not control (such as
/// <c>Task.Delay(Timeout.Infinite).Wait()</c>), never gives the scheduler its turn back. When the step
/// and execution counters stand still for the limit while a task is running, that is a hang: the
/// watchdog hands it to <see cref="ExplorationControl.OnHang"/>. .NET cannot abort a thread, so the
/// handler's job is to report and end the process. The watchdog only reads counters; it adds nothing
/// to the step's hot path.
/// </summary>
public sealed class Watchdog : IDisposable
{
    readonly Func<IReadOnlyList<(Runtime? Runtime, int Executions)>> watched;
    readonly TimeSpan limit;
    readonly Action<Hang> onHang;
    readonly System.Threading.Thread thread;
    volatile bool disposed;

    Watchdog(Func<IReadOnlyList<(Runtime?, int)>> watched, TimeSpan limit, Action<Hang> onHang)
    {
        this.watched = watched;
        this.limit = limit;
        this.onHang = onHang;
        thread = new System.Threading.Thread(Watch) { IsBackground = true, Name = "modelcheck watchdog" };
        thread.Start();
    }

    /// <summary>
    /// Starts watching the runtimes <paramref name="watched"/> lists (one per worker, with the executions it
    /// has started) when there is a handler and a limit; otherwise returns null.
    /// </summary>
    public static Watchdog? Start(ExplorationControl? control, int? limitSeconds, Func<IReadOnlyList<(Runtime? Runtime, int Executions)>> watched) =>
        control?.OnHang is { } onHang && limitSeconds is { } seconds ? new Watchdog(watched, TimeSpan.FromSeconds(seconds), onHang) : null;

    void Watch()
    {
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds / 10, 10, 250));
        var clock = Stopwatch.StartNew();
        // Per worker: what it was doing when last seen, and since when.
        var last = new List<((Runtime?, int, int) Seen, TimeSpan Since)>();
        while (!disposed)
        {
            System.Threading.Thread.Sleep(poll);
            var now = clock.Elapsed;
            var workers = watched();
            for (int w = 0; w < workers.Count && !disposed; w++)
            {
                var (runtime, executions) = workers[w];
                var seen = (runtime, executions, runtime?.Step ?? 0);
                if (w == last.Count) last.Add((seen, now));
                if (last[w].Seen != seen || runtime is null || runtime.CurrentTask < 0)
                {
                    last[w] = (seen, now);
                    continue;
                }
                if (now - last[w].Since < limit) continue;
                var bug = new Bug(BugKind.Hang,
                    $"task '{runtime.CurrentTaskName}' ran for {limit.TotalSeconds:0.###}s without reaching a scheduling point: "
                    + "it spins or blocks outside the runtime's primitives (a running thread cannot be stopped, so the run ends here)",
                    runtime.Step, runtime.CurrentTask);
                onHang(new Hang(bug, runtime.Choices.ToArray(), executions));
                return;
            }
        }
    }

    public void Dispose() => disposed = true;
}
