using ModelCheck.Engine;

namespace ModelCheck.Maps.SyncMap;

/// <summary>The states of sync.Map some scenario must reach (`modelcheck test --coverage`); marked where the algorithm has already decided them.</summary>
static class Coverage
{
    internal static readonly CoverageLabel LoadGoesToDirty = new("syncmap", "Load misses read.m and looks in dirty");
    internal static readonly CoverageLabel DoubleCheckFinds = new("syncmap", "Load's double check under mu finds the key in a newly promoted read.m");
    internal static readonly CoverageLabel MissPromotes = new("syncmap", "a miss storm promotes dirty");
    internal static readonly CoverageLabel RangePromotes = new("syncmap", "Range promotes dirty");
    internal static readonly CoverageLabel DirtyRebuilt = new("syncmap", "dirtyLocked rebuilds dirty from read.m");
    internal static readonly CoverageLabel Expunged = new("syncmap", "dirtyLocked expunges a deleted entry");
    internal static readonly CoverageLabel Unexpunged = new("syncmap", "a store unexpunges an entry back into dirty");
    internal static readonly CoverageLabel FastPathMeetsExpunged = new("syncmap", "a lock-free store finds its entry expunged and takes mu");
    internal static readonly CoverageLabel DeleteFromDirty = new("syncmap", "LoadAndDelete removes a key only dirty holds");
    internal static readonly CoverageLabel CompareAndSwapInDirty = new("syncmap", "CompareAndSwap on a key only dirty holds");
    internal static readonly CoverageLabel ClearAmended = new("syncmap", "Clear empties a map whose dirty holds new keys");
}
