using ModelCheck.Engine;

namespace ModelCheck.Maps.SyncMap;

// Events are values: published at most writes and every unlock of every execution, they allocate nothing,
// and a write's description is made only when a violation is reported.

/// <summary>A write (<paramref name="Operation"/>: insert, delete or clear) to a Go map, published before it happens; <paramref name="Key"/> is -1 for a clear.</summary>
readonly record struct MapWritten(BuiltinMap Map, string Operation, int Key)
{
    public string Write => Key < 0 ? Operation : $"{Operation} k{Key}";
}

/// <summary>An entry's pointer changed from <paramref name="From"/> to <paramref name="To"/>.</summary>
readonly record struct EntryChanged(Entry Entry, Boxed? From, Boxed? To, bool UnderMu);

/// <summary>mu is about to be unlocked: the structure must be consistent.</summary>
readonly record struct Unlocking(SyncMap Map);

/// <summary>
/// The sync.Map invariants of map-algorithms.md §2.5 (SM-1..SM-7), as ghost checks: they read state with
/// Peek and never influence the algorithm. SM-8 (linearizability) is the recorded history's.
/// </summary>
sealed class Invariants(SyncMap map) : IMonitor<MapWritten>, IMonitor<EntryChanged>, IMonitor<Unlocking>
{
    public string Name => "sync.Map invariants";

    public string? Observe(MapWritten e) => e.Map.Frozen
        ? $"SM-1 read-side immutability: {e.Write} into {e.Map.Name}, which is published as read.m"
        : null;

    public string? Observe(EntryChanged e)
    {
        var (from, to) = (State(e.From), State(e.To));
        bool allowed = (from, to) switch
        {
            ("value", "value") or ("value", "nil") or ("nil", "value") => true,
            ("nil", "expunged") or ("expunged", "nil") => e.UnderMu,
            _ => false,
        };
        return allowed ? null
            : $"SM-6 entry transitions: {e.Entry.Name} went {from} -> {to}{(e.UnderMu ? "" : " without mu")}, which §2.2 does not allow";
    }

    public string? Observe(Unlocking e) => Structure();

    public string? CheckAtEnd() => Structure();

    static string State(Boxed? p) => p is null ? "nil" : ReferenceEquals(p, Boxed.Expunged) ? "expunged" : "value";

    /// <summary>SM-2, SM-3, SM-4, SM-5 and SM-7 over the current read and dirty.</summary>
    string? Structure()
    {
        var read = map.CurrentRead;
        var m = read.M?.Contents ?? new Dictionary<int, Entry>();
        var dirty = map.CurrentDirty?.Contents;
        if (read.Amended && dirty is null) return "SM-2: read is amended but dirty is nil";
        if (!read.Amended && dirty is not null && dirty.Keys.FirstOrDefault(k => !m.ContainsKey(k)) is var extra and not 0)
            return $"SM-3: read is not amended but dirty holds k{extra}, which read.m lacks";
        foreach (var (key, entry) in m)
        {
            bool expunged = ReferenceEquals(entry.Pointer, Boxed.Expunged);
            if (dirty is null)
            {
                if (expunged) return $"SM-5: dirty is nil but read.m's k{key} ({entry.Name}) is expunged";
                continue;
            }
            bool inDirty = dirty.TryGetValue(key, out var other);
            if (expunged == inDirty)
                return expunged
                    ? $"SM-4 entry sharing: read.m's k{key} ({entry.Name}) is expunged but dirty holds it"
                    : $"SM-4 entry sharing: read.m's k{key} ({entry.Name}) holds {Show(entry.Pointer)} but dirty lacks k{key}: the next promotion loses it";
            if (inDirty && !ReferenceEquals(other, entry))
                return $"SM-7 unique live cell: k{key} has two live entries, {entry.Name} in read.m and {other!.Name} in dirty";
        }
        return null;
    }

    static string Show(Boxed? p) => p is null ? "nil" : p.ToString();
}
