using System.Collections.Concurrent;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// What the hmap cells of a classic map are called in traces ("m.count", "m.flags", ...), and its
/// grow-progress monitor. The same in every execution, so each set is made once per process per map name
/// instead of eight strings per map per execution (as <see cref="BucketNames"/> does for buckets).
/// </summary>
internal sealed class HeaderNames
{
    // Looked up, never enumerated.
    static readonly ConcurrentDictionary<string, HeaderNames> byMap = new(StringComparer.Ordinal);

    HeaderNames(string map)
    {
        Count = map + ".count";
        Flags = map + ".flags";
        B = map + ".B";
        Noverflow = map + ".noverflow";
        Buckets = map + ".buckets";
        OldBuckets = map + ".oldbuckets";
        Nevacuate = map + ".nevacuate";
        GrowProgress = map + " grow progress";
    }

    public string Count { get; }
    public string Flags { get; }
    public string B { get; }
    public string Noverflow { get; }
    public string Buckets { get; }
    public string OldBuckets { get; }
    public string Nevacuate { get; }
    public string GrowProgress { get; }

    public static HeaderNames Of(string map) => byMap.GetOrAdd(map, static name => new HeaderNames(name));
}
