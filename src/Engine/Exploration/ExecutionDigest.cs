namespace ModelCheck.Engine;

/// <summary>
/// A 64-bit hash of one execution's choice sequence. Runs add their executions' digests (wrapping), so
/// the sum names the multiset of executions explored whatever order they ran in: a sharded or parallel
/// run explored the same executions as a single one exactly when counts and sums agree (up to hash
/// collisions).
/// </summary>
public static class ExecutionDigest
{
    public static ulong Of(ChoiceLog choices)
    {
        ulong h = 0xCBF29CE484222325UL ^ (ulong)choices.Count;
        foreach (var c in choices.AsSpan())
        {
            h = (h ^ ((ulong)c.Kind << 32 | (uint)c.Value)) * 0x100000001B3UL;
            h ^= h >> 29;
        }
        // A final avalanche, so that sums of digests do not cancel in structured ways.
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }
}
