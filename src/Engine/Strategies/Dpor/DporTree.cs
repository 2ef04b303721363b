namespace ModelCheck.Engine;

/// <summary>
/// The whole state of a DPOR exploration, as one value: the path of points from the root to the last
/// execution's end, each decision with its backtrack, explored and sleep sets. The next execution
/// replays the path and changes only its deepest point.
/// </summary>
internal sealed class DporTree
{
    public List<DporPoint> Path { get; } = [];

    /// <summary>True once no point has an alternative left: the space has been explored.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>
    /// Drops the points past <paramref name="reached"/> (the last execution ended there), then moves the
    /// deepest point that has an alternative left to it; false when none has.
    /// </summary>
    public bool Backtrack(int reached, int? preemptionBound)
    {
        Path.RemoveRange(reached, Path.Count - reached);
        while (Path.Count > 0)
        {
            if (Path[^1].Advance(preemptionBound)) return true;
            Path.RemoveAt(Path.Count - 1);
        }
        Exhausted = true;
        return false;
    }
}
