using System.Threading;

namespace ModelCheck.Engine;

/// <summary>
/// Cuts a search tree into units and hands each unit to exactly one explorer. A unit is the subtree
/// at the first point of a path where the product of the option counts so far reaches
/// <see cref="Threshold"/> (or a whole execution that ends above that point): for depth-first search
/// the subtree below one option of that point, for DPOR the subtree of the next scheduling decision
/// (see <see cref="DporStrategy"/>). Units are numbered in depth-first order, the same on every worker
/// and machine, because the tree above them is a function of the scenario. Shard K of N owns the units u
/// with u mod N = K - 1; within a shard, workers take its units in order, first come first served: every
/// worker walks the same units in the same order, so a compare-and-swap on "the last unit taken" gives
/// each unit to exactly one of them.
/// </summary>
public sealed class TreePartition
{
    // Enough units that workers taking them in turn stay busy even when subtrees differ in size.
    const long UnitsPerShard = 256;

    // DPOR's cut does not depend on the shard count: above it the tree is expanded in full, so the
    // executions a reduction runs depend on where the cut lies, and every split must run the same ones.
    const long ReductionWidth = 64;

    readonly Shard shard;
    readonly long? only;
    long lastTaken = -1;
    long stopAfter = long.MaxValue;

    TreePartition(Shard shard, long threshold, long? only)
    {
        this.shard = shard;
        this.only = only;
        Threshold = threshold;
    }

    /// <summary>The units of a depth-first search, 256 per shard.</summary>
    public static TreePartition ForSearch(Shard shard) => new(shard, UnitsPerShard * shard.Count, null);

    /// <summary>The units of DPOR: one cut for every shard count and number of workers.</summary>
    public static TreePartition ForReduction(Shard shard) => new(shard, ReductionWidth, null);

    public long Threshold { get; }

    /// <summary>True when the caller is to explore <paramref name="unit"/>; false when it belongs to another shard or worker.</summary>
    public bool Claim(long unit)
    {
        if (only is { } single) return unit == single;
        if (unit % shard.Count != shard.Index - 1 || unit > Volatile.Read(ref stopAfter)) return false;
        long local = unit / shard.Count;
        return Interlocked.CompareExchange(ref lastTaken, local, local - 1) == local - 1;
    }

    /// <summary>No unit after <paramref name="unit"/> is needed any more (a bug was found in it).</summary>
    public void StopAfter(long unit)
    {
        long seen = Volatile.Read(ref stopAfter);
        while (unit < seen)
        {
            long was = Interlocked.CompareExchange(ref stopAfter, unit, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    public long StoppedAfter => Volatile.Read(ref stopAfter);

    /// <summary>A partition of the same units that claims <paramref name="unit"/> alone: to explore it again.</summary>
    public TreePartition Only(long unit) => new(shard, Threshold, unit);
}
