namespace ModelCheck.Maps.SyncMap;

/// <summary>The seeded bugs of map-algorithms.md §2.9, each a minimal mutation of the correct model.</summary>
public enum SeededBug
{
    None,
    /// <summary>S-1: Load's slow path consults dirty without re-loading read after LOCK.</summary>
    S1NoDoubleCheck,
    /// <summary>S-2: tryExpungeLocked loads p, then stores expunged instead of CAS(nil → expunged).</summary>
    S2NonAtomicExpunge,
    /// <summary>S-3: Swap/LoadOrStore's locked read-hit branch writes an expunged entry without unexpunging it into dirty.</summary>
    S3NoUnexpunge,
    /// <summary>S-4: entry.delete loads p, then stores nil instead of CAS(p → nil).</summary>
    S4DeleteByLoadStore,
    /// <summary>S-5: missLocked publishes dirty as read but keeps it as dirty.</summary>
    S5PromotionKeepsDirty,
    /// <summary>S-6: missLocked does not count the miss, so misses never reach len(dirty) and dirty is never promoted.</summary>
    S6MissNotCounted,
}
