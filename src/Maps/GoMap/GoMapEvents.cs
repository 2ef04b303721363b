namespace ModelCheck.Maps.GoMap;

// What the Go map models tell their monitors (ghost state). The algorithms never read anything back.
// The contents and iteration events are shared by the classic map and the Swiss-table map: both keep
// Go's map semantics, so one ghost dictionary and one CM-11 monitor judge both.

/// <summary>A Go map model as its monitors see it: a name to report under.</summary>
public interface IGoMap
{
    string Name { get; }
}

/// <summary>An operation completed: contents changed (assign, delete, clear) or were observed (lookup).</summary>
public readonly record struct KeyAssigned(IGoMap Map, GoKey Key, int Value);
public readonly record struct KeyDeleted(IGoMap Map, GoKey Key);
public readonly record struct MapCleared(IGoMap Map);
public readonly record struct KeyLookedUp(IGoMap Map, GoKey Key, bool Found, int Value);

/// <summary>
/// An observation point (§1.0, §3.0): an operation or iterator-step boundary, or (classic map) the middle
/// of growWork between its two evacuate calls. Inside evacuate, grow or split the structure is
/// legitimately inconsistent.
/// </summary>
public readonly record struct ObservationPoint(IGoMap Map, bool OperationBoundary);

/// <summary>
/// A write that calls growWork when the map is growing (an assign, or a delete on a non-empty map) has
/// started (classic map), or a write (assign or delete, either model) has returned (CM-12, grow progress).
/// </summary>
public readonly record struct WriteStarted(ClassicMap Map);
public readonly record struct WriteFinished(IGoMap Map);

/// <summary>Evacuation ledger events of the classic map (CM-2..CM-4).</summary>
public readonly record struct GrowStarted(ClassicMap Map, int OldBuckets, bool SameSize);
/// <summary>An old bucket's chain was evacuated, <see cref="Moved"/> entries copied to the new array.</summary>
public readonly record struct BucketEvacuated(ClassicMap Map, int OldBucket, int Moved);
public readonly record struct EvacuationMarkMoved(ClassicMap Map, int Nevacuate, bool Finished);

/// <summary>Iteration events (CM-11). A null key in <see cref="IterationStep"/> means the iteration ended.</summary>
public readonly record struct IterationStarted(IGoMap Map, object Iterator);
public readonly record struct IterationStep(IGoMap Map, object Iterator, GoKey? Key, int Value);
