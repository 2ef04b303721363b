using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// One goroutine using the Swiss map the legal ways: a small map ranged over while its body turns it into
/// a table, inserts across grows (faithful) or splits and directory doublings (reduced), lookups,
/// deletes that leave tombstones, ranges whose bodies write, and clear (the classic map's program,
/// GoMapPrograms.Workout, after the small-map phase). Every monitor is on. The only choices are the
/// iteration offsets, and exhaustive search covers them all.
/// </summary>
public static class SequentialScenarios
{
    // One goroutine, so nothing interleaves and preemption bounds do not apply: the only choices are the
    // iteration offsets of its ranges, 8 for the small map's, then an entry offset in [0, maxTableCapacity)
    // and a directory offset in [0, directory length) for each range over tables. Each range multiplies the
    // space, since what a range whose body writes leaves behind depends on its order. Reduced runs the whole
    // program: 8 x (16 x 2) x (16 x 4) = 16,384 executions. Faithful's entry offsets range over 1024, so its
    // three ranges would be 8 x 1024 x 1024 = 8.4 million executions: it leaves out the workout's range with
    // no writes (the last range, after which clear forgets the map), keeping the small map's range and the
    // range whose body writes, 8 x 1024 = 8,192 executions. The range it leaves out reads a grown table
    // with tombstones, as the reduced program's last range and swissmap/tombstone/faithful's range do.
    [Scenario("swissmap/sequential/faithful", Argument = "faithful", Memory = "sc",
        Description = "one goroutine: small map to table, then the classic map's workout (GoMapPrograms.Workout, without its range that has no writes) over 60 keys across three grows (16 to 128 slots) (maxTableCapacity 1024)")]
    [Scenario("swissmap/sequential/reduced", Argument = "reduced", Memory = "sc",
        Description = "the same program, with the workout's range that has no writes, over 40 keys and maxTableCapacity 16: splits and directory doublings instead of grows")]
    public static async Task Sequential(Runtime rt, string argument)
    {
        var config = SwissMapConfig.Parse(argument);
        int n = config.MaxTableCapacity == 1024 ? 60 : 40;
        var keys = Enumerable.Range(0, n).Select(i => GoKeys.Mixed($"k{i}")).ToArray();
        var m = SwissMap.Make(rt, "m", config).Monitored();

        for (int i = 0; i < 6; i++) await m.Assign(keys[i], 100 + i);
        // Ranging over the small map while the body grows it into a table: the iterator keeps its group
        // and looks each key up in the table.
        await GoMapPrograms.RangeChangingOnce(m, async first =>
        {
            for (int i = 6; i < 12; i++) await m.Assign(keys[i], 100 + i);
            await m.Delete(Other(keys, first, 0));
            await m.Assign(Other(keys, first, 1), 555);
        });
        await GoMapPrograms.Workout(m, keys, from: 12, rangeWithoutWrites: config.MaxTableCapacity != 1024);
    }

    /// <summary>The <paramref name="nth"/> key of <paramref name="keys"/> other than <paramref name="produced"/>: one the range has not reached yet.</summary>
    internal static GoKey Other(IReadOnlyList<GoKey> keys, GoKey produced, int nth) => keys.Where(k => !k.Equals(produced)).ElementAt(nth);
}
