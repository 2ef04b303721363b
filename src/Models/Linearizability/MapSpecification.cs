namespace ModelCheck.Models.Linearizability;

/// <summary>
/// A dictionary with Go's sync.Map operations. Keys are the first argument; null is never a value, it
/// means "absent". Results: Load, LoadAndDelete and Swap return the (previous) value or null;
/// LoadOrStore returns [actual, loaded]; CompareAndSwap and CompareAndDelete return true or false;
/// Store, Delete and Clear return null; Range returns the [key, value] pairs it produced.
/// </summary>
/// <remarks>
/// Single-key operations on different keys commute, so a history without Clear is checked key by key
/// (P-compositionality). Range is not linearizable as a whole; it is checked per key under the weaker rule
/// of sync.Map's documentation: it becomes one observation per key, made somewhere inside its interval,
/// that returned the value it produced for that key, or "absent" for a key it did not produce. So a
/// produced pair must have been current at some point of the interval, and a key present throughout must
/// be produced. A key produced twice is an observation no state explains. With
/// <see cref="WeaklyConsistent"/> (ConcurrentHashMap's iterators) keys not produced are not observations.
/// </remarks>
public sealed class MapSpecification : SequentialSpecification<MapState>
{
    /// <summary>sync.Map and HashTrieMap: Range produces every key present throughout its call.</summary>
    public static MapSpecification Instance { get; } = new(rangeProducesStableKeys: true);

    /// <summary>Weakly consistent iteration: Range may miss any key.</summary>
    public static MapSpecification WeaklyConsistent { get; } = new(rangeProducesStableKeys: false);

    const string Range = "Range";

    static readonly Signature[] Signatures =
    [
        new("Load", 1, ResultShape.Value),
        new("Store", 2, ResultShape.None),
        new("LoadOrStore", 2, ResultShape.ValueAndFlag),
        new("LoadAndDelete", 1, ResultShape.Value),
        new("Delete", 1, ResultShape.None),
        new("Swap", 2, ResultShape.Value),
        new("CompareAndSwap", 3, ResultShape.Boolean),
        new("CompareAndDelete", 2, ResultShape.Boolean),
        new(Range, 0, ResultShape.Pairs),
        new("Clear", 0, ResultShape.None),
    ];

    readonly bool rangeProducesStableKeys;

    MapSpecification(bool rangeProducesStableKeys) => this.rangeProducesStableKeys = rangeProducesStableKeys;

    public override string Name => "map";

    public override IReadOnlyList<Signature> Operations => Signatures;

    public override MapState Initial => MapState.Empty;

    public override MapState Apply(MapState state, Operation op, out Value result)
    {
        if (op.Name == "Clear")
        {
            result = Value.Null;
            return MapState.Empty;
        }
        var key = op.Args[0];
        var current = state.Get(key);
        switch (op.Name)
        {
            case "Load" or Range: // Range here is one key's observation (see Partition)
                result = current;
                return state;
            case "Store":
                result = Value.Null;
                return state.With(key, op.Args[1]);
            case "LoadOrStore":
                result = current.IsNull ? Value.List(op.Args[1], false) : Value.List(current, true);
                return current.IsNull ? state.With(key, op.Args[1]) : state;
            case "LoadAndDelete":
                result = current;
                return state.With(key, Value.Null);
            case "Delete":
                result = Value.Null;
                return state.With(key, Value.Null);
            case "Swap":
                result = current;
                return state.With(key, op.Args[1]);
            case "CompareAndSwap":
                bool swapped = !current.IsNull && current == op.Args[1];
                result = swapped;
                return swapped ? state.With(key, op.Args[2]) : state;
            default: // CompareAndDelete
                bool deleted = !current.IsNull && current == op.Args[1];
                result = deleted;
                return deleted ? state.With(key, Value.Null) : state;
        }
    }

    // Runs once per execution of every map scenario with a history whose quick check fails: plain loops, no sets or queries.
    public override IEnumerable<SubHistory> Partition(IReadOnlyList<Operation> history)
    {
        var keys = Keys(history, out bool ranges, out bool clears);
        var expanded = ranges ? WithObservations(history, keys) : history;
        if (clears)
        {
            yield return new SubHistory("the map", ranges ? expanded : history.ToList());
            yield break;
        }
        foreach (var key in keys)
        {
            var part = new List<Operation>();
            for (int i = 0; i < expanded.Count; i++)
                if (expanded[i].Args[0] == key) part.Add(expanded[i]);
            yield return new SubHistory($"key {key}", part);
        }
    }

    /// <summary>The keys <paramref name="history"/> names or its Ranges produced, sorted and distinct; whether it has Ranges and Clears.</summary>
    static List<Value> Keys(IReadOnlyList<Operation> history, out bool ranges, out bool clears)
    {
        var keys = new List<Value>();
        ranges = clears = false;
        for (int i = 0; i < history.Count; i++)
        {
            var op = history[i];
            if (op.Name == Range)
            {
                ranges = true;
                if (!op.IsPending) foreach (var pair in op.Result.Items) AddKey(keys, pair.Items[0]);
            }
            else if (op.Args.Count > 0) AddKey(keys, op.Args[0]);
            else clears |= op.Name == "Clear";
        }
        return keys;
    }

    /// <summary><paramref name="history"/> with each Range replaced by its observations of <paramref name="keys"/>.</summary>
    List<Operation> WithObservations(IReadOnlyList<Operation> history, List<Value> keys)
    {
        var withObservations = new List<Operation>(history.Count);
        foreach (var op in history)
            if (op.Name != Range) withObservations.Add(op);
            else if (!op.IsPending) AddObservations(op, keys, withObservations); // a pending Range observed nothing we know of
        return withObservations;
    }

    /// <summary>A single-key operation's key (a Range observation's too); a Clear's is null: it relates to every key.</summary>
    protected internal override Value PartKey(Operation op) => op.Args.Count > 0 ? op.Args[0] : Value.Null;

    /// <summary>A Range (not yet one key's observation) is an observation in every key's part, as Partition makes it.</summary>
    protected internal override bool ObservesEveryPart(Operation op) => op.Name == Range && op.Args.Count == 0;

    /// <summary>
    /// A Range in the part of one key is its observation of that key (what AddObservations makes of it). In
    /// the whole map's part (with a Clear) it observes every key at one point, which is stricter than
    /// Partition's observations at points of their own: an order that explains it explains those.
    /// </summary>
    protected internal override bool Explains(MapState state, Operation op, Value partKey, out MapState after)
    {
        if (!ObservesEveryPart(op)) return base.Explains(state, op, partKey, out after);
        after = state;
        var pairs = op.Result.Items;
        if (!partKey.IsNull) return Holds(pairs, partKey, state.Get(partKey));
        // Every produced key once, with its current value; with stable keys, every present key produced.
        for (int i = 0; i < pairs.Count; i++)
            if (!Holds(pairs, pairs[i].Items[0], state.Get(pairs[i].Items[0]))) return false;
        return !rangeProducesStableKeys || pairs.Count == state.Count;
    }

    /// <summary>
    /// Whether a Range's <paramref name="pairs"/>, as an observation of <paramref name="key"/>, saw its
    /// <paramref name="current"/> value: produced once with it, or not produced while absent (or, when keys may
    /// be missed, not produced at all). Produced twice is an observation no state explains.
    /// </summary>
    bool Holds(IReadOnlyList<Value> pairs, Value key, Value current)
    {
        int count = 0;
        Value first = Value.Null;
        for (int i = 0; i < pairs.Count; i++)
            if (pairs[i].Items[0] == key && count++ == 0) first = pairs[i].Items[1];
        return count == 0 ? !rangeProducesStableKeys || current.IsNull : count == 1 && first == current;
    }

    /// <summary>Every key a Range produced is one another operation names (else Partition gives it a part of its own).</summary>
    protected override bool PartsCover(IReadOnlyList<Operation> history)
    {
        foreach (var op in history)
        {
            if (!ObservesEveryPart(op)) continue;
            foreach (var pair in op.Result.Items)
            {
                bool named = false;
                foreach (var other in history)
                    named |= other.Args.Count > 0 && other.Args[0] == pair.Items[0];
                if (!named) return false;
            }
        }
        return true;
    }

    /// <summary>Adds <paramref name="key"/> to the sorted, distinct <paramref name="keys"/>.</summary>
    static void AddKey(List<Value> keys, Value key)
    {
        int at = keys.BinarySearch(key);
        if (at < 0) keys.Insert(~at, key);
    }

    void AddObservations(Operation range, List<Value> keys, List<Operation> into)
    {
        var pairs = range.Result.Items;
        foreach (var key in keys)
        {
            // The values the Range produced for this key: usually none or one, so no list unless there are more.
            int count = 0;
            Value first = Value.Null;
            for (int i = 0; i < pairs.Count; i++)
                if (pairs[i].Items[0] == key && count++ == 0) first = pairs[i].Items[1];
            if (count == 0 && !rangeProducesStableKeys) continue;
            var seen = count <= 1 ? first : Value.List(Produced(pairs, key, count));
            into.Add(range with { Args = [key], Result = seen });
        }
    }

    static Value[] Produced(IReadOnlyList<Value> pairs, Value key, int count)
    {
        var produced = new Value[count];
        for (int i = 0, n = 0; i < pairs.Count; i++)
            if (pairs[i].Items[0] == key) produced[n++] = pairs[i].Items[1];
        return produced;
    }

    protected override string? CheckArguments(Operation op)
    {
        if (op.Args.Count > 0 && op.Args[0].IsNull) return "a key cannot be null";
        for (int i = 1; i < op.Args.Count; i++)
            if (op.Args[i].IsNull) return "a map value cannot be null (null means absent)";
        if (op.Name == Range && !op.IsPending && op.Result.IsList && op.Result.Items.Any(p => p.IsList && p.Items.Count == 2 && p.Items[0].IsNull))
            return "a key cannot be null";
        return null;
    }

    public override string ShowInvocation(Operation op) =>
        op.Name == Range && op.Args.Count == 1 ? $"Range() sees {op.Args[0]}" : base.ShowInvocation(op);

    public override string ShowResult(Operation op)
    {
        if (op.Name != Range || op.Args.Count != 1 || op.IsPending) return base.ShowResult(op);
        return op.Result.IsNull ? "not produced" : op.Result.IsList ? $"produced {op.Result.Items.Count} times" : op.Result.ToString();
    }
}
