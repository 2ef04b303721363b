using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

// Growing (map.go: hashGrow, growWork, evacuate, advanceEvacuationMark). hashGrow moves no data;
// each write evacuates the old bucket it needs plus one more, so a grow finishes after at most
// noldbuckets writes.
public sealed partial class ClassicMap
{
    /// <summary>hashGrow (precondition: not growing): a doubling grow, or a same-size one when only overflow triggered.</summary>
    void HashGrow()
    {
        int bigger = 1;
        int logB = b.Get(Plain);
        if (!OverLoadFactor(count.Get(Plain) + 1, logB))
        {
            bigger = 0;
            flags.Set((byte)(flags.Get(Plain) | SameSizeGrow), Plain);
        }
        var old = buckets.Get(Plain)!;
        var fresh = NewBucketArray(logB + bigger);
        // An iterator over the current array now iterates what becomes the old array.
        byte current = flags.Get(Plain);
        byte newFlags = (byte)(current & ~(Iterator | OldIterator));
        if ((current & Iterator) != 0 && bug != GoMapBug.G5GrowLosesOldIterator) newFlags |= OldIterator;
        b.Set(logB + bigger, Plain);
        flags.Set(newFlags, Plain);
        oldbuckets.Set(old, Plain);
        buckets.Set(fresh, Plain);
        nevacuate.Set(0, Plain);
        noverflow.Set(0, Plain);
        if (rt.IsRecording) rt.Note($"{Name}: hashGrow {(bigger == 1 ? "doubling" : "same-size")}, B {logB} -> {logB + bigger}");
        rt.Cover(bigger == 1 ? DoublingGrowStarts : SameSizeGrowStarts);
        rt.Publish(new GrowStarted(this, old.Length, bigger == 0));
    }

    /// <summary>growWork: evacuate the old bucket feeding <paramref name="bucket"/>, then one more for progress.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask GrowWork(int bucket)
    {
        Evacuate(bucket & OldBucketMask());
        Observe(operationBoundary: false);
        await rt.Yield();
        CoverSecondEvacuation();
        // G-8 drops this second evacuation: a grow then ends only once writes have touched every old bucket.
        if (Growing() && bug != GoMapBug.G8GrowWorkWithoutProgress) Evacuate(nevacuate.Get(Plain));
    }

    void Evacuate(int oldbucket)
    {
        var first = oldbuckets.Get(Plain)![oldbucket];
        int newbit = NoldBuckets();
        if (!Evacuated(first))
        {
            bool sameSize = IsSameSizeGrow();
            var fresh = buckets.Get(Plain)!;
            // The X (low) and Y (high) destinations, each with a write cursor starting at slot 0.
            Span<(Bucket Bucket, int Slot)> destinations = [(fresh[oldbucket], 0), sameSize ? default : (fresh[oldbucket + newbit], 0)];
            if (rt.IsRecording) rt.Note($"{Name}: evacuate old bucket {oldbucket}");
            int moved = 0;
            for (Bucket? source = first; source is not null; source = source.Overflow.Get(Plain))
                for (int i = 0; i < bucketCnt; i++)
                {
                    byte top = source.TopHash[i].Get(Plain);
                    if (IsEmpty(top))
                    {
                        source.TopHash[i].Set(EvacuatedEmpty, Plain);
                        continue;
                    }
                    if (top < MinTopHash) rt.Fatal("bad map state");
                    var key = source.Keys[i].Get(Plain);
                    int useY = !sameSize && (Hash(key) & (ulong)newbit) != 0 ? 1 : 0;
                    rt.CoverIf(useY == 1, EvacuateToY);
                    // Mark the source before copying: the evacuation state lives in the old tophash.
                    source.TopHash[i].Set((byte)(EvacuatedX + useY), Plain);
                    ref var destination = ref destinations[useY];
                    if (destination.Slot == bucketCnt)
                    {
                        rt.Cover(EvacuateChainsOverflow);
                        destination.Bucket = NewOverflow(destination.Bucket);
                        destination.Slot = 0;
                    }
                    var target = destination.Bucket;
                    int slot = destination.Slot++;
                    target.TopHash[slot].Set(top, Plain);
                    target.Keys[slot].Set(key, Plain);
                    target.Elems[slot].Set(source.Elems[i].Get(Plain), Plain);
                    moved++;
                    if (rt.IsRecording) rt.Note($"{Name}:   {key} -> {(useY == 0 ? "X" : "Y")} {target.Name}[{slot}]");
                }
            // Unless an old iterator may still read them, drop the old entries (the tophash stays: it
            // holds the evacuation state).
            if ((flags.Get(Plain) & OldIterator) == 0 && Config.BucketHasPointers) ZeroBucket(first, withTopHash: false);
            else rt.CoverIf(Config.BucketHasPointers, EvacuateKeepsForOldIterator);
            rt.Publish(new BucketEvacuated(this, oldbucket, moved));
        }
        if (oldbucket == nevacuate.Get(Plain)) AdvanceEvacuationMark(newbit);
    }

    void AdvanceEvacuationMark(int newbit)
    {
        int mark = nevacuate.Get(Plain) + 1;
        int stop = Math.Min(mark + 1024, newbit);
        var old = oldbuckets.Get(Plain)!;
        if (bug == GoMapBug.G2PrematureGrowCompletion) mark = stop;
        else
            while (mark != stop && Evacuated(old[mark]))
            {
                rt.Cover(MarkSkipsEvacuated);
                mark++;
            }
        nevacuate.Set(mark, Plain);
        bool finished = mark == newbit;
        if (finished)
        {
            oldbuckets.Set(null, Plain);
            flags.Set((byte)(flags.Get(Plain) & ~SameSizeGrow), Plain);
            if (rt.IsRecording) rt.Note($"{Name}: grow complete");
        }
        rt.Publish(new EvacuationMarkMoved(this, mark, finished));
    }
}
