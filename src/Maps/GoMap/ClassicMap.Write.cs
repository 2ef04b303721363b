using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

// Writes (map.go: mapassign, mapdelete, mapclear). Each toggles hashWriting around its work.
public sealed partial class ClassicMap
{
    /// <summary>mapassign: the elem slot of <paramref name="key"/>, which m[key] = value stores into after it returns (<see cref="GoMapModel.Assign"/>).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    private protected override async ValueTask<Cell<int>> MapAssign(GoKey key)
    {
        if ((await LoadFlags() & HashWriting) != 0) FatalMisuse(FatalConcurrentWrites, "concurrent map writes");
        // h.flags ^= hashWriting: a plain read-modify-write, so two writers can lose a toggle.
        if (bug == GoMapBug.G6WritingFlagBeforeHash) await StoreFlags((byte)(await LoadFlags() ^ HashWriting));
        ulong hash = Hash(key);   // may panic: the flag is toggled only after it
        rt.Publish(new WriteStarted(this));
        if (bug != GoMapBug.G6WritingFlagBeforeHash) await StoreFlags((byte)(await LoadFlags() ^ HashWriting));
        if (buckets.Get(Plain) is null) buckets.Set(NewBucketArray(0), Plain);
        Cell<int> elem;

        while (true)
        {
            int bucket = (int)(hash & ((1UL << b.Get(Plain)) - 1));
            if (Growing()) await GrowWork(bucket);
            byte top = TopHashes.Of(hash);
            Bucket? insertBucket = null;
            int insertSlot = 0;
            Bucket last = buckets.Get(Plain)![bucket];
            for (Bucket? current = last; current is not null; current = current.Overflow.Get(Plain))
            {
                last = current;
                for (int i = 0; i < bucketCnt; i++)
                {
                    byte th = current.TopHash[i].Get(Plain);
                    if (th != top)
                    {
                        if (IsEmpty(th) && insertBucket is null)
                        {
                            insertBucket = current;
                            insertSlot = i;
                        }
                        if (th == EmptyRest) goto notFound;
                        continue;
                    }
                    if (!GoKey.Same(current.Keys[i].Get(Plain), key)) continue;
                    elem = current.Elems[i];
                    goto finish;
                }
            }
        notFound:
            // A new key. Growing invalidates everything computed so far: start again.
            if (!Growing() && (OverLoadFactor(count.Get(Plain) + 1, b.Get(Plain)) || TooManyOverflowBuckets(noverflow.Get(Plain), b.Get(Plain))))
            {
                HashGrow();
                continue;
            }
            if (insertBucket is null)
            {
                insertBucket = NewOverflow(last);
                insertSlot = 0;
            }
            insertBucket.Keys[insertSlot].Set(key, Plain);
            insertBucket.TopHash[insertSlot].Set(top, Plain);
            count.Set(count.Get(Plain) + 1, Plain);
            elem = insertBucket.Elems[insertSlot];
            goto finish;
        }
    finish:
        ExitCheck(await LoadFlags());
        await StoreFlags((byte)(await LoadFlags() & ~HashWriting));
        return elem;
    }

    /// <summary>mapdelete, under delete(m, key), including the emptyRest normalisation.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    private protected override async ValueTask MapDelete(GoKey key)
    {
        if (count.Get(Plain) == 0)
        {
            Hash(key);   // the unhashable-key panic still happens
            return;
        }
        if ((await LoadFlags() & HashWriting) != 0) FatalMisuse(FatalConcurrentWrites, "concurrent map writes");
        ulong hash = Hash(key);
        rt.Publish(new WriteStarted(this));
        await StoreFlags((byte)(await LoadFlags() ^ HashWriting));
        int bucket = (int)(hash & ((1UL << b.Get(Plain)) - 1));
        if (Growing()) await GrowWork(bucket);
        var first = buckets.Get(Plain)![bucket];
        byte top = TopHashes.Of(hash);
        for (Bucket? current = first; current is not null; current = current.Overflow.Get(Plain))
            for (int i = 0; i < bucketCnt; i++)
            {
                byte th = current.TopHash[i].Get(Plain);
                if (th != top)
                {
                    if (th == EmptyRest) goto done;
                    continue;
                }
                if (!GoKey.Same(current.Keys[i].Get(Plain), key)) continue;
                if (Config.BucketHasPointers) current.Keys[i].Set(null, Plain);
                current.Elems[i].Set(0, Plain);
                current.TopHash[i].Set(EmptyOne, Plain);
                if (EndsEmptyRun(current, i)) MarkEmptyRestBackwards(first, current, i);
                count.Set(count.Get(Plain) - 1, Plain);
                goto done;
            }
    done:
        ExitCheck(await LoadFlags());
        await StoreFlags((byte)(await LoadFlags() & ~HashWriting));
    }

    /// <summary>Whether the slot just emptied is the chain's last, or the next slot is already emptyRest.</summary>
    bool EndsEmptyRun(Bucket bucket, int slot)
    {
        if (slot == bucketCnt - 1)
            return bucket.Overflow.Get(Plain) is not { } next || next.TopHash[0].Get(Plain) == EmptyRest;
        return bucket.TopHash[slot + 1].Get(Plain) == EmptyRest;
    }

    /// <summary>Walks backwards from the emptied slot turning contiguous emptyOne slots into emptyRest.</summary>
    void MarkEmptyRestBackwards(Bucket first, Bucket bucket, int slot)
    {
        while (true)
        {
            bucket.TopHash[slot].Set(EmptyRest, Plain);
            if (slot == 0)
            {
                if (bucket == first) return;
                rt.Cover(EmptyRestAcrossOverflow);
                var previous = first;
                while (previous.Overflow.Get(Plain) != bucket) previous = previous.Overflow.Get(Plain)!;
                bucket = previous;
                slot = bucketCnt - 1;
            }
            else
            {
                slot--;
            }
            if (bucket.TopHash[slot].Get(Plain) != EmptyOne) return;
        }
    }

    /// <summary>mapclear (Go 1.21–1.23), under clear(m): every slot, old buckets included, becomes emptyRest so running iterators finish.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    private protected override async ValueTask MapClear()
    {
        if (count.Get(Plain) == 0) return;
        if ((await LoadFlags() & HashWriting) != 0) FatalMisuse(FatalConcurrentWrites, "concurrent map writes");
        await StoreFlags((byte)(await LoadFlags() ^ HashWriting));
        var current = buckets.Get(Plain)!;
        MarkBucketsEmpty(current);
        if (oldbuckets.Get(Plain) is { } old)
        {
            rt.Cover(ClearDuringGrow);
            if (bug != GoMapBug.G7ClearKeepsOldBuckets) MarkBucketsEmpty(old);
        }
        flags.Set((byte)(flags.Get(Plain) & ~SameSizeGrow), Plain);
        oldbuckets.Set(null, Plain);
        nevacuate.Set(0, Plain);
        noverflow.Set(0, Plain);
        count.Set(0, Plain);
        // makeBucketArray re-zeroes the reused array; the overflow buckets become garbage.
        foreach (var bucket in current.All) ZeroBucket(bucket, withTopHash: true);
        ExitCheck(await LoadFlags());
        await StoreFlags((byte)(await LoadFlags() & ~HashWriting));
    }

    void MarkBucketsEmpty(BucketArray array)
    {
        foreach (var head in array.All)
            for (Bucket? bucket = head; bucket is not null; bucket = bucket.Overflow.Get(Plain))
                for (int i = 0; i < bucketCnt; i++) bucket.TopHash[i].Set(EmptyRest, Plain);
    }

    void ZeroBucket(Bucket bucket, bool withTopHash)
    {
        for (int i = 0; i < bucketCnt; i++)
        {
            if (withTopHash) bucket.TopHash[i].Set(EmptyRest, Plain);
            bucket.Keys[i].Set(null, Plain);
            bucket.Elems[i].Set(0, Plain);
        }
        bucket.Overflow.Set(null, Plain);
    }
}
