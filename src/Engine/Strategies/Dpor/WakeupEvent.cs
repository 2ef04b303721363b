namespace ModelCheck.Engine;

/// <summary>
/// One step in a wakeup sequence: the task that takes it and what it touches. Tasks are deterministic,
/// so after equivalent prefixes a task's next step is the same step; only the value its first access
/// returns can differ, and with it what the rest of the step touches. <paramref name="Values"/>: the
/// data choices made inside the step (a step with other values is another step). <paramref name="Spawns"/>
/// and <paramref name="Joins"/>: the tasks it creates and waits for, which only order steps.
/// <paramref name="Unknown"/>: the step's footprint beyond its first access is not known (it was moved
/// before a write it read from, so it may read another value and go another way, or it never ran); it is
/// then taken to depend on every step that touches anything, which can only add exploration.
/// </summary>
internal readonly record struct WakeupEvent(int Task, Footprint Footprint, int[]? Values, ulong Spawns, ulong Joins, bool Unknown)
{
    /// <summary>Whether this step, taken after <paramref name="earlier"/> in one sequence, must stay after it.</summary>
    public bool DependsOn(in WakeupEvent earlier) =>
        Task == earlier.Task
        || (earlier.Spawns & ScheduleNode.Bit(Task)) != 0
        || (Joins & ScheduleNode.Bit(earlier.Task)) != 0
        || (Unknown && !earlier.Footprint.IsEmpty) || (earlier.Unknown && !Footprint.IsEmpty)
        || Footprint.ConflictsWith(earlier.Footprint);

    /// <summary>The same step of the same task: the same data choices inside it.</summary>
    public bool SameChoicesAs(in WakeupEvent other) => (Values ?? []).AsSpan().SequenceEqual(other.Values ?? []);
}
