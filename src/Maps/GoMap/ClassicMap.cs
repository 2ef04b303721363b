using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// Go's classic map (runtime/map.go, Go 1.22/1.23; map-algorithms.md §1), modelled on controlled cells.
///
/// The algorithm. A map header (hmap) holds count, flags, B and 2^B buckets. A bucket holds bucketCnt
/// slots (8 in Go) and an overflow pointer; each slot has a tophash byte (the hash's top 8 bits, moved
/// above the special values 0..4), a key and an elem. A key lives in bucket hash &amp; (2^B−1), in the
/// first free slot of that bucket's overflow chain. Deleting leaves emptyOne, and a run of empties at
/// the chain's end becomes emptyRest so scans can stop early. Inserting a new key when count+1 exceeds
/// 6.5·2^B (or when there are too many overflow buckets) starts a grow: hashGrow only allocates a new
/// array (twice as large, or the same size to compact overflow chains) and moves the old one to
/// oldbuckets. Data moves incrementally: each assign or delete first calls growWork, which evacuates
/// the old bucket feeding the bucket it is about to touch, then one more in order (nevacuate). Evacuate
/// marks each source slot evacuatedX/evacuatedY (or evacuatedEmpty) and copies the entry to the low (X)
/// or high (Y) half by the hash bit newbit; when nevacuate reaches the old size the grow is over.
/// While a grow runs, lookups read an unevacuated old bucket (it is authoritative) and otherwise the
/// new one. Iteration walks one logical bucket sequence from a random start bucket and slot offset; if
/// it started mid-grow it reads unevacuated old buckets through a filter (only the keys that belong to
/// the new bucket it is visiting), and it re-looks-up entries that have moved since, so it never yields
/// a key twice, never yields a deleted key, and yields current values. The hashWriting flag, toggled
/// with plain XOR by writers, is Go's best-effort detector of concurrent misuse.
///
/// Modelled faithfully: tophash encoding, emptyRest normalisation on delete, the load-factor and
/// overflow triggers (integer arithmetic as in Go), doubling and same-size grows, growWork, evacuate
/// with X/Y cursors and overflow allocation, advanceEvacuationMark, the zeroing of evacuated old
/// buckets unless an old iterator exists, mapclear's marking of every bucket emptyRest (Go 1.21+),
/// mapiterinit/mapiternext with checkBucket and the re-lookup, the fatal checks and their messages,
/// and the elem store after mapassign returns (outside the flagged window).
///
/// Simplified: keys carry their hash (no hasher, no hash0 seeding: with explicit hashes the seed is
/// irrelevant, so re-randomising it on clear or when count drops to 0 is omitted); keys are reflexive
/// (no NaN keys, so the NaN branches of evacuate and mapiternext are absent); there is no
/// nextOverflow preallocation and no extra.overflow keep-alive list (garbage-collector concerns only;
/// noverflow is still counted exactly as newoverflow does); B never reaches 16, so incrnoverflow is
/// exact. Every field and slot is a cell accessed with plain order. Data-structure work runs as atomic
/// blocks (immediate accessors); the scheduling points are the operation boundaries, each iterator
/// step, the middle of growWork, the elem store after mapassign, and, in misuse mode
/// (<see cref="GoMapConfig.FlagSchedulingPoints"/>), every flags access of a check site.
///
/// Ghost state (published as events, never read back): see LiveKeysMonitor (CM-1, CM-5..CM-10 and
/// lookup results), EvacuationLedger (CM-2..CM-4) and IterationMonitor (CM-11).
/// </summary>
public sealed partial class ClassicMap : GoMapModel
{
    readonly int bucketCnt;
    readonly GoMapBug bug;

    // hmap
    readonly Cell<int> count;
    readonly Cell<byte> flags;
    readonly Cell<int> b;
    readonly Cell<int> noverflow;
    readonly Cell<BucketArray?> buckets;
    readonly Cell<BucketArray?> oldbuckets;
    readonly Cell<int> nevacuate;

    // Only for naming cells in traces.
    int arraysAllocated;
    int overflowsAllocated;

    ClassicMap(Runtime rt, string name, GoMapConfig config) : base(rt, name, deleteCall: "mapdelete", clearCall: "mapclear")
    {
        Config = config;
        bucketCnt = config.BucketCnt;
        bug = config.Bug;
        Names = HeaderNames.Of(name);
        count = rt.NewCell(Names.Count, 0);
        flags = rt.NewCell<byte>(Names.Flags, 0);
        b = rt.NewCell(Names.B, 0);
        noverflow = rt.NewCell(Names.Noverflow, 0);
        buckets = rt.NewCell<BucketArray?>(Names.Buckets, null);
        oldbuckets = rt.NewCell<BucketArray?>(Names.OldBuckets, null);
        nevacuate = rt.NewCell(Names.Nevacuate, 0);
        // Only a replay records and draws state; registering costs two delegates per execution otherwise.
        if (rt.IsRecording) rt.AddStateView(name, DescribeState, DrawState);
    }

    public GoMapConfig Config { get; }
    internal HeaderNames Names { get; }
    internal Runtime Runtime => rt;
    internal int BucketCnt => bucketCnt;

    /// <summary>makemap: the smallest B whose load factor holds <paramref name="hint"/> entries; buckets are allocated when B &gt; 0.</summary>
    public static ClassicMap Make(Runtime rt, string name, GoMapConfig config, int hint = 0)
    {
        var map = new ClassicMap(rt, name, config);
        int initialB = 0;
        while (map.OverLoadFactor(hint, initialB)) initialB++;
        map.b.Set(initialB, Plain);
        if (initialB > 0) map.buckets.Set(map.NewBucketArray(initialB), Plain);
        return map;
    }

    /// <summary>len(m): a plain read of count.</summary>
    public override int Len() => count.Get(Plain);

    // ---- helpers (map.go: bucketShift, overLoadFactor, tooManyOverflowBuckets, growing, ...) ----

    internal bool OverLoadFactor(int c, int logB) =>
        c > bucketCnt && (ulong)c > (ulong)Config.LoadFactorNum * ((1UL << logB) / GoMapConfig.LoadFactorDen);

    static bool TooManyOverflowBuckets(int n, int logB) => n >= 1 << Math.Min(logB, 15);

    bool Growing() => oldbuckets.Get(Plain) is not null;

    bool IsSameSizeGrow() => (flags.Get(Plain) & SameSizeGrow) != 0;

    int NoldBuckets()
    {
        int oldB = b.Get(Plain);
        if (!IsSameSizeGrow()) oldB--;
        return 1 << oldB;
    }

    int OldBucketMask() => NoldBuckets() - 1;

    bool Evacuated(Bucket bucket) => IsEvacuatedMark(bucket.TopHash[0].Get(Plain));

    /// <summary>The hasher: may panic, which is why mapassign toggles hashWriting only after it.</summary>
    static ulong Hash(GoKey? key) => GoKey.HashOf(key);

    BucketArray NewBucketArray(int logB)
    {
        int array = arraysAllocated++;
        var result = new Bucket[1 << logB];
        var names = BucketNames.OfArray(Name, array, result.Length);
        for (int i = 0; i < result.Length; i++) result[i] = new Bucket(rt, names.Buckets[i], bucketCnt);
        return new BucketArray(names.Name, result);
    }

    /// <summary>newoverflow: chains a fresh bucket after <paramref name="last"/> and counts it (incrnoverflow, exact for B &lt; 16).</summary>
    Bucket NewOverflow(Bucket last)
    {
        var overflow = new Bucket(rt, BucketNames.OfOverflow(Name, overflowsAllocated++), bucketCnt);
        noverflow.Set(noverflow.Get(Plain) + 1, Plain);
        last.Overflow.Set(overflow, Plain);
        return overflow;
    }

    // ---- flags at the check sites: their own scheduling points in misuse mode ----

    private protected override bool FlagSchedulingPoints => Config.FlagSchedulingPoints;

    CheckSiteLoad LoadFlags() => LoadAtCheckSite(flags);

    CheckSiteStore StoreFlags(byte value) => StoreAtCheckSite(flags, value);

    /// <summary>
    /// The exit check of a write: the flag must still be set (then the write clears it). Each write makes the
    /// check and the clearing store itself, awaiting the flag's accesses in place (see CheckSiteLoad).
    /// </summary>
    void ExitCheck(byte current)
    {
        if ((current & HashWriting) == 0) FatalMisuse(FatalConcurrentWrites, "concurrent map writes");
    }

    // ---- ghost access for monitors: Peek only, never recorded, never read by the algorithm ----

    internal int GhostCount => count.Peek();
    internal byte GhostFlags => flags.Peek();
    internal int GhostB => b.Peek();
    internal int GhostNevacuate => nevacuate.Peek();
    internal BucketArray? GhostBuckets => buckets.Peek();
    internal BucketArray? GhostOldBuckets => oldbuckets.Peek();
}
