using ModelCheck.Engine;

namespace ModelCheck.Cli.Gallery;

/// <summary>A model of the catalogue: the scenario group (the name's first segment), what it is, and its chapter.</summary>
public sealed record GalleryModel(string Group, string Title, string Summary, IReadOnlyList<string> Chapters);

/// <summary>One of the questions people ask about Go maps, the seeded bugs and passing scenarios that answer it, and where to read on.</summary>
public sealed record GalleryTopic(string Slug, string Title, string Summary, IReadOnlyList<string> Patterns, IReadOnlyList<string> Chapters, bool Litmus = false);

/// <summary>
/// What the gallery says around the catalogue: a paragraph per model and per topic, and which scenarios
/// each topic gathers (patterns, as `modelcheck test` takes them). Everything else on its pages comes from
/// the scenario declarations, the committed traces and the litmus catalogue.
/// </summary>
public static class GalleryContent
{
    public static IReadOnlyList<GalleryModel> Models { get; } =
    [
        new("engine", "First examples",
            "The smallest programs the engine checks: a counter whose relaxed increments lose an update, a lock-order deadlock, and an await the scheduler cannot control.",
            ["docs/writing-scenarios.md"]),
        new("memory", "Memory models and data races",
            "Data published through a flag: with a relaxed flag the reader may see the flag and stale data (under ra) and the race detector reports the unordered accesses (under every model); with release and acquire it passes.",
            ["docs/memory-models.md"]),
        new("chm", "Java's ConcurrentHashMap: the cooperative resize",
            "Bins with a CAS into empty bins and a monitor otherwise, resizers that claim strides of the old table, forwarding nodes, and the commit of the new table. The seeded bugs are single edits that break the claim, the forwarding, the publication order or the commit.",
            ["docs/maps/chm.md"]),
        new("gomap", "Go's classic map, and locked and copy-on-write wrappers",
            "runtime/map.go of Go 1.22/1.23: buckets of eight slots with tophash bytes and overflow chains, a grow that evacuates old buckets incrementally, iterators that walk old and new buckets during a grow, and Go's best-effort checks for concurrent misuse. The wrappers show which synchronisation makes the map safe to share.",
            ["docs/maps/gomap.md", "docs/maps/wrappers.md"]),
        new("swissmap", "Go 1.24's built-in map: the Swiss table",
            "Groups of eight slots with a control byte each, quadratic probing, tombstones, tables that rehash at once, and a directory of tables split by extendible hashing; iterators keep walking a table a write has replaced.",
            ["docs/maps/swissmap.md"]),
        new("syncmap", "Go's sync.Map (Go 1.20–1.23)",
            "A read-only map readers use without locking, a dirty map writers update under a mutex, misses that promote dirty to read, and entries that are expunged and revived. Every scenario checks its recorded history for linearizability.",
            ["docs/maps/syncmap.md"]),
        new("hashtriemap", "Go 1.24's sync.Map: HashTrieMap",
            "A concurrent hash-trie: lock-free readers, writers that lock one node and re-validate it, nodes expanded privately and published in one store, and emptied nodes pruned and marked dead.",
            ["docs/maps/hashtriemap.md"]),
    ];

    public static IReadOnlyList<GalleryTopic> Topics { get; } =
    [
        new("unsynchronised-writes", "Why unsynchronised writes crash, and when they do not",
            "Go's map sets a hashWriting flag while it writes and checks it on entry: a second writer, reader or iterator that sees it stops the program with a fatal error. The check is best effort: when the two goroutines' windows do not overlap nothing fires and a write is silently lost, which the race detector still reports. A map published without synchronisation can even trip the check falsely.",
            ["gomap/misuse/*", "swissmap/misuse/*", "gomap/bug/g6-*", "gomap/cow/relaxed-publish*"],
            ["docs/maps/gomap.md", "docs/maps/swissmap.md"]),
        new("buckets-and-probing", "Buckets, tophash and overflow chains",
            "Where a key lives: the classic map indexes a bucket by the hash's low bits and compares tophash bytes along the bucket's overflow chain; the Swiss table probes groups from H1 and matches H2 in the control word, and a delete in a full group must leave a tombstone so that later keys stay reachable.",
            ["gomap/bug/g1b-*", "swissmap/bug/w3-*", "gomap/same-size-grow/*", "swissmap/tombstone/*"],
            ["docs/maps/gomap.md", "docs/maps/swissmap.md"]),
        new("growth-and-evacuation", "Incremental growth and evacuation",
            "A classic map grows by allocating a new array and moving old buckets a few at a time, on later writes; until it finishes, lookups must consult the old buckets and the grow must be seen through. Java's ConcurrentHashMap moves bins cooperatively: resizers claim strides, leave forwarding nodes, and one commits the new table.",
            ["gomap/bug/g1-*", "gomap/bug/g2-*", "gomap/bug/g8-*", "gomap/grow-progress/*", "gomap/mid-grow/*", "chm/J-1a", "chm/J-1b", "chm/J-2", "chm/J-2b", "chm/J-4a", "chm/L-1", "swissmap/compare/*"],
            ["docs/maps/gomap.md", "docs/maps/chm.md", "docs/maps/swissmap.md"]),
        new("iteration-during-growth", "Iteration during growth",
            "A range over a Go map must produce every key present throughout exactly once, no deleted key, and current values, even when its body makes the map grow. The classic iterator filters old buckets and re-looks-up moved keys; the Swiss iterator keeps walking a stale table and looks keys up in the live map.",
            ["gomap/bug/g3-*", "gomap/bug/g4-*", "gomap/bug/g5-*", "gomap/bug/g7-*", "gomap/range-across-grow/*", "swissmap/bug/w1-*", "swissmap/bug/w2-*", "swissmap/bug/w4-*", "swissmap/range-across-*"],
            ["docs/maps/gomap.md", "docs/maps/swissmap.md"]),
        new("sync-map", "sync.Map's read and dirty maps",
            "sync.Map lets readers skip the lock by keeping a read-only map beside a dirty one. Misses promote dirty, deletes expunge entries and stores revive them; each seeded bug drops one step of that protocol and loses a write or a key. Go 1.24 replaced it with a hash-trie whose writers lock one node and re-validate.",
            ["syncmap/S-*", "hashtriemap/H-*", "syncmap/correct/*"],
            ["docs/maps/syncmap.md", "docs/maps/hashtriemap.md"]),
        new("happens-before", "Happens-before and safe publication",
            "A reader that sees a pointer or a flag may still see the data behind it as it was before, unless the write and the read synchronise: a release store read by an acquire load, a lock, a channel. The litmus tests show the rule in four instructions; the scenarios show what breaks in a map when one order is too weak.",
            ["memory/*", "engine/racy-counter", "gomap/cow/*", "chm/J-3", "chm/J-3/ra", "chm/J-4b", "chm/N-3/ra"],
            ["docs/memory-models.md"], Litmus: true),
    ];

    /// <summary>The model a scenario belongs to: its group's entry, or a plain one for a group the gallery has no words for.</summary>
    public static GalleryModel ModelOf(string group) =>
        Models.FirstOrDefault(m => m.Group == group) ?? new GalleryModel(group, group, $"The scenarios named {group}/....", []);

    public static string GroupOf(Scenario scenario) => scenario.Name.Split('/')[0];
}
