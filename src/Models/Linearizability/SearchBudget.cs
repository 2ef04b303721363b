using System.Diagnostics;

namespace ModelCheck.Models.Linearizability;

/// <summary>
/// What the search for a linearization may spend: time, memory (the memoised configurations are what
/// grows), and a way to be stopped (Ctrl-C). The search is exponential in the number of overlapping
/// operations in the worst case, so a checker of recorded histories needs a third verdict, unknown,
/// as Porcupine has: past any limit the search gives up rather than run for ever or exhaust memory.
/// </summary>
public sealed record SearchBudget
{
    /// <summary>Wall-clock time for the whole check; null: no limit.</summary>
    public TimeSpan? Time { get; init; }

    /// <summary>Managed heap the search may grow to; null: no limit.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Asked now and then; true stops the search (the reason is "interrupted").</summary>
    public Func<bool>? Stopped { get; init; }

    /// <summary>No limit: what model runs use, where histories are small.</summary>
    public static SearchBudget Unlimited { get; } = new();

    /// <summary>Why the search must stop now, or null while it may go on.</summary>
    internal string? Exhausted(Stopwatch clock)
    {
        if (Stopped?.Invoke() == true) return "interrupted";
        if (Time is { } time && clock.Elapsed > time) return $"the time budget of {time.TotalSeconds:0.###}s ran out";
        if (MemoryBytes is { } bytes && GC.GetTotalMemory(forceFullCollection: false) > bytes)
            return $"the memory budget of {bytes / (1024 * 1024)} MB ran out";
        return null;
    }
}
