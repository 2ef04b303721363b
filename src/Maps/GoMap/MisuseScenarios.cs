using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// Issue 4, scenarios 2 and 3: goroutines using one map without a lock (§1.12). In misuse mode every
/// flags access of a check site is a scheduling point, so the checker explores how the plain XOR
/// toggles of hashWriting interleave. Go's detection is best-effort: some schedules end in "concurrent
/// map writes", others lose a write without any check firing. The structural monitors are off here
/// (their invariants hold only at boundaries no other goroutine is inside); the final contents are
/// checked instead.
/// </summary>
public static class MisuseScenarios
{
    static readonly GoMapConfig Config = GoMapConfig.Reduced with { FlagSchedulingPoints = true };

    // Made once: keys are immutable and every execution uses the same ones.
    static readonly GoKey[] TwoWriterKeys =
        [.. Enumerable.Range(0, 7).Select(i => GoKeys.WithLowBits($"k{i}", i < 5 ? (ulong)i : 0b000 | (ulong)(i - 5) << 2, 3))];
    static readonly GoKey[] ReaderAndWriterKeys = [.. Enumerable.Range(0, 7).Select(i => GoKeys.WithLowBits($"k{i}", (ulong)i & 3, 2))];

    /// <summary>
    /// Five keys at B = 2, then two writers each insert one key into old bucket 0; the second insert
    /// starts a grow. If writer 1's mapassign has returned but its elem store has not happened yet, the
    /// other writer's growWork evacuates that bucket and the store lands in the abandoned old bucket.
    /// </summary>
    // Go's check is best effort: some schedules lose a write with no fatal error, so both outcomes are accepted.
    [Scenario("gomap/misuse/two-writers", Expect = BugKind.Fatal, Accepts = [BugKind.AssertionFailure], RaceDetection = false,
        Description = "two goroutines insert without a lock: 'concurrent map writes' (fatal) in some schedules, a silently lost write (assertion) in others (run with --all-bugs to count both)")]
    [Scenario("gomap/misuse/two-writers-races", Expect = BugKind.DataRace,
        Description = "the same with the race detector on: the unsynchronised accesses are reported whether or not Go's check fires")]
    public static async Task TwoWriters(Runtime rt)
    {
        var m = ClassicMap.Make(rt, "m", Config, hint: 5);
        var keys = TwoWriterKeys;
        for (int i = 0; i < 5; i++) await m.Assign(keys[i], 10 + i);
        var writers = new[]
        {
            rt.Spawn(() => m.Assign(keys[5], 15).AsTask(), "writer1"),
            rt.Spawn(() => m.Assign(keys[6], 16).AsTask(), "writer2"),
        };
        foreach (var writer in writers) await writer.Join();
        for (int i = 0; i < keys.Length; i++)
        {
            var (found, value) = await m.Lookup(keys[i]);
            rt.Assert(found && value == 10 + i, $"write lost without a fatal error: m[{keys[i]}] is {(found ? value.ToString() : "absent")}, expected {10 + i}");
        }
        rt.Assert(m.Len() == keys.Length, $"len(m) is {m.Len()}, expected {keys.Length}");
    }

    /// <summary>
    /// A reader beside an unlocked writer: the read-side check of mapaccess (no correct scenario reaches
    /// it, since every correct reader holds a lock or runs alone). The reader looks each key up twice
    /// while the writer inserts two keys (the second starts a grow) and deletes one; if a lookup reads
    /// flags while hashWriting is set, Go throws "concurrent map read and map write". With the detector
    /// on, the plain accesses race whether or not the check fires.
    /// </summary>
    [Scenario("gomap/misuse/reader-and-writer", Expect = BugKind.Fatal, RaceDetection = false,
        Description = "a goroutine looks keys up while another writes, without a lock: 'concurrent map read and map write'")]
    [Scenario("gomap/misuse/reader-and-writer-races", Expect = BugKind.DataRace,
        Description = "the same with the race detector on: a data race between the writer and the reader")]
    public static async Task ReaderAndWriter(Runtime rt)
    {
        var m = ClassicMap.Make(rt, "m", Config, hint: 5);
        var keys = ReaderAndWriterKeys;
        for (int i = 0; i < 5; i++) await m.Assign(keys[i], 10 + i);
        var reader = rt.Spawn(async () =>
        {
            for (int round = 0; round < 2; round++)
                for (int i = 0; i < 3; i++) await m.Lookup(keys[i]);
        }, "reader");
        var writer = rt.Spawn(async () =>
        {
            await m.Assign(keys[5], 15);
            await m.Assign(keys[6], 16);
            await m.Delete(keys[4]);
        }, "writer");
        await reader.Join();
        await writer.Join();
    }

    /// <summary>One goroutine ranges over the map while another inserts and deletes.</summary>
    [Scenario("gomap/misuse/writer-and-range", Expect = BugKind.Fatal, RaceDetection = false,
        Description = "a goroutine ranges while another writes, without a lock: 'concurrent map iteration and map write'")]
    [Scenario("gomap/misuse/writer-and-range-races", Expect = BugKind.DataRace,
        Description = "the same with the race detector on: a data race")]
    public static Task WriterAndRange(Runtime rt) => GoMapPrograms.RangeWhileAnotherWrites(rt, ClassicMap.Make(rt, "m", Config));
}
