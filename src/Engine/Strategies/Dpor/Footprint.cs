namespace ModelCheck.Engine;

/// <summary>
/// What one step touched: each controlled object once, with whether the step wrote it. Two steps of
/// different tasks are dependent when they touch a common object and one of them writes it; otherwise
/// they commute (either order reaches the same state, and neither enables or disables the other).
/// Stored as <c>object * 2 + write</c>, so a footprint is one small array.
/// </summary>
internal readonly struct Footprint(int[] entries)
{
    readonly int[] entries = entries;

    public static Footprint Empty { get; } = new([]);

    public static int Entry(int obj, bool write) => obj * 2 + (write ? 1 : 0);

    /// <summary>True for a step that touched no object (a task's start, a fence, a yield).</summary>
    public bool IsEmpty => entries.Length == 0;

    public bool ConflictsWith(Footprint other) => Conflict(entries, other.entries);

    public bool ConflictsWith(ReadOnlySpan<int> other) => Conflict(entries, other);

    public static bool Conflict(ReadOnlySpan<int> some, ReadOnlySpan<int> other)
    {
        foreach (int a in some)
            foreach (int b in other)
                if (a >> 1 == b >> 1 && ((a | b) & 1) != 0) return true;
        return false;
    }

    /// <summary>Every object either touched, written where either wrote it.</summary>
    public Footprint Union(Footprint other)
    {
        var merged = new List<int>(entries);
        foreach (int b in other.entries)
        {
            int at = merged.FindIndex(a => a >> 1 == b >> 1);
            if (at < 0) merged.Add(b);
            else merged[at] |= b;
        }
        return new Footprint([.. merged]);
    }
}

/// <summary>A task asleep, with the step it would take: exploring that step here would repeat explored executions, until a dependent step runs.</summary>
internal readonly record struct SleepingTask(int Task, Footprint Step);
