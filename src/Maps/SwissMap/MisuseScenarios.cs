using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// §3.10's detection tests: goroutines using one Swiss map without a lock. In misuse mode every access of
/// `writing` at a check site is a scheduling point, so the checker explores how the plain XOR toggles
/// interleave. Detection is best-effort (#31516): some schedules end in a fatal error, others lose a
/// write without any check firing (shown apart, by two-writers-lost-write, so that each scenario has one
/// verdict whatever the seed). The structural monitors are off (their invariants hold only at
/// boundaries no other goroutine is inside); the lost-write scenario checks the final contents instead.
/// </summary>
public static class MisuseScenarios
{
    static readonly SwissMapConfig Config = SwissMapConfig.Reduced with { FlagSchedulingPoints = true };

    /// <summary>
    /// make(map, 10) with 13 keys leaves growthLeft 1: writer 1's new key takes the last slot, writer 2's
    /// rehashes the table. In misuse mode the two writers' toggles of `writing` interleave, and in some
    /// schedules an exit check finds the flag cleared by the other writer: "concurrent map writes".
    /// </summary>
    [Scenario("swissmap/misuse/two-writers", Expect = BugKind.Fatal, Memory = "sc", RaceDetection = false,
        Description = "two goroutines insert without a lock: 'concurrent map writes' when their flagged windows overlap")]
    [Scenario("swissmap/misuse/two-writers-races", Expect = BugKind.DataRace, Memory = "sc",
        Description = "the same with the race detector on: the unsynchronised accesses are reported whether or not Go's check fires")]
    public static async Task TwoWriters(Runtime rt) => await InsertConcurrently(rt, SwissMap.Make(rt, "m", Config, hint: 10));

    /// <summary>
    /// The same two writers where Go's check cannot fire: each mapassign runs as one step (the flagged
    /// windows never overlap), but the elem store after it returns is a step of its own. If writer 1's
    /// mapassign has returned when writer 2's rehashes the table, the rehash copies the still-zero elem and
    /// writer 1 then stores into the stale table: the write is lost without any fatal error (#31516).
    /// </summary>
    [Scenario("swissmap/misuse/two-writers-lost-write", Expect = BugKind.AssertionFailure, Memory = "sc", RaceDetection = false,
        Description = "the same two writers with atomic flagged windows: no check fires, and a write stored into the table the other writer's rehash replaced is lost")]
    public static async Task TwoWritersLostWrite(Runtime rt)
    {
        var m = SwissMap.Make(rt, "m", SwissMapConfig.Reduced, hint: 10);
        var keys = await InsertConcurrently(rt, m);
        for (int i = 0; i < keys.Length; i++)
        {
            var (found, value) = await m.Lookup(keys[i]);
            rt.Assert(found && value == 10 + i, $"write lost without a fatal error: m[{keys[i]}] is {(found ? value.ToString() : "absent")}, expected {10 + i}");
        }
    }

    /// <summary>13 keys, then two goroutines insert one key each; returns the 15 keys (m[k_i] = 10 + i).</summary>
    static async Task<GoKey[]> InsertConcurrently(Runtime rt, SwissMap m)
    {
        var keys = Enumerable.Range(0, 15).Select(i => GoKeys.Mixed($"k{i}")).ToArray();
        for (int i = 0; i < 13; i++) await m.Assign(keys[i], 10 + i);
        var writers = new[]
        {
            rt.Spawn(() => m.Assign(keys[13], 23).AsTask(), "writer1"),
            rt.Spawn(() => m.Assign(keys[14], 24).AsTask(), "writer2"),
        };
        foreach (var writer in writers) await writer.Join();
        return keys;
    }

    /// <summary>A goroutine looks keys up while another inserts and deletes: §3.10's second detection test.</summary>
    [Scenario("swissmap/misuse/reader-and-writer", Expect = BugKind.Fatal, Memory = "sc", RaceDetection = false,
        Description = "a lookup whose flag check falls between a writer's two toggles: 'concurrent map read and map write'")]
    public static async Task ReaderAndWriter(Runtime rt)
    {
        var m = SwissMap.Make(rt, "m", Config);
        var keys = Enumerable.Range(0, 4).Select(i => GoKeys.Mixed($"k{i}")).ToArray();
        await m.Assign(keys[0], 0);
        var reader = rt.Spawn(async () =>
        {
            foreach (var key in keys) await m.Lookup(key);
        }, "reader");
        var writer = rt.Spawn(async () =>
        {
            for (int i = 1; i < keys.Length; i++) await m.Assign(keys[i], i);
            await m.Delete(keys[0]);
        }, "writer");
        await reader.Join();
        await writer.Join();
    }

    /// <summary>One goroutine ranges over the map while another writes: §3.10's third detection test.</summary>
    [Scenario("swissmap/misuse/writer-and-range", Expect = BugKind.Fatal, Memory = "sc", RaceDetection = false,
        Description = "a goroutine ranges while another writes, without a lock: 'concurrent map iteration and map write'")]
    [Scenario("swissmap/misuse/writer-and-range-races", Expect = BugKind.DataRace, Memory = "sc",
        Description = "the same with the race detector on: a data race")]
    public static Task WriterAndRange(Runtime rt) => GoMapPrograms.RangeWhileAnotherWrites(rt, SwissMap.Make(rt, "m", Config));
}
