using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Maps.SwissMap.SequentialScenarios;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// The iteration witnesses of map-algorithms.md §3.10, each run on the correct model (it must pass) and on
/// the seeded mutation it exposes (selected by the scenario argument; the program is not copied).
/// </summary>
public static class IterationScenarios
{
    /// <summary>
    /// W-1: make(map, 10) is one table of 16 slots with growthLeft 14; fill it, start ranging, and in the
    /// body insert n (no growth left: the table is rehashed and goes stale), delete d and update c, two
    /// keys the range has not reached. The range keeps walking the stale table.
    /// </summary>
    [Scenario("swissmap/range-across-grow/faithful", Argument = "faithful", Memory = "sc",
        Description = "a range over a full table whose body inserts (the table grows to 32 slots and goes stale), deletes d and updates c")]
    [Scenario("swissmap/range-across-grow/reduced", Argument = "reduced", Memory = "sc",
        Description = "the same with maxTableCapacity 16: the insert splits the table instead")]
    [Scenario("swissmap/bug/w1-iterator-skips-relookup/faithful", Argument = "faithful:W1IteratorSkipsRelookup", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "W-1: Next produces a stale table's slots as they are; the range yields deleted d or stale c (CM-11c/d)")]
    [Scenario("swissmap/bug/w1-iterator-skips-relookup/reduced", Argument = "reduced:W1IteratorSkipsRelookup", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "W-1 with maxTableCapacity 16 (the table splits)")]
    public static async Task RangeAcrossGrow(Runtime rt, string argument)
    {
        var m = SwissMap.Make(rt, "m", SwissMapConfig.Parse(argument), hint: 10).Monitored();
        var keys = Enumerable.Range(1, 14).Select(i => GoKeys.Mixed($"x{i}")).ToArray();
        foreach (var key in keys) await m.Assign(key, 10);
        await GoMapPrograms.RangeChangingOnce(m, async first =>
        {
            await m.Assign(GoKeys.Mixed("n"), 1);
            await m.Delete(Other(keys, first, 0));
            await m.Assign(Other(keys, first, 1), 4242);
        });
        foreach (var key in keys) await m.Lookup(key);
    }

    /// <summary>
    /// W-2 (maxTableCapacity 16): one table at globalDepth 0 with 14 keys, 7 per top hash bit; the range
    /// produces one key, then inserting n splits the table into L and R and doubles the directory. The
    /// range finishes the stale table through live lookups and must then skip both halves.
    /// </summary>
    [Scenario("swissmap/range-across-split/reduced", Argument = "reduced", Memory = "sc",
        Description = "a range over one table whose body splits it (the directory doubles to [L, R]); the stale table covers both halves")]
    [Scenario("swissmap/bug/w2-skip-by-installed-depth/reduced", Argument = "reduced:W2SkipByInstalledDepth", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "W-2: nextDirIdx skips by the depth of the table now installed (L) instead of the stale one; R's keys come twice (CM-11a)")]
    public static async Task RangeAcrossSplit(Runtime rt, string argument)
    {
        var m = SwissMap.Make(rt, "m", SwissMapConfig.Parse(argument), hint: 10).Monitored();
        var keys = Enumerable.Range(0, 14).Select(i => SwissKeys.With($"y{i}", topBits: 1, top: (ulong)(i % 2))).ToArray();
        foreach (var key in keys) await m.Assign(key, 20);
        await GoMapPrograms.RangeChangingOnce(m, async _ => await m.Assign(SwissKeys.With("n", topBits: 1, top: 1), 2));
        foreach (var key in keys) await m.Lookup(key);
    }

    /// <summary>
    /// W-4 (maxTableCapacity 16): make(map, 20) is a directory [A, B] of two tables at localDepth 1, four
    /// keys each. When the range reaches the second table it visits, the body fills the first one until it
    /// splits: its depth equals globalDepth, so the directory doubles under the iterator. Afterwards the
    /// other table splits within the doubled directory.
    /// </summary>
    [Scenario("swissmap/range-across-directory-doubling/reduced", Argument = "reduced", Memory = "sc",
        Description = "a range over [A, B]; in the second table the body splits the first, doubling the directory to 4 slots")]
    [Scenario("swissmap/bug/w4-directory-growth-not-rescaled/reduced", Argument = "reduced:W4DirectoryGrowthNotRescaled", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "W-4: Next does not rescale dirIdx and dirOffset after the doubling; the second table is walked again (CM-11a)")]
    public static async Task RangeAcrossDirectoryDoubling(Runtime rt, string argument)
    {
        var m = SwissMap.Make(rt, "m", SwissMapConfig.Parse(argument), hint: 20).Monitored();
        var keys = Enumerable.Range(0, 8).Select(i => SwissKeys.With($"z{i}", topBits: 1, top: (ulong)(i % 2))).ToArray();
        foreach (var key in keys) await m.Assign(key, 30);
        ulong? firstTable = null;
        bool split = false;
        for (var it = await m.Range(); it.Key is not null; await it.Next())
        {
            ulong table = it.Key.Hash >> 63;
            firstTable ??= table;
            if (table == firstTable || split) continue;
            split = true;
            // 4 keys + 11 more exceed the first table's 14: the 11th insert splits it.
            for (int i = 0; i < 11; i++) await m.Assign(SwissKeys.With($"f{i}", topBits: 2, top: firstTable.Value << 1 | (i % 2 == 0 ? 0UL : 1UL)), 3);
        }
        // The other table splits too, now inside the doubled directory: no second doubling.
        for (int i = 0; i < 11; i++) await m.Assign(SwissKeys.With($"g{i}", topBits: 2, top: (1 - firstTable!.Value) << 1 | (i % 2 == 0 ? 0UL : 1UL)), 4);
        foreach (var key in keys) await m.Lookup(key);
    }
}
