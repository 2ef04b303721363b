using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

// The map's side of iteration (map.go: mapiterinit, mapiternext); the iterator's state is GoMapIterator.
public sealed partial class ClassicMap
{
    /// <summary>for k, v := range m: returns an iterator already on its first entry (Key null if none).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public override async ValueTask<GoRangeIterator> Range()
    {
        var iterator = new GoMapIterator(this);
        if (rt.IsRecording) iterators.Add(iterator);
        await iterator.Init();
        return iterator;
    }

    // Ghost: the iterators of a replay, for the state view's picture (only recorded while recording).
    readonly List<GoMapIterator> iterators = [];

    internal int IterCount() => count.Get(Plain);
    internal int IterB() => b.Get(Plain);
    internal BucketArray? IterBuckets() => buckets.Get(Plain);

    /// <summary>Sets iterator|oldIterator with an atomic OR: concurrent iterators are legal readers.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    internal async ValueTask MarkIterating()
    {
        const byte both = Iterator | OldIterator;
        if ((await LoadFlags() & both) == both) return;
        while (true)
        {
            if (Config.FlagSchedulingPoints)
            {
                byte seen = await flags.Load(SeqCst);
                if (await flags.CompareAndSwap(seen, (byte)(seen | both), SeqCst)) return;
            }
            else
            {
                byte seen = flags.Get(SeqCst);
                if (flags.CompareAndSwapNow(seen, (byte)(seen | both), SeqCst)) return;
            }
        }
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    internal async ValueTask CheckNoWriterDuringIteration()
    {
        if ((await LoadFlags() & HashWriting) != 0) FatalMisuse(FatalIterationAndWrite, "concurrent map iteration and map write");
    }

    /// <summary>
    /// The bucket an iterator reads for logical bucket <paramref name="bucket"/>: if it started during the
    /// grow still running (it.B == h.B) and the feeding old bucket is unevacuated, that old bucket with
    /// the filter on; otherwise the snapshot's bucket.
    /// </summary>
    internal (Bucket Bucket, int CheckBucket) IterBucket(BucketArray snapshot, int logB, int bucket)
    {
        if (oldbuckets.Get(Plain) is { } old && logB == b.Get(Plain))
        {
            int oldIndex = bucket & OldBucketMask();
            var oldBucket = old[oldIndex];
            if (!Evacuated(oldBucket))
            {
                CoverIteratorOnOldBucket(oldIndex);
                return (oldBucket, bucket);
            }
        }
        rt.CoverIf(rt.CollectsCoverage && snapshot != buckets.Peek(), IteratorOnReplacedArray);
        return (snapshot[bucket], -1);
    }

    internal Bucket? IterOverflow(Bucket bucket) => bucket.Overflow.Get(Plain);

    /// <summary>One slot of mapiternext: skip empties, apply the filter, produce golden entries, re-look-up moved ones.</summary>
    internal (bool Found, GoKey? Key, int Value) IterSlot(Bucket bucket, int slot, int logB, int checkBucket)
    {
        byte th = bucket.TopHash[slot].Get(Plain);
        if (IsEmpty(th) || th == EvacuatedEmpty) return (false, null, 0);
        var key = bucket.Keys[slot].Get(Plain);
        if (checkBucket >= 0 && !IsSameSizeGrow() && bug != GoMapBug.G3IteratorWithoutFilter
            && (int)(Hash(key) & ((1UL << logB) - 1)) != checkBucket)
        {
            rt.Cover(IteratorFilterSkips);
            return (false, null, 0);
        }
        if ((th != EvacuatedX && th != EvacuatedY) || bug == GoMapBug.G4IteratorSkipsRelookup)
            return (true, key, bucket.Elems[slot].Get(Plain));
        // The entry has moved (and may since have been deleted or updated): ask the live table.
        rt.Cover(IteratorRelookup);
        var (liveKey, value) = MapAccessK(key);
        rt.CoverIf(liveKey is null, IteratorRelookupMisses);
        return liveKey is null ? (false, null, 0) : (true, liveKey, value);
    }
}
