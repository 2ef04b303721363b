using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// The structural invariants of §1.14, checked on a ghost walk (Peek only) at observation points:
/// CM-1 every live key findable with its value, CM-5 no premature writes into new buckets, CM-6 count,
/// CM-7 placement, CM-8 chain uniformity, CM-9 emptyRest suffix, CM-10 flag hygiene.
/// </summary>
internal static class StructureCheck
{
    public static string? Check(ClassicMap map, Dictionary<GoKey, int> live, bool operationBoundary)
    {
        byte flags = map.GhostFlags;
        var current = map.GhostBuckets;
        var old = map.GhostOldBuckets;
        if (operationBoundary && (flags & HashWriting) != 0) return "hashWriting is set at an operation boundary (CM-10)";
        if ((flags & SameSizeGrow) != 0 && old is null) return "sameSizeGrow is set while not growing (CM-10)";
        if (current is null)
            return map.GhostCount == 0 && live.Count == 0 ? null : "the map has no buckets but holds entries";
        ulong mask = (ulong)current.Length - 1;
        int entries = 0;
        if (old is not null)
        {
            ulong oldMask = (ulong)old.Length - 1;
            for (int ob = 0; ob < old.Length; ob++)
            {
                bool evacuated = IsEvacuatedMark(old[ob].TopHash[0].Peek());
                if (CheckChain(map, old[ob], new Where(true, ob), expectEvacuated: evacuated) is { } chainError) return chainError;
                if (evacuated) continue;
                if (CheckEntries(map, old[ob], oldMask, new Where(true, ob), ref entries) is { } entryError) return entryError;
            }
        }
        for (int j = 0; j < current.Length; j++)
        {
            var head = current[j];
            if (old is not null && !IsEvacuatedMark(old[j & (old.Length - 1)].TopHash[0].Peek()) && !IsPristine(map, head))
                return $"new bucket {j} was written before its old bucket {j & (old.Length - 1)} was evacuated (CM-5)";
            if (CheckChain(map, head, new Where(false, j), expectEvacuated: false) is { } chainError) return chainError;
            if (CheckEntries(map, head, mask, new Where(false, j), ref entries) is { } entryError) return entryError;
        }
        if (map.GhostCount != entries) return $"count is {map.GhostCount} but {entries} entries are live (CM-6)";
        foreach (var (key, value) in live)
        {
            var (found, stored) = Find(map, key);
            if (!found) return $"live key {key} cannot be found (CM-1)";
            if (stored != value) return $"key {key} holds {stored}, expected {value} (CM-1)";
        }
        return null;
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
            if (bucket.TopHash[i].Peek() != EmptyRest) return false;
        return true;
    }

    /// <summary>CM-8 (all slots of an evacuated chain in evacuated states, none in an unevacuated one) and CM-9.</summary>
    static string? CheckChain(ClassicMap map, Bucket head, Where where, bool expectEvacuated)
    {
        bool restSeen = false;
        for (Bucket? bucket = head; bucket is not null; bucket = bucket.Overflow.Peek())
            for (int i = 0; i < map.BucketCnt; i++)
            {
                byte th = bucket.TopHash[i].Peek();
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
                if (bucket.TopHash[i].Peek() < MinTopHash) continue;
                entries++;
                var key = bucket.Keys[i].Peek();
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
            if (!IsEvacuatedMark(oldBucket.TopHash[0].Peek())) bucket = oldBucket;
        }
        byte top = TopHashes.Of(key.Hash);
        for (; bucket is not null; bucket = bucket.Overflow.Peek())
            for (int i = 0; i < map.BucketCnt; i++)
            {
                byte th = bucket.TopHash[i].Peek();
                if (th == EmptyRest) return (false, 0);
                if (th == top && key.Equals(bucket.Keys[i].Peek())) return (true, bucket.Elems[i].Peek());
            }
        return (false, 0);
    }
}
