using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

// Lookups (map.go: mapaccess2, mapaccessK). Lookups never evacuate.
public sealed partial class ClassicMap
{
    /// <summary>mapaccess2, under v, ok := m[key] (<see cref="GoMapModel.Lookup"/>).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    private protected override async ValueTask<(bool Found, int Value)> MapAccess(GoKey key)
    {
        if (count.Get(Plain) == 0) return (false, 0);
        if ((await LoadFlags() & HashWriting) != 0) FatalMisuse(FatalReadAndWrite, "concurrent map read and map write");
        ulong hash = Hash(key);
        CoverLookup(hash);
        var (bucket, slot) = FindSlot(key, hash, checkOldBuckets: bug != GoMapBug.G1LookupIgnoresOldBuckets);
        return bucket is null ? (false, 0) : (true, bucket.Elems[slot].Get(Plain));
    }

    /// <summary>mapaccessK: the iterator's re-lookup of a moved key; no flag check, no scheduling point.</summary>
    (GoKey? Key, int Value) MapAccessK(GoKey? key)
    {
        if (count.Get(Plain) == 0) return (null, 0);
        var (bucket, slot) = FindSlot(key, Hash(key), checkOldBuckets: true);
        return bucket is null ? (null, 0) : (bucket.Keys[slot].Get(Plain), bucket.Elems[slot].Get(Plain));
    }

    /// <summary>
    /// The shared search: the new bucket, unless a grow is running and the old bucket feeding it is not
    /// yet evacuated (then the old one is authoritative); scan its chain, stopping at emptyRest.
    /// </summary>
    (Bucket? Bucket, int Slot) FindSlot(GoKey? key, ulong hash, bool checkOldBuckets)
    {
        ulong mask = (1UL << b.Get(Plain)) - 1;
        var bucket = buckets.Get(Plain)![(int)(hash & mask)];
        if (checkOldBuckets && oldbuckets.Get(Plain) is { } old)
        {
            if (!IsSameSizeGrow() && bug != GoMapBug.G1bMaskNotHalved) mask >>= 1;
            var oldBucket = old[(int)(hash & mask)];
            if (!Evacuated(oldBucket)) bucket = oldBucket;
        }
        byte top = TopHashes.Of(hash);
        for (var current = bucket; current is not null; current = current.Overflow.Get(Plain))
            for (int i = 0; i < bucketCnt; i++)
            {
                byte th = current.TopHash[i].Get(Plain);
                if (th != top)
                {
                    if (th == EmptyRest) return (null, 0);
                    continue;
                }
                if (GoKey.Same(current.Keys[i].Get(Plain), key)) return (current, i);
            }
        return (null, 0);
    }
}
