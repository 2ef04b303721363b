using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// The structural invariants of §3.9, checked on a ghost walk (Peek only) at every observation point
/// (operation and iterator-step boundaries; grow and split are atomic blocks, so no point falls inside
/// them): SW-9 `writing` clear; SW-8 small mode; SW-6 the directory; SW-2 each table's counts; SW-3 an
/// empty slot per table; SW-4 tombstones only in groups with no empty slot; SW-5 every entry reachable
/// on its probe sequence; SW-1 the map's count; CM-1 every live key present with its value. SW-7 (stale
/// tables unchanged, outside the directory) is <see cref="StaleTableLedger"/>'s.
/// One instance per map: the entries it collects go into one dictionary, cleared and reused by every check.
/// </summary>
internal sealed class SwissStructureCheck(SwissMap map)
{
    readonly Dictionary<GoKey, int> entries = [];

    public string? Check(LiveKeysMonitor contents, bool operationBoundary)
    {
        var live = contents.Live;
        if (operationBoundary && map.GhostWriting != 0) return "writing is set at an operation boundary (SW-9)";
        entries.Clear();
        string? error = map.GhostDirLen == 0 ? CheckSmall(map, entries) : CheckTables(map, entries);
        if (error is not null) return error;
        if (map.GhostUsed != entries.Count) return $"used is {map.GhostUsed} but {entries.Count} slots are full (SW-1)";
        foreach (var (key, value) in live)
        {
            if (!entries.TryGetValue(key, out int stored)) return $"live key {key} cannot be found (CM-1)";
            if (stored != value) return $"key {key} holds {stored}, expected {value} (CM-1)";
        }
        if (entries.Count != live.Count)
            return $"the map holds {string.Join(", ", entries.Keys.Where(k => !live.ContainsKey(k)).Select(k => k.Name).Order(StringComparer.Ordinal))}, which are not live";
        return null;
    }

    static string? CheckSmall(SwissMap map, Dictionary<GoKey, int> entries)
    {
        if (map.GhostSmall is not { } g) return null;
        for (int i = 0; i < Group.Slots; i++)
        {
            byte ctrl = g.Ctrl.Peek()[i];
            if (ctrl == Ctrls.Deleted) return $"the small group has a tombstone in slot {i} (SW-8)";
            if (!Ctrls.IsFull(ctrl)) continue;
            if (CheckEntry(g, i, entries) is { } error) return error;
        }
        return null;
    }

    static string? CheckTables(SwissMap map, Dictionary<GoKey, int> entries)
    {
        int depth = map.GhostGlobalDepth;
        int length = map.GhostDirLen;
        if (length != 1 << depth) return $"dirLen is {length}, globalDepth {depth} (SW-6)";
        var dir = map.GhostDirectory!;
        for (int i = 0; i < length;)
        {
            var table = dir[i].Peek();
            int index = table.Index.Peek();
            if (index == -1) return $"directory slot {i} holds stale table {table.Name} (SW-7)";
            if (table.LocalDepth > depth) return $"{table.Name} has localDepth {table.LocalDepth} > globalDepth {depth} (SW-6)";
            int run = 1 << (depth - table.LocalDepth);
            if (index != i || i % run != 0) return $"{table.Name} starts at directory slot {i} but its index is {index} (SW-6)";
            for (int j = i; j < i + run; j++)
                if (dir[j].Peek() != table) return $"directory slot {j} holds {dir[j].Peek().Name}, inside {table.Name}'s run from {i} (SW-6)";
            if (CheckTable(table, i >> (depth - table.LocalDepth), entries) is { } error) return error;
            i += run;
        }
        return null;
    }

    /// <summary>SW-2..SW-5 and SW-6's top-bits rule for one table whose keys must start with <paramref name="prefix"/>.</summary>
    static string? CheckTable(Table table, int prefix, Dictionary<GoKey, int> entries)
    {
        int full = 0, tombstones = 0, empties = 0;
        for (int gi = 0; gi < table.Groups.Count; gi++)
        {
            var g = table.Groups[gi];
            bool hasEmpty = false, hasTombstone = false;
            for (int i = 0; i < Group.Slots; i++)
            {
                byte ctrl = g.Ctrl.Peek()[i];
                if (ctrl == Ctrls.Empty) { hasEmpty = true; empties++; continue; }
                if (ctrl == Ctrls.Deleted) { hasTombstone = true; tombstones++; continue; }
                full++;
                if (CheckEntry(g, i, entries) is { } error) return error;
                var key = g.Keys.Peek(i)!;
                if (table.LocalDepth > 0 && (int)(key.Hash >> (64 - table.LocalDepth)) != prefix)
                    return $"{table.Name} holds {key}, whose top {table.LocalDepth} hash bits select another table (SW-6)";
                if (Unreachable(table, gi, key) is { } blocking)
                    return $"{key} in {g.Name} is unreachable: {blocking.Name}, earlier on its probe sequence, has an empty slot (SW-5)";
            }
            if (hasEmpty && hasTombstone) return $"{g.Name} has both a tombstone and an empty slot (SW-4)";
        }
        int used = table.Used.Peek(), growthLeft = table.GrowthLeft.Peek();
        if (used != full) return $"{table.Name}.used is {used} but {full} slots are full (SW-2)";
        if (growthLeft < 0 || used + tombstones + growthLeft != Table.MaxLoad(table.Capacity))
            return $"{table.Name}: used {used} + tombstones {tombstones} + growthLeft {growthLeft} != {Table.MaxLoad(table.Capacity)} (SW-2)";
        if (empties == 0) return $"{table.Name} has no empty slot, so a probe for an absent key never ends (SW-3)";
        return null;
    }

    /// <summary>A full slot's control byte is its key's H2, and no key is stored twice.</summary>
    static string? CheckEntry(Group g, int slot, Dictionary<GoKey, int> entries)
    {
        var key = g.Keys.Peek(slot);
        if (key is null) return $"{g.Name} slot {slot} is full but holds the zero key";
        if (g.Ctrl.Peek()[slot] != Ctrls.H2(key.Hash)) return $"{g.Name} slot {slot} holds {key} under control byte {g.Ctrl.Peek()[slot]:x2}, not its H2";
        if (!entries.TryAdd(key, g.Elems.Peek(slot))) return $"{key} is stored twice";
        return null;
    }

    /// <summary>SW-5: the first group before <paramref name="home"/> on the key's probe sequence that has an empty slot, if any.</summary>
    static Group? Unreachable(Table table, int home, GoKey key)
    {
        for (var seq = new ProbeSeq(key.Hash, table.Groups.Count - 1); seq.Offset != home; seq.Next())
        {
            var g = table.Groups[seq.Offset];
            if (g.Ctrl.Peek().FirstEmpty() >= 0) return g;
        }
        return null;
    }
}
