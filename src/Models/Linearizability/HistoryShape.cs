namespace ModelCheck.Models.Linearizability;

/// <summary>
/// A history as <see cref="ProvenHistories"/> tells histories apart: its calls and returns in the order they
/// happened, each marked when it came at a later time than the one before (so ties survive), with a hash
/// of that order and of every operation's name, arguments, client and result. Built as the recorder
/// records, in time order, so no sort is needed: two histories with equal events and equal operations
/// order all their times the same way.
/// </summary>
internal sealed class HistoryShape
{
    int[] events = new int[32];
    int count;
    long lastTime = long.MinValue;

    internal ulong Hash { get; private set; } = Fnv.Offset;

    /// <summary>Calls (1) and returns (2 and the operation's id, shifted), each plus 4 when its time is later than the last event's.</summary>
    internal ReadOnlySpan<int> Events => events.AsSpan(0, count);

    public void Called(long time, string name, IReadOnlyList<Value> args, int client)
    {
        ulong h = Add(time, 1);
        foreach (char c in name) h = Fnv.Mix(h, c);
        for (int i = 0; i < args.Count; i++) h = args[i].Hash(h);
        Hash = Fnv.Mix(h, (ulong)client);
    }

    public void Returned(long time, int id, Value result) => Hash = result.Hash(Add(time, 2 | id << 3));

    ulong Add(long time, int code)
    {
        if (time > lastTime) code |= 4;
        lastTime = time;
        if (count == events.Length) Array.Resize(ref events, count * 2);
        events[count++] = code;
        return Fnv.Mix(Hash, (ulong)code);
    }
}
