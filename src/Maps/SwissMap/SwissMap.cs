using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// Go 1.24's built-in map, the Swiss table with extendible hashing (internal/runtime/maps; map-algorithms.md
/// §3), modelled on controlled cells.
///
/// The algorithm. Entries live in groups of 8 slots; each group has a control word of 8 bytes, one per
/// slot: empty (1000_0000), deleted (1111_1110, a tombstone) or full (0hhh_hhhh, where h is H2, the low 7
/// bits of the hash). A lookup compares H2 against a whole group at once and only then compares keys. A
/// table is a power-of-two array of groups probed quadratically from group H1 &amp; mask (H1 = hash &gt;&gt; 7);
/// a group with an empty slot ends every probe sequence, which is why deleting from a full group must
/// leave a tombstone. A table holds up to 7/8 of its slots (one group: all but one), counted down in
/// growthLeft, which tombstones also consume. A map that has only ever held 8 entries is one group with
/// no table (small mode, no tombstones). Beyond that the map is a directory of 2^globalDepth table
/// pointers indexed by the top globalDepth bits of the hash; a table with localDepth ℓ occupies
/// 2^(globalDepth−ℓ) consecutive slots. Inserting a new key into a table with no growth left rehashes it,
/// at once, inside that insert: a table below maxTableCapacity is replaced by one of twice the capacity
/// (grow); a table at the limit is replaced by two (split) on the next hash bit from the top, doubling
/// the directory first if the table's depth equals the global depth. There is no incremental evacuation:
/// each insert finishes the rehash it starts, and the old table is left intact with index −1 (stale).
/// Iteration walks the directory from a random offset and each table from a random slot offset; it keeps
/// walking the table it started on even after that table went stale, and then looks every key up again
/// in the live map (deleted keys are skipped, values are current), rescales its directory position when
/// the directory has doubled, and skips as many directory slots as its (possibly stale) table covered.
/// The writing flag, toggled with plain XOR by writers, is Go's best-effort detector of misuse.
///
/// Modelled faithfully: the control bytes and H1/H2, the probe sequence, putSlotSmall, growToSmall,
/// growToTable, table.PutSlot with the first-tombstone rule and growthLeft, uncheckedPutSlot, delete
/// (empty versus tombstone), Clear with clearSeq, rehash/grow/split, replaceTable and installTableSplit
/// with directory doubling, NewMap's sizing from the hint, Iter.Init/Next with nextDirIdx and the live
/// re-lookup (grownKeyElem), the fatal checks and their messages, and the elem store after mapassign
/// returns (outside the flagged window).
///
/// Simplified: keys carry their hash (no hasher seed: with explicit hashes the seed is irrelevant, so
/// re-seeding on clear or when used drops to 0 is omitted); keys are reflexive (no NaN keys, so the
/// iterator's unchanged-clearSeq fallback for keys that cannot be looked up is absent); Go's dirPtr,
/// which points at the small group or at the directory, is two cells here, one per meaning;
/// globalShift is computed from globalDepth; Iter.Next walks slot by slot (Go's fast path) rather than
/// jumping through matchFull bitsets (its slow path), which produces the same entries in the same order.
/// The iterator's random entryOffset and dirOffset are data choices over the bits that matter
/// (entryOffset below maxTableCapacity, or below 8 for a small map; dirOffset below the directory length
/// at Init: later doublings shift it left, so higher bits are never read). Every field, control byte,
/// key and elem is a cell accessed with plain order; each operation is an atomic block except for its
/// scheduling points: the operation boundary, each iterator step, the elem store after mapassign, and,
/// in misuse mode (<see cref="SwissMapConfig.FlagSchedulingPoints"/>), every access of `writing` at a
/// check site.
///
/// Ghost state (published as events, never read back): see SwissStructureCheck (SW-1..SW-9 and CM-1,
/// through the shared LiveKeysMonitor) and IterationMonitor (CM-11, SW-10).
/// </summary>
public sealed partial class SwissMap : GoMapModel
{

    // Map
    readonly Cell<int> used;
    readonly Cell<Group?> small;                        // dirPtr while dirLen == 0
    readonly Cell<Directory?> directory;               // dirPtr once the map has tables
    readonly Cell<int> dirLen;
    readonly Cell<int> globalDepth;
    readonly Cell<byte> writing;
    readonly Cell<int> clearSeq;

    // Only for naming cells in traces.
    int tablesAllocated;
    int directoriesAllocated;
    int smallGroupsAllocated;

    SwissMap(Runtime rt, string name, SwissMapConfig config) : base(rt, name, deleteCall: "delete", clearCall: "clear")
    {
        Config = config;
        used = rt.NewCell(name + ".used", 0);
        small = rt.NewCell<Group?>(name + ".small", null);
        directory = rt.NewCell<Directory?>(name + ".dir", null);
        dirLen = rt.NewCell(name + ".dirLen", 0);
        globalDepth = rt.NewCell(name + ".globalDepth", 0);
        writing = rt.NewCell<byte>(name + ".writing", 0);
        clearSeq = rt.NewCell(name + ".clearSeq", 0);
        // Only a replay records and draws state; registering costs two delegates per execution otherwise.
        if (rt.IsRecording) rt.AddStateView(name, DescribeState, DrawState);
    }

    public SwissMapConfig Config { get; }
    internal Runtime Runtime => rt;

    /// <summary>
    /// NewMap: a hint of at most 8 makes no storage (the first insert allocates the small group); a larger
    /// one sizes tables for hint·8/7 slots, split over as many tables of at most maxTableCapacity as
    /// needed, rounded up to a power of two.
    /// </summary>
    public static SwissMap Make(Runtime rt, string name, SwissMapConfig config, int hint = 0)
    {
        var map = new SwissMap(rt, name, config);
        if (hint <= Group.Slots) return map;
        int targetCapacity = hint * Group.Slots / 7;
        int dirSize = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)((targetCapacity + config.MaxTableCapacity - 1) / config.MaxTableCapacity));
        int depth = System.Numerics.BitOperations.Log2((uint)dirSize);
        var dir = map.NewDirectory(dirSize);
        for (int i = 0; i < dirSize; i++) dir[i].Set(map.NewTable(targetCapacity / dirSize, i, depth), Plain);
        map.globalDepth.Set(depth, Plain);
        map.directory.Set(dir, Plain);
        map.dirLen.Set(dirSize, Plain);
        return map;
    }

    /// <summary>len(m): a plain read of used.</summary>
    public override int Len() => used.Get(Plain);

    internal void AddUsed(int delta) => used.Set(used.Get(Plain) + delta, Plain);

    /// <summary>The hasher: may panic, which is why writers toggle `writing` only after it.</summary>
    static ulong Hash(GoKey? key) => GoKey.HashOf(key);

    internal Table NewTable(int capacity, int index, int localDepth) =>
        new(rt, $"{Name}.t{tablesAllocated++}", capacity, index, localDepth);

    Directory NewDirectory(int length) => new(rt, $"{Name}.dir{directoriesAllocated++}", length);

    Group NewSmallGroup() => new(rt, $"{Name}.small{smallGroupsAllocated++}");

    // ---- `writing` at the check sites: their own scheduling points in misuse mode ----

    private protected override bool FlagSchedulingPoints => Config.FlagSchedulingPoints;

    CheckSiteLoad LoadWriting() => LoadAtCheckSite(writing);

    /// <summary>m.writing ^= 1: a plain read-modify-write, so two writers can cancel each other's toggles.</summary>
    ValueTask ToggleWriting() => ToggleAtCheckSite(writing, 1);

    /// <summary>
    /// Liveness (attached by Monitored): a rehash, once started, completes inside the insert that started
    /// it. Hot from rehash to the installed table(s); due when the write's exit check runs.
    /// </summary>
    internal LivenessMonitor? RehashProgress { get; set; }

    /// <summary>The exit check of a write: the flag must still be set; then toggle it back.</summary>
    ValueTask FinishWriting()
    {
        RehashProgress?.Due("when the write that started the rehash finishes");
        if (FlagSchedulingPoints) return FinishWritingScheduled();
        // Both accesses happen inside this step: no state machine (every write ends here).
        ExitCheck(writing.Get(Plain));
        return ToggleWriting();
    }

    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask FinishWritingScheduled()
    {
        ExitCheck(await LoadWriting());
        await ToggleWriting();
    }

    void ExitCheck(byte current)
    {
        if (current == 0) rt.Fatal("concurrent map writes");
    }

    // ---- ghost access for monitors and the state view: Peek only, never recorded ----

    internal int GhostUsed => used.Peek();
    internal byte GhostWriting => writing.Peek();
    internal Group? GhostSmall => small.Peek();
    internal int GhostDirLen => dirLen.Peek();
    internal int GhostGlobalDepth => globalDepth.Peek();
    internal Directory? GhostDirectory => directory.Peek();
}
