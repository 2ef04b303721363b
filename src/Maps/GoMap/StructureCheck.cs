using ModelCheck.Engine;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// The structural invariants of §1.14, checked on a ghost walk (Peek only) at observation points:
/// CM-1 every live key findable with its value, CM-5 no premature writes into new buckets, CM-6 count,
/// CM-7 placement, CM-8 chain uniformity, CM-9 emptyRest suffix, CM-10 flag hygiene.
///
/// Incremental, with the verdict of a full walk. Between two observation points a write touches one or
/// two bucket chains, yet a full walk reads every slot and looks every live key up. Each chain's part of
/// the check (CM-5, CM-7..CM-9 and its entry count) reads only that chain's cells (and, for CM-5, the old
/// bucket feeding it), and a key's lookup reads only the chains it may search; so after a passing check,
/// a chain none of whose cells was written since, and a key in such chains whose live value did not
/// change, pass again. Which cells were written comes from the runtime's record of every access
/// (<see cref="Runtime.Accesses"/>), not from the map: a mutation that writes where it should not is seen
/// all the same. Checks run in the full walk's order and skip only what is known to pass, so the first
/// violation, and its message, are the full walk's. Only under sc: under tso a store changes what Peek
/// returns when its buffer drains, which is no access. Whenever the map swapped a bucket array (a grow
/// started or ended) every chain is checked again.
/// </summary>
internal sealed class StructureCheck(ClassicMap map)
{
    // The registered buckets' cells, by object id: 1 + the bucket's number, 0 when not a registered bucket's.
    int[] bucketOfCell = [];
    // Per registered bucket (by number): whether one of its cells was written since the last passing check.
    bool[] written = [];
    int registered;
    // The last passing check: how many accesses the runtime had recorded, which arrays it walked and the
    // entries it counted in each chain (null: no check has passed, or a check that counted nothing reusable).
    int checkedAccesses;
    BucketArray? checkedCurrent, checkedOld;
    int[]? currentEntries, oldEntries;
    // This check's chains that are not known to pass (dirty), by index.
    bool[] currentDirty = [], oldDirty = [];

    public string? Check(LiveKeysMonitor contents, bool operationBoundary)
    {
        byte flags = map.GhostFlags;
        var current = map.GhostBuckets;
        var old = map.GhostOldBuckets;
        if (operationBoundary && (flags & HashWriting) != 0) return "hashWriting is set at an operation boundary (CM-10)";
        if ((flags & SameSizeGrow) != 0 && old is null) return "sameSizeGrow is set while not growing (CM-10)";
        var live = contents.Live;
        if (current is null)
            return map.GhostCount == 0 && live.Count == 0 ? null : "the map has no buckets but holds entries";
        bool incremental = currentEntries is not null && current == checkedCurrent && old == checkedOld
            && map.Runtime.Settings.Memory == MemoryModel.Sc;
        if (incremental) MarkWritten();
        else Restart(current, old);
        ulong mask = (ulong)current.Length - 1;
        int entries = 0;
        bool anyDirty = false;
        if (old is not null)
        {
            ulong oldMask = (ulong)old.Length - 1;
            for (int ob = 0; ob < old.Length; ob++)
            {
                oldDirty[ob] = !incremental || ChainWritten(old[ob]);
                if (oldDirty[ob])
                {
                    anyDirty = true;
                    if (CheckOldChain(old[ob], ob, oldMask, out oldEntries![ob]) is { } error) return error;
                    Register(old[ob]);
                }
                entries += oldEntries![ob];
            }
        }
        for (int j = 0; j < current.Length; j++)
        {
            var head = current[j];
            currentDirty[j] = !incremental || ChainWritten(head) || (old is not null && oldDirty[j & (old.Length - 1)]);
            if (currentDirty[j])
            {
                anyDirty = true;
                if (CheckNewChain(head, j, mask, old, out currentEntries![j]) is { } error) return error;
                Register(head);
            }
            entries += currentEntries![j];
        }
        if (map.GhostCount != entries) return $"count is {map.GhostCount} but {entries} entries are live (CM-6)";
        // CM-1. Only a key a changed chain may hold, or one assigned since the last pass, can fail now; should
        // one fail, every key is looked up in order, so that the violation reported is the full walk's first.
        if ((!incremental || !ChangedKeysFound(live, contents.AssignedSincePass, current, old, anyDirty)) && FirstUnfound(live) is { } unfound)
            return unfound;
        Passed(current, old);
        return null;
    }

    /// <summary>Whether every live key a dirty chain may hold (none when <paramref name="anyDirty"/> is false), and every one assigned since the last pass, is found with its value.</summary>
    bool ChangedKeysFound(Dictionary<GoKey, int> live, List<GoKey> assigned, BucketArray current, BucketArray? old, bool anyDirty)
    {
        if (anyDirty)
            foreach (var (key, value) in live)
                if (Searches(key, current, old) && Find(map, key) != (true, value)) return false;
        // A key a dirty chain may hold was looked up just above.
        foreach (var key in assigned)
            if (!Searches(key, current, old) && live.TryGetValue(key, out int value) && Find(map, key) != (true, value)) return false;
        return true;
    }

    string? FirstUnfound(Dictionary<GoKey, int> live)
    {
        foreach (var (key, value) in live)
        {
            var (found, stored) = Find(map, key);
            if (!found) return $"live key {key} cannot be found (CM-1)";
            if (stored != value) return $"key {key} holds {stored}, expected {value} (CM-1)";
        }
        return null;
    }

    /// <summary>CM-8 and, if the old bucket is not evacuated (it is then authoritative), CM-9 and CM-7 under the old mask.</summary>
    string? CheckOldChain(Bucket head, int ob, ulong oldMask, out int entries)
    {
        entries = 0;
        bool evacuated = IsEvacuatedMark(head.TopHash.Peek(0));
        if (CheckChain(map, head, new Where(true, ob), expectEvacuated: evacuated) is { } chainError) return chainError;
        return evacuated ? null : CheckEntries(map, head, oldMask, new Where(true, ob), ref entries);
    }

    /// <summary>CM-5 (a new bucket stays untouched until its old bucket is evacuated), then CM-8, CM-9 and CM-7.</summary>
    string? CheckNewChain(Bucket head, int j, ulong mask, BucketArray? old, out int entries)
    {
        entries = 0;
        if (old is not null && !IsEvacuatedMark(old[j & (old.Length - 1)].TopHash.Peek(0)) && !IsPristine(map, head))
            return $"new bucket {j} was written before its old bucket {j & (old.Length - 1)} was evacuated (CM-5)";
        if (CheckChain(map, head, new Where(false, j), expectEvacuated: false) is { } chainError) return chainError;
        return CheckEntries(map, head, mask, new Where(false, j), ref entries);
    }

    /// <summary>Whether a lookup of <paramref name="key"/> may read a chain that is not known to pass.</summary>
    bool Searches(GoKey key, BucketArray current, BucketArray? old) =>
        currentDirty[(int)(key.Hash & ((ulong)current.Length - 1))]
        || (old is not null && oldDirty[(int)(key.Hash & ((ulong)old.Length - 1))]);

    /// <summary>Marks the registered buckets written since the last passing check, from the runtime's access record.</summary>
    void MarkWritten()
    {
        var accesses = map.Runtime.Accesses;
        for (int a = checkedAccesses; a < accesses.Length; a++)
        {
            if (!accesses[a].Op.Writes()) continue;
            int cell = accesses[a].Object;
            if ((uint)cell < (uint)bucketOfCell.Length && bucketOfCell[cell] > 0) written[bucketOfCell[cell] - 1] = true;
        }
    }

    /// <summary>Whether a bucket of the chain was written since the last passing check, or was not in it then (not registered).</summary>
    bool ChainWritten(Bucket head)
    {
        for (Bucket? bucket = head; bucket is not null; bucket = bucket.Overflow.Peek())
        {
            int number = NumberOf(bucket);
            if (number < 0 || written[number]) return true;
        }
        return false;
    }

    int NumberOf(Bucket bucket)
    {
        int cell = bucket.Overflow.Id;
        return (uint)cell < (uint)bucketOfCell.Length ? bucketOfCell[cell] - 1 : -1;
    }

    /// <summary>Forgets every chain's result: the arrays changed (a grow started or ended), or the check cannot follow writes.</summary>
    void Restart(BucketArray current, BucketArray? old)
    {
        // Room for the ids of every cell of the current array and of the one twice as large a grow makes
        // next (its cells take the next ids), and of some overflow buckets: one array in most executions.
        int highest = current[current.Length - 1].Overflow.Id;
        if (bucketOfCell.Length <= highest) Array.Resize(ref bucketOfCell, highest + 1 + 2 * current.Length * (3 * map.BucketCnt + 1) + 128);
        currentEntries = Sized(currentEntries, current.Length);
        currentDirty = Sized(currentDirty, current.Length);
        if (old is not null)
        {
            oldEntries = Sized(oldEntries, old.Length);
            oldDirty = Sized(oldDirty, old.Length);
        }
    }

    static T[] Sized<T>(T[]? array, int length) => array is not null && array.Length >= length ? array : new T[length];

    /// <summary>Numbers every bucket of the chain that has no number yet, so that writes to its cells are seen.</summary>
    void Register(Bucket head)
    {
        for (Bucket? bucket = head; bucket is not null; bucket = bucket.Overflow.Peek())
        {
            if (NumberOf(bucket) >= 0) continue;
            int number = registered++;
            if (written.Length < registered) Array.Resize(ref written, Math.Max(16, 2 * registered));
            // By id: a slot's cells are made only when the map first touches them, and most slots stay empty.
            for (int i = 0; i < map.BucketCnt; i++)
            {
                Own(bucket.TopHash.IdOf(i), number);
                Own(bucket.Keys.IdOf(i), number);
                Own(bucket.Elems.IdOf(i), number);
            }
            Own(bucket.Overflow.Id, number);
        }
    }

    void Own(int cell, int number)
    {
        if (bucketOfCell.Length <= cell) Array.Resize(ref bucketOfCell, 2 * cell);
        bucketOfCell[cell] = number + 1;
    }

    void Passed(BucketArray current, BucketArray? old)
    {
        Array.Clear(written, 0, registered);
        checkedAccesses = map.Runtime.Accesses.Length;
        (checkedCurrent, checkedOld) = (current, old);
    }

    /// <summary>Which chain a check walks; named only in a violation, so a passing check allocates nothing.</summary>
    readonly record struct Where(bool Old, int Index)
    {
        public override string ToString() => Old ? $"old bucket {Index}" : $"bucket {Index}";
    }

    static bool IsPristine(ClassicMap map, Bucket bucket)
    {
        if (bucket.Overflow.Peek() is not null) return false;
        for (int i = 0; i < map.BucketCnt; i++)
            if (bucket.TopHash.Peek(i) != EmptyRest) return false;
        return true;
    }

    /// <summary>CM-8 (all slots of an evacuated chain in evacuated states, none in an unevacuated one) and CM-9.</summary>
    static string? CheckChain(ClassicMap map, Bucket head, Where where, bool expectEvacuated)
    {
        bool restSeen = false;
        for (Bucket? bucket = head; bucket is not null; bucket = bucket.Overflow.Peek())
            for (int i = 0; i < map.BucketCnt; i++)
            {
                byte th = bucket.TopHash.Peek(i);
                bool mark = IsEvacuatedMark(th);
                if (mark != expectEvacuated)
                    return $"{where} is partly evacuated: slot {bucket.Name}[{i}] has tophash {th} (CM-8)";
                if (expectEvacuated) continue;
                if (restSeen && th != EmptyRest) return $"{where}: slot {bucket.Name}[{i}] is used after an emptyRest slot (CM-9)";
                restSeen |= th == EmptyRest;
            }
        return null;
    }

    /// <summary>CM-7: every live entry of the chain belongs to its bucket (<paramref name="where"/>) under <paramref name="mask"/>.</summary>
    static string? CheckEntries(ClassicMap map, Bucket head, ulong mask, Where where, ref int entries)
    {
        for (Bucket? bucket = head; bucket is not null; bucket = bucket.Overflow.Peek())
            for (int i = 0; i < map.BucketCnt; i++)
            {
                if (bucket.TopHash.Peek(i) < MinTopHash) continue;
                entries++;
                var key = bucket.Keys.Peek(i);
                if (key is null || (key.Hash & mask) != (ulong)where.Index)
                    return $"{where} holds {key?.Name ?? "a zero key"}, which belongs elsewhere (CM-7)";
            }
        return null;
    }

    /// <summary>The correct lookup, on ghost reads.</summary>
    static (bool Found, int Value) Find(ClassicMap map, GoKey key)
    {
        var current = map.GhostBuckets!;
        var bucket = current[(int)(key.Hash & ((ulong)current.Length - 1))];
        if (map.GhostOldBuckets is { } old)
        {
            var oldBucket = old[(int)(key.Hash & ((ulong)old.Length - 1))];
            if (!IsEvacuatedMark(oldBucket.TopHash.Peek(0))) bucket = oldBucket;
        }
        byte top = TopHashes.Of(key.Hash);
        for (; bucket is not null; bucket = bucket.Overflow.Peek())
            for (int i = 0; i < map.BucketCnt; i++)
            {
                byte th = bucket.TopHash.Peek(i);
                if (th == EmptyRest) return (false, 0);
                if (th == top && key.Equals(bucket.Keys.Peek(i))) return (true, bucket.Elems.Peek(i));
            }
        return (false, 0);
    }
}
