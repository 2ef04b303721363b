using System.Threading;
using Microsoft.Coyote.Random;
using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;
using ModelCheck.Engine;

namespace ModelCheck.Coyote;

/// <summary>
/// The runtime's primitives on Coyote-controlled tasks. Each controlled task of an execution runs on its
/// own thread registered with Coyote as a controlled operation (Coyote's instrumentation API, so neither
/// the engine nor the map models need rewriting); before every step Coyote gets a scheduling point,
/// a blocked operation (a held mutex, a join) pauses until it can go on, data choices are Coyote's
/// controlled nondeterminism, and a bug becomes a Coyote assertion failure carrying our kind and message
/// (and, to <c>onBug</c>, the schedule in the engine's form, which replays natively).
/// Valid only inside a Coyote test iteration.
/// </summary>
public sealed class CoyoteHost(Action<Bug, Choice[]>? onBug = null) : IExecutionHost
{
    readonly Generator generator = Generator.Create();

    public void Start(Action body)
    {
        ulong id = Operation.CreateNext()
            ?? throw new InvalidOperationException("Coyote's testing engine is not attached: run this under `coyote test` or a TestingEngine");
        var thread = new Thread(() => RunOperation(id, body)) { IsBackground = true, Name = $"coyote-op-{id}" };
        // No scheduling point here: Start is called inside a step, which must stay atomic. The new
        // operation first runs at the spawning task's next scheduling point.
        Operation.Start(id);
        thread.Start();
    }

    void RunOperation(ulong id, Action body)
    {
        try
        {
            Operation.OnStarted(id);
            body();
            Operation.OnCompleted();
            Operation.ScheduleNext();
        }
        catch (Exception e) when (IsHostException(e))
        {
            // Coyote ended the iteration (a bug elsewhere, or its step bound) and unwound this thread.
        }
    }

    public void SchedulingPoint(bool yielding)
    {
        if (yielding) Microsoft.Coyote.Runtime.SchedulingPoint.Yield();
        else Microsoft.Coyote.Runtime.SchedulingPoint.Interleave();
    }

    public void WaitUntil(Func<bool> condition) => Operation.PauseUntil(condition);

    public int Choose(int count) => generator.NextInteger(count);

    public void Report(Bug bug, Choice[] choices)
    {
        onBug?.Invoke(bug, choices);
        Specification.Assert(false, "{0}", CoyoteBugText.Format(bug));
    }

    public bool IsHostException(Exception e) => e is RuntimeException or ThreadInterruptedException;
}
