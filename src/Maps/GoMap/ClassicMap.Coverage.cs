using ModelCheck.Engine;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

// The states of the classic map some scenario must reach (`modelcheck test --coverage`). Marking is ghost
// code: conditions are either already computed by the algorithm or read with Peek, never with a
// recorded access, and the Peek-based ones run only while coverage is collected.
public sealed partial class ClassicMap
{
    static readonly CoverageLabel DoublingGrowStarts = new("gomap", "a doubling grow starts");
    static readonly CoverageLabel SameSizeGrowStarts = new("gomap", "a same-size grow starts (too many overflow buckets)");
    static readonly CoverageLabel LookupDuringDoublingGrow = new("gomap", "lookup during a doubling grow");
    static readonly CoverageLabel LookupDuringSameSizeGrow = new("gomap", "lookup during a same-size grow");
    static readonly CoverageLabel LookupInOldBucket = new("gomap", "lookup reads an unevacuated old bucket");
    static readonly CoverageLabel LookupInLaterOldBucketSameSize = new("gomap", "lookup reads an unevacuated old bucket other than the first during a same-size grow");
    static readonly CoverageLabel IteratorOnOldBucket = new("gomap", "iterator on an unevacuated old bucket");
    static readonly CoverageLabel IteratorOnLaterOldBucketSameSize = new("gomap", "iterator on an unevacuated old bucket other than the first during a same-size grow");
    static readonly CoverageLabel IteratorFilterSkips = new("gomap", "iterator filter skips a key bound for the other half");
    static readonly CoverageLabel IteratorOnReplacedArray = new("gomap", "iterator walks an array a grow has replaced");
    static readonly CoverageLabel IteratorRelookup = new("gomap", "iterator re-looks-up a moved key");
    static readonly CoverageLabel IteratorRelookupMisses = new("gomap", "iterator's re-lookup finds the moved key deleted");
    static readonly CoverageLabel EvacuateToY = new("gomap", "evacuation moves a key to the Y half");
    static readonly CoverageLabel EvacuateChainsOverflow = new("gomap", "evacuation fills a destination bucket and chains an overflow bucket");
    static readonly CoverageLabel EvacuateKeepsForOldIterator = new("gomap", "evacuation keeps the old entries for an old iterator");
    static readonly CoverageLabel GrowWorkMovesNevacuate = new("gomap", "growWork's second evacuation moves nevacuate's bucket");
    static readonly CoverageLabel MarkSkipsEvacuated = new("gomap", "advanceEvacuationMark skips buckets already evacuated");
    static readonly CoverageLabel ClearDuringGrow = new("gomap", "clear during a grow");
    static readonly CoverageLabel EmptyRestAcrossOverflow = new("gomap", "delete marks emptyRest back across an overflow link");
    static readonly CoverageLabel FatalConcurrentWrites = new("gomap", "fatal: concurrent map writes");
    static readonly CoverageLabel FatalReadAndWrite = new("gomap", "fatal: concurrent map read and map write");
    static readonly CoverageLabel FatalIterationAndWrite = new("gomap", "fatal: concurrent map iteration and map write");

    /// <summary>Go's fatal error, after marking which misuse check fired.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    void FatalMisuse(CoverageLabel label, string message)
    {
        rt.Cover(label);
        rt.Fatal(message);
    }

    /// <summary>What a lookup of <paramref name="hash"/> is about to read while a grow runs.</summary>
    void CoverLookup(ulong hash)
    {
        if (!rt.CollectsCoverage || oldbuckets.Peek() is not { } old) return;
        bool sameSize = (flags.Peek() & SameSizeGrow) != 0;
        rt.Cover(sameSize ? LookupDuringSameSizeGrow : LookupDuringDoublingGrow);
        int index = (int)(hash & (ulong)(old.Length - 1));
        if (IsEvacuatedMark(old[index].TopHash.Peek(0))) return;
        rt.Cover(LookupInOldBucket);
        rt.CoverIf(sameSize && index != 0, LookupInLaterOldBucketSameSize);
    }

    /// <summary>An iterator reads old bucket <paramref name="oldIndex"/>, unevacuated.</summary>
    void CoverIteratorOnOldBucket(int oldIndex)
    {
        rt.Cover(IteratorOnOldBucket);
        rt.CoverIf(oldIndex != 0 && (flags.Peek() & SameSizeGrow) != 0, IteratorOnLaterOldBucketSameSize);
    }

    /// <summary>growWork is about to evacuate nevacuate's bucket: does that move anything?</summary>
    void CoverSecondEvacuation()
    {
        if (rt.CollectsCoverage && oldbuckets.Peek() is { } old && nevacuate.Peek() < old.Length)
            rt.CoverIf(!IsEvacuatedMark(old[nevacuate.Peek()].TopHash.Peek(0)), GrowWorkMovesNevacuate);
    }
}
