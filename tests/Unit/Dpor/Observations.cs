using ModelCheck.Engine;

namespace ModelCheck.Tests.Unit.Dpor;

/// <summary>
/// What the executions of one exploration ended in: each final state, and each Mazurkiewicz trace. A
/// program calls <see cref="Finish"/> at the end of its main task, after joining every task it spawned
/// and before its own assertions, so an execution that fails there is counted too. Workers call it from
/// their own threads.
/// </summary>
sealed class Observations
{
    readonly object gate = new();

    public SortedSet<string> Finals { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Traces { get; } = [];
    public int Finished { get; private set; }

    /// <summary>
    /// Each finished execution once, as its trace and its choice sequence: a worker that walks to a unit
    /// it does not own may run a short execution that ends above every unit, which its owner runs too.
    /// </summary>
    public HashSet<(string Trace, string Choices)> Distinct { get; } = [];

    public void Finish(Runtime rt, string state)
    {
        string trace = MazurkiewiczTrace.Of(rt.Accesses);
        string choices = string.Join(" ", rt.Choices.ToArray());
        lock (gate)
        {
            Finished++;
            Finals.Add(state);
            Traces.Add(trace);
            Distinct.Add((trace, choices));
        }
    }
}
