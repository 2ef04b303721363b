namespace ModelCheck.Maps.HashTrieMap;

/// <summary>The seeded bugs of map-algorithms.md §2.10.4, each a minimal mutation of the correct model.</summary>
public enum HashTrieBug
{
    None,
    /// <summary>
    /// H-1: CL 606462 (reverted by c112c0af13 before Go 1.24.0, golang/go#70970): entry.value is an atomic
    /// pointer; CompareAndSwap walks lock-free to the entry and CASes it, Swap exchanges it in place.
    /// Deletes still unlink entries under the lock, so a CompareAndSwap can land on a detached entry.
    /// </summary>
    H1LockFreeCompareAndSwap,
    /// <summary>H-2: after locking a node, writers re-validate the slot but not the node's dead flag.</summary>
    H2NoDeadCheck,
    /// <summary>H-3: expand stores the new indirect node into the slot first, then fills its children.</summary>
    H3PublishBeforePopulate,
}
