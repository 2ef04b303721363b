namespace ModelCheck.Maps.GoMap;

/// <summary>The seeded bugs of map-algorithms.md §1.15, each a one-place mutation of the correct model.</summary>
public enum GoMapBug
{
    None,
    /// <summary>G-1: lookup ignores oldbuckets during a grow.</summary>
    G1LookupIgnoresOldBuckets,
    /// <summary>G-1b: lookup forgets to halve the mask when it consults oldbuckets.</summary>
    G1bMaskNotHalved,
    /// <summary>G-2: advanceEvacuationMark advances without testing bucketEvacuated.</summary>
    G2PrematureGrowCompletion,
    /// <summary>G-3: mapiternext ignores checkBucket.</summary>
    G3IteratorWithoutFilter,
    /// <summary>G-4: mapiternext treats evacuated slots as golden (no mapaccessK re-lookup).</summary>
    G4IteratorSkipsRelookup,
    /// <summary>G-5: hashGrow drops iterator without setting oldIterator.</summary>
    G5GrowLosesOldIterator,
    /// <summary>G-6: mapassign toggles hashWriting before hashing the key.</summary>
    G6WritingFlagBeforeHash,
    /// <summary>G-7: mapclear does not mark the old buckets emptyRest (Go 1.20, #59411).</summary>
    G7ClearKeepsOldBuckets,
    /// <summary>G-8: growWork evacuates only the old bucket the write needs, not nevacuate's: the grow need never complete.</summary>
    G8GrowWorkWithoutProgress,
}

/// <summary>
/// How a Go map model is built. <see cref="Faithful"/> uses Go's constants; <see cref="Reduced"/>
/// shrinks bucketCnt to 2 (the load factor stays bucketCnt·13/16 in integer arithmetic), which keeps
/// every control path and makes grows, overflow chains and X/Y splits reachable with a handful of keys.
/// </summary>
public sealed record GoMapConfig
{
    public int BucketCnt { get; init; } = 8;

    /// <summary>Whether keys or elems hold pointers: evacuate then zeroes the old bucket (G-5 needs it).</summary>
    public bool BucketHasPointers { get; init; } = true;

    /// <summary>
    /// Misuse-detection mode (§1.12): every read and write of flags by a check site is its own
    /// scheduling point, so two goroutines can interleave there. Off, only operation boundaries,
    /// iterator steps and the middle of growWork are scheduling points (§5.1).
    /// </summary>
    public bool FlagSchedulingPoints { get; init; }

    public GoMapBug Bug { get; init; }

    public static GoMapConfig Faithful { get; } = new();
    public static GoMapConfig Reduced { get; } = new() { BucketCnt = 2 };

    public const int LoadFactorDen = 2;
    public int LoadFactorNum => LoadFactorDen * BucketCnt * 13 / 16;
}
