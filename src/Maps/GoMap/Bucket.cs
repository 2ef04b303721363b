using System.Collections.Concurrent;
using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// One bmap: bucketCnt tophash bytes, keys, elems and the overflow pointer, every one a controlled cell
/// so that unsynchronised accesses are visible to the race detector. A null key is Go's zero key.
/// </summary>
internal sealed class Bucket
{
    public Bucket(Runtime rt, BucketNames names, int bucketCnt)
    {
        Name = names.Bucket;
        TopHash = rt.NewCellArray<byte>(names.TopHash, bucketCnt, TopHashes.EmptyRest);
        Keys = rt.NewCellArray<GoKey?>(names.Keys, bucketCnt, null);
        Elems = rt.NewCellArray(names.Elems, bucketCnt, 0);
        Overflow = rt.NewCell<Bucket?>(names.Overflow, null);
    }

    public string Name { get; }
    public CellArray<byte> TopHash { get; }
    public CellArray<GoKey?> Keys { get; }
    public CellArray<int> Elems { get; }
    public Cell<Bucket?> Overflow { get; }

    public override string ToString() => Name;
}

/// <summary>
/// What a bucket and its cells are called in traces: "m.a1[3]" (array 1 of map m, bucket 3) or "m.ovf0"
/// (its first overflow bucket), then ".tophash" and so on. The same in every execution, so each set is
/// made once per process instead of five strings per bucket per execution.
/// </summary>
internal sealed class BucketNames
{
    // Keyed by map name, array number and length (one number may name arrays of different lengths in different
    // executions); overflow buckets by map name and number. Looked up, never enumerated.
    static readonly ConcurrentDictionary<(string Map, int Array, int Length), ArrayNames> arrays = new();
    static readonly ConcurrentDictionary<(string Map, int Number), BucketNames> overflows = new();

    BucketNames(string bucket) => (Bucket, TopHash, Keys, Elems, Overflow) =
        (bucket, bucket + ".tophash", bucket + ".keys", bucket + ".elems", bucket + ".overflow");

    public string Bucket { get; }
    public string TopHash { get; }
    public string Keys { get; }
    public string Elems { get; }
    public string Overflow { get; }

    /// <summary>Bucket array <paramref name="array"/> of <paramref name="map"/>, of <paramref name="length"/> buckets: its name and its buckets' names, looked up once per array.</summary>
    public static ArrayNames OfArray(string map, int array, int length) =>
        arrays.GetOrAdd((map, array, length), static at =>
        {
            string name = $"{at.Map}.a{at.Array}";
            var buckets = new BucketNames[at.Length];
            for (int i = 0; i < buckets.Length; i++) buckets[i] = new BucketNames($"{name}[{i}]");
            return new ArrayNames(name, buckets);
        });

    public static BucketNames OfOverflow(string map, int number) =>
        overflows.GetOrAdd((map, number), static at => new BucketNames($"{at.Map}.ovf{at.Number}"));
}

/// <summary>The names of one bucket array and of its buckets (<see cref="BucketNames.OfArray"/>).</summary>
internal sealed record ArrayNames(string Name, BucketNames[] Buckets);

/// <summary>An array of 2^B buckets, named so that traces show which array a pointer refers to.</summary>
internal sealed class BucketArray(string name, Bucket[] buckets)
{
    public int Length => buckets.Length;
    /// <summary>Go indexes bucket arrays by pointer arithmetic; the model makes a stray index an out-of-range failure (G-1b).</summary>
    public Bucket this[int index] => (uint)index < (uint)buckets.Length ? buckets[index]
        : throw new IndexOutOfRangeException($"bucket index out of range [{index}] with length {buckets.Length} ({name})");
    public IEnumerable<Bucket> All => buckets;
    public override string ToString() => $"{name} ({buckets.Length} buckets)";
}

/// <summary>The special tophash values and the hmap flag bits of runtime/map.go.</summary>
internal static class TopHashes
{
    public const byte EmptyRest = 0;
    public const byte EmptyOne = 1;
    public const byte EvacuatedX = 2;
    public const byte EvacuatedY = 3;
    public const byte EvacuatedEmpty = 4;
    public const byte MinTopHash = 5;

    public const byte Iterator = 1;
    public const byte OldIterator = 2;
    public const byte HashWriting = 4;
    public const byte SameSizeGrow = 8;

    public static byte Of(ulong hash)
    {
        byte top = (byte)(hash >> 56);
        return top < MinTopHash ? (byte)(top + MinTopHash) : top;
    }

    public static bool IsEmpty(byte x) => x <= EmptyOne;

    public static bool IsEvacuatedMark(byte x) => x is > EmptyOne and < MinTopHash;
}
