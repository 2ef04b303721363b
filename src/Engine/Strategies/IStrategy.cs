namespace ModelCheck.Engine;

/// <summary>
/// Answers the runtime's questions and nothing else: which enabled task runs next, and which value a
/// data choice takes. A strategy never sees what the tasks do.
/// </summary>
public interface IStrategy
{
    /// <summary>The name used on the command line and in trace files.</summary>
    string Name { get; }

    /// <summary>Prepares the next execution; false when an exhaustive strategy has nothing left to explore.</summary>
    bool PrepareExecution();

    /// <summary>Called when a task is created, in creation order, before it can be scheduled.</summary>
    void OnTaskCreated(int taskId);

    /// <summary>
    /// Picks the next task among <paramref name="enabled"/> (task ids in increasing order, at least two),
    /// given the task that ran the previous step (-1 at the start) and the step about to run (1-based).
    /// Returns an index into <paramref name="enabled"/>.
    /// </summary>
    int PickTask(ReadOnlySpan<int> enabled, int previous, int step);

    /// <summary>Picks a value in [0, <paramref name="count"/>) for a choice of the given kind (count at least two).</summary>
    int PickValue(ChoiceKind kind, int count, int step);

    /// <summary>Called after each execution with the number of steps it took.</summary>
    void OnExecutionEnd(int steps);

    /// <summary>True once an exhaustive strategy has explored the whole space.</summary>
    bool IsComplete { get; }

    /// <summary>When <see cref="IsComplete"/>: the preemption bound the space was cut at, or null when it was not cut.</summary>
    int? CompleteWithin => null;
}
