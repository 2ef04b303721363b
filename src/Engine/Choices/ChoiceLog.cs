namespace ModelCheck.Engine;

/// <summary>
/// The ordered decisions of one execution: the single type that strategies, traces, replay and
/// minimisation share. Reused across executions, so recording allocates nothing once warm.
/// </summary>
public sealed class ChoiceLog
{
    Choice[] items = new Choice[256];

    public int Count { get; private set; }

    public Choice this[int index] => index < Count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(ChoiceKind kind, int value)
    {
        if (Count == items.Length) Array.Resize(ref items, items.Length * 2);
        items[Count++] = new Choice(kind, value);
    }

    public void Clear() => Count = 0;

    public Choice[] ToArray() => items.AsSpan(0, Count).ToArray();

    /// <summary>The choices so far, for readers that walk them all at the end of every execution.</summary>
    internal ReadOnlySpan<Choice> AsSpan() => items.AsSpan(0, Count);
}
