namespace ModelCheck.Engine;

/// <summary>
/// A view of the ra model: for each location (by object id), the message a task (or a message, or a
/// lock) has seen; a missing entry is message 0, the initial value. Which of two messages is newer is
/// their place in the location's modification order, which the model supplies.
/// </summary>
internal sealed class View
{
    int[] seen;

    public View(int capacity = 8) => seen = new int[capacity];

    View(int[] seen) => this.seen = seen;

    public int this[int location] => location < seen.Length ? seen[location] : 0;

    public View Copy() => new((int[])seen.Clone());

    public void Clear() => Array.Clear(seen);

    public void CopyFrom(View other)
    {
        if (seen.Length < other.seen.Length) seen = new int[other.seen.Length];
        else Array.Clear(seen);
        Array.Copy(other.seen, seen, other.seen.Length);
    }

    /// <summary>Raises the entry of <paramref name="location"/> to <paramref name="message"/> if that is newer.</summary>
    public void Raise(int location, int message, Func<int, int, int> rank)
    {
        if (rank(location, message) <= rank(location, this[location])) return;
        if (location >= seen.Length) Array.Resize(ref seen, Math.Max(seen.Length * 2, location + 1));
        seen[location] = message;
    }

    /// <summary>Makes this view the pointwise newest of itself and <paramref name="other"/>.</summary>
    public void Join(View? other, Func<int, int, int> rank)
    {
        if (other is null) return;
        for (int location = 0; location < other.seen.Length; location++)
            if (other.seen[location] != 0) Raise(location, other.seen[location], rank);
    }
}
