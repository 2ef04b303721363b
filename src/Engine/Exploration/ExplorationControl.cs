namespace ModelCheck.Engine;

/// <summary>
/// What may end an exploration from outside its thread: a stop request (Ctrl-C, or the time budget
/// running out in the middle of an execution), honoured at the next scheduling point, and the handler of
/// a hang, which the <see cref="Watchdog"/> calls when a task stops reaching scheduling points.
/// </summary>
public sealed class ExplorationControl(ExplorationControl? parent = null)
{
    volatile string? stopReason;

    /// <summary>Why the exploration was asked to stop (here or in the control it was made within), or null while it may go on.</summary>
    public string? StopReason => stopReason ?? parent?.StopReason;

    public bool StopRequested => stopReason is not null || parent is { StopRequested: true };

    /// <summary>Asks the exploration to stop at its next scheduling point; the first reason given is kept.</summary>
    public void RequestStop(string reason) => System.Threading.Interlocked.CompareExchange(ref stopReason, reason, null);

    /// <summary>
    /// Called on the watchdog's thread when a task has run for <see cref="TestConfiguration.StepTimeoutSeconds"/>
    /// without reaching a scheduling point. The stuck thread cannot be stopped, so the handler reports the hang
    /// and ends the process; without a handler nothing watches.
    /// </summary>
    public Action<Hang>? OnHang { get; init; }
}

/// <summary>A hang as the watchdog saw it: the bug, and the choices of the execution up to the stuck step (its trace so far).</summary>
public sealed record Hang(Bug Bug, IReadOnlyList<Choice> Choices, int Iteration);
