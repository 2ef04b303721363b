namespace ModelCheck.Models.Linearizability;

/// <summary>
/// An immutable map from keys to values, kept sorted by key so that equal maps are equal arrays and
/// hash alike in every process. Histories are small, so copy-on-write arrays beat a tree.
/// </summary>
public sealed class MapState : IEquatable<MapState>
{
    readonly (Value Key, Value Value)[] entries;
    readonly int hash;

    public static MapState Empty { get; } = new([]);

    MapState((Value, Value)[] entries)
    {
        this.entries = entries;
        ulong h = Fnv.Offset;
        foreach (var (key, value) in entries) h = value.Hash(key.Hash(h));
        hash = (int)(h ^ (h >> 32));
    }

    public int Count => entries.Length;

    /// <summary>The value of <paramref name="key"/>, or null when it is absent.</summary>
    public Value Get(Value key) => Find(key) is var i and >= 0 ? entries[i].Value : Value.Null;

    /// <summary>The map with <paramref name="key"/> set to <paramref name="value"/>; a null value removes the key.</summary>
    public MapState With(Value key, Value value)
    {
        int i = Find(key);
        if (i >= 0)
        {
            if (entries[i].Value == value) return this;
            if (value.IsNull) return new MapState([.. entries[..i], .. entries[(i + 1)..]]);
            var changed = entries.ToArray();
            changed[i] = (key, value);
            return new MapState(changed);
        }
        if (value.IsNull) return this;
        int at = ~i;
        return new MapState([.. entries[..at], (key, value), .. entries[at..]]);
    }

    int Find(Value key)
    {
        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            int c = entries[mid].Key.CompareTo(key);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    public bool Equals(MapState? other) =>
        other is not null && hash == other.hash && entries.AsSpan().SequenceEqual(other.entries);

    public override bool Equals(object? obj) => Equals(obj as MapState);

    public override int GetHashCode() => hash;
}
