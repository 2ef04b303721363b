using System.Runtime.CompilerServices;
using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// hiter: `for k, v := range m`. Local to the ranging goroutine, so its fields are plain C# fields.
/// It walks one logical sequence of 2^it.B buckets from a random start bucket and slot offset (data
/// choices the strategy makes). If it started during a grow still running, it reads unevacuated old
/// buckets through the checkBucket filter; entries marked evacuated are re-looked-up in the live table.
/// </summary>
public sealed class GoMapIterator : GoRangeIterator
{
    const int NoCheck = -1;

    readonly ClassicMap map;
    BucketArray? snapshot;
    int logB;
    int startBucket;
    int offset;
    bool wrapped;
    Bucket? bptr;
    int i;
    int bucket;
    int checkBucket = NoCheck;

    internal GoMapIterator(ClassicMap map) : base(map, map.Runtime) => this.map = map;

    /// <summary>Ghost: the bucket and slot of the entry the iterator last yielded; null before the first and after the end.</summary>
    internal (Bucket Bucket, int Slot)? GhostPosition => Key is null || bptr is null ? null : (bptr, (i - 1 + offset) & (map.BucketCnt - 1));

    /// <summary>mapiterinit: snapshot B and buckets, pick the start, mark the map as iterated, take the first step.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    internal async ValueTask Init()
    {
        await map.Runtime.Yield();
        if (map.IterCount() == 0)
        {
            map.Runtime.Publish(new IterationStarted(map, this));
            Produce(null, 0);
            return;
        }
        logB = map.IterB();
        snapshot = map.IterBuckets();
        // r := rand(); startBucket = r & bucketMask(B); offset = r >> B & (bucketCnt-1): a data choice.
        startBucket = map.Runtime.Choose(1 << logB);
        offset = map.Runtime.Choose(map.BucketCnt);
        bucket = startBucket;
        if (map.Runtime.IsRecording) map.Runtime.Note($"{map.Name}: mapiterinit start bucket {startBucket}, offset {offset}");
        await map.MarkIterating();
        map.Runtime.Publish(new IterationStarted(map, this));
        await Advance();
    }

    /// <summary>mapiternext.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    protected override async ValueTask Advance()
    {
        await map.CheckNoWriterDuringIteration();
        int bucketCnt = map.BucketCnt;
        var b = bptr;
        int position = i;
        int next = bucket;
        int check = checkBucket;
        while (true)
        {
            if (b is null)
            {
                if (next == startBucket && wrapped)
                {
                    Produce(null, 0);
                    return;
                }
                (b, check) = map.IterBucket(snapshot!, logB, next);
                next++;
                if (next == 1 << logB)
                {
                    next = 0;
                    wrapped = true;
                }
                position = 0;
            }
            for (; position < bucketCnt; position++)
            {
                int slot = (position + offset) & (bucketCnt - 1);
                var (found, key, value) = map.IterSlot(b, slot, logB, check);
                if (!found) continue;
                bucket = next;
                bptr = b;
                i = position + 1;
                checkBucket = check;
                Produce(key, value);
                return;
            }
            b = map.IterOverflow(b);
            position = 0;
        }
    }
}
