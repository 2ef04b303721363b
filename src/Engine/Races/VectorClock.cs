namespace ModelCheck.Engine;

/// <summary>
/// Vector clocks as plain int arrays indexed by task id, where a missing entry is 0. Kept as arrays
/// rather than a type so the race detector can reuse them across executions without allocating.
/// </summary>
internal static class VectorClock
{
    /// <summary>The entry of <paramref name="task"/>, 0 when the clock has never heard of it.</summary>
    public static int Get(int[]? clock, int task) => clock is not null && task < clock.Length ? clock[task] : 0;

    /// <summary>Makes <paramref name="into"/> the pointwise maximum of itself and <paramref name="from"/>.</summary>
    public static void Join(ref int[] into, int[]? from, int width)
    {
        if (from is null) return;
        int n = Math.Min(from.Length, width);
        if (into.Length < n) Array.Resize(ref into, width);
        for (int i = 0; i < n; i++)
            if (from[i] > into[i]) into[i] = from[i];
    }

    /// <summary>Makes <paramref name="into"/> a copy of <paramref name="from"/> (all zero when it is null).</summary>
    public static void Assign(ref int[] into, int[]? from, int width)
    {
        if (into.Length < width) into = new int[width];
        else Array.Clear(into);
        if (from is not null) Array.Copy(from, into, Math.Min(from.Length, width));
    }
}
