namespace ModelCheck.Maps.GoMap;

// What the model tells its monitors (ghost state). The algorithm never reads anything back.

/// <summary>An operation completed: contents changed (assign, delete, clear) or were observed (lookup).</summary>
public readonly record struct KeyAssigned(ClassicMap Map, GoKey Key, int Value);
public readonly record struct KeyDeleted(ClassicMap Map, GoKey Key);
public readonly record struct MapCleared(ClassicMap Map);
public readonly record struct KeyLookedUp(ClassicMap Map, GoKey Key, bool Found, int Value);

/// <summary>
/// An observation point (§1.0): an operation or iterator-step boundary, or the middle of growWork
/// between its two evacuate calls. Inside evacuate the structure is legitimately inconsistent.
/// </summary>
public readonly record struct ObservationPoint(ClassicMap Map, bool OperationBoundary);

/// <summary>Evacuation ledger events (CM-2..CM-4).</summary>
public readonly record struct GrowStarted(ClassicMap Map, int OldBuckets, bool SameSize);
public readonly record struct BucketEvacuated(ClassicMap Map, int OldBucket);
public readonly record struct EvacuationMarkMoved(ClassicMap Map, int Nevacuate, bool Finished);

/// <summary>Iteration events (CM-11). A null key in <see cref="IterationStep"/> means the iteration ended.</summary>
public readonly record struct IterationStarted(ClassicMap Map, GoMapIterator Iterator);
public readonly record struct IterationStep(ClassicMap Map, GoMapIterator Iterator, GoKey? Key, int Value);
