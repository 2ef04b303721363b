namespace ModelCheck.Engine;

/// <summary>A store as a replay saw it: its message id, who issued it at which step (task -1, step 0: the initial value), and the value.</summary>
public sealed record LoggedStore(int Message, int Task, int Step, string Value, MemoryOrder Order)
{
    public bool IsInitial => Task < 0;
}

/// <summary>A load (or the read half of a read-modify-write) and the message it read.</summary>
public sealed record LoggedRead(int Step, int Task, int Location, int Message, MemoryOrder Order);

/// <summary>One location: its stores by message id and their modification order (under tso: the order they reached memory).</summary>
public sealed class LoggedLocation(int id, string name, string initial)
{
    internal readonly List<LoggedStore> stores = [new(0, -1, 0, initial, MemoryOrder.Plain)];
    internal readonly List<int> order = [0];

    public int Id { get; } = id;
    public string Name { get; } = name;
    public IReadOnlyList<LoggedStore> Stores => stores;

    /// <summary>Message ids in modification order, the initial value first. A tso store still buffered is not in it yet.</summary>
    public IReadOnlyList<int> Order => order;

    /// <summary>The store after <paramref name="message"/> in modification order, or null.</summary>
    public LoggedStore? After(int message)
    {
        int place = order.IndexOf(message);
        return place >= 0 && place + 1 < order.Count ? stores[order[place + 1]] : null;
    }
}

/// <summary>
/// What the weak memory models decided in a replay, for drawing it: every store, every load's source and
/// each location's modification order. Filled only while recording (under tso and ra; empty under sc,
/// where the access log says it all), so exploration pays nothing.
/// </summary>
public sealed class MemoryLog
{
    readonly SortedDictionary<int, LoggedLocation> locations = [];
    readonly List<LoggedRead> reads = [];

    /// <summary>The locations accessed, in the order they were created.</summary>
    public IEnumerable<LoggedLocation> Locations => locations.Values;

    public IReadOnlyList<LoggedRead> Reads => reads;

    public LoggedLocation? Location(int id) => locations.GetValueOrDefault(id);

    internal void Read(IWeakLocation location, int message, MemoryOrder order, int task, int step)
    {
        At(location);
        reads.Add(new LoggedRead(step, task, location.Id, message, order));
    }

    internal void Store(IWeakLocation location, int message, MemoryOrder order, int task, int step)
    {
        var state = At(location);
        if (message != state.stores.Count) throw new InvalidOperationException($"message {message} of {location.Name} logged out of order");
        state.stores.Add(new LoggedStore(message, task, step, location.Show(message), order));
    }

    /// <summary>Puts <paramref name="message"/> right after <paramref name="after"/> in modification order (after the last when null).</summary>
    internal void Place(IWeakLocation location, int message, int? after)
    {
        var order = At(location).order;
        order.Insert(after is { } a ? order.IndexOf(a) + 1 : order.Count, message);
    }

    LoggedLocation At(IWeakLocation location)
    {
        if (!locations.TryGetValue(location.Id, out var state))
            locations[location.Id] = state = new LoggedLocation(location.Id, location.Name, location.Show(0));
        return state;
    }
}
