namespace ModelCheck.Maps.ConcurrentHashMap;

/// <summary>
/// The seeded bugs and negative controls of map-algorithms.md §4.11, each a minimal textual change to the
/// correct algorithm, switched on by configuration. Each flag names the one edit it makes; the catalogue ids
/// combine them (J-1b is two edits).
/// </summary>
[Flags]
enum Mutation
{
    None = 0,

    /// <summary>J-1a / N-2: transfer claims a range by a volatile read then a volatile write of transferIndex, not a CAS.</summary>
    NonAtomicClaim = 1 << 0,

    /// <summary>J-1b (with <see cref="NonAtomicClaim"/>): transfer does not re-check <c>tabAt(tab, i) == f</c> after locking f.</summary>
    NoTransferRecheck = 1 << 1,

    /// <summary>J-2: putVal does not re-check <c>tabAt(tab, i) == f</c> after locking f.</summary>
    NoPutRecheck = 1 << 2,

    /// <summary>J-2b: transfer stores the forwarding node before the two split bins.</summary>
    ForwardBeforeSplit = 1 << 3,

    /// <summary>J-3: the forwarding node is stored with a plain store instead of setTabAt's release store.</summary>
    PlainForward = 1 << 4,

    /// <summary>J-4a: the commit writes sizeCtl before table.</summary>
    ThresholdBeforeTable = 1 << 5,

    /// <summary>J-4b: the commit writes sizeCtl with a plain store (order kept).</summary>
    PlainThreshold = 1 << 6,

    /// <summary>N-1 (JDK 8–11, JDK-8214427): the helpers' stop test compares sc with the unshifted resize stamp.</summary>
    UnshiftedStampCheck = 1 << 7,

    /// <summary>N-3: <c>table</c> is a plain field, still written before the volatile sizeCtl.</summary>
    PlainTable = 1 << 8,

    /// <summary>N-4: the last resizer commits at once, without the finishing sweep over every bin.</summary>
    NoFinishingSweep = 1 << 9,

    /// <summary>L-1: helpTransfer returns the table it was given instead of the forwarding node's next table: a writer that meets a forwarding node spins on it (a livelock).</summary>
    HelperReturnsOldTable = 1 << 10,

    /// <summary>J-5 (the JDK 12+ text, JDK-8392075): helpTransfer's stop test does not compare sizeCtl's stamp with the table's, so a stale helper joins the next resize.</summary>
    HelperIgnoresStamp = 1 << 11,
}

static class SeededBugs
{
    /// <summary>The catalogue id of a seeded bug or negative control, and the edits it makes.</summary>
    public static Mutation Parse(string id) => id switch
    {
        "correct" => Mutation.None,
        "J-1a" or "N-2" => Mutation.NonAtomicClaim,
        "J-1b" => Mutation.NonAtomicClaim | Mutation.NoTransferRecheck,
        "J-2" => Mutation.NoPutRecheck,
        "J-2b" => Mutation.ForwardBeforeSplit,
        "J-3" => Mutation.PlainForward,
        "J-4a" => Mutation.ThresholdBeforeTable,
        "J-4b" => Mutation.PlainThreshold,
        "N-1" => Mutation.UnshiftedStampCheck,
        "N-3" => Mutation.PlainTable,
        "N-4" => Mutation.NoFinishingSweep,
        "L-1" => Mutation.HelperReturnsOldTable,
        "J-5" => Mutation.HelperIgnoresStamp,
        _ => throw new ArgumentException($"unknown ConcurrentHashMap variant '{id}'", nameof(id)),
    };
}
