using ModelCheck.Engine;

namespace ModelCheck.Tests.Unit.Dpor;

/// <summary>
/// What the executions of one exploration ended in: each final state, and each Mazurkiewicz trace. A
/// program calls <see cref="Finish"/> at the end of its main task, after joining every task it spawned
/// and before its own assertions, so an execution that fails there is counted too.
/// </summary>
sealed class Observations
{
    public SortedSet<string> Finals { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Traces { get; } = [];
    public int Finished { get; private set; }

    public void Finish(Runtime rt, string state)
    {
        Finished++;
        Finals.Add(state);
        Traces.Add(MazurkiewiczTrace.Of(rt.Accesses));
    }
}
