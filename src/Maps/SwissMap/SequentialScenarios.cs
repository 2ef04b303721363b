using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// One goroutine using the Swiss map the legal ways: a small map ranged over while its body turns it into
/// a table, inserts across grows (faithful) or splits and directory doublings (reduced), lookups,
/// deletes that leave tombstones, ranges whose bodies write, and clear (the classic map's program,
/// GoMapPrograms.Workout, after the small-map phase). Every monitor is on. The only
/// choices are the iteration offsets.
/// </summary>
public static class SequentialScenarios
{
    // One goroutine, so nothing interleaves: the only choices are the iteration offsets of its ranges, and
    // their product (16 entry offsets times the directory length, for each of several ranges) is out of
    // reach (over 19,000 executions in 200 s without finishing). Both are pinned to random: a sampled pass.
    [Scenario("swissmap/sequential/faithful", Argument = "faithful", Memory = "sc", Strategy = "random",
        Description = "one goroutine: small map to table, then the classic map's workout (GoMapPrograms.Workout) over 60 keys across three grows (16 to 128 slots) (maxTableCapacity 1024)")]
    [Scenario("swissmap/sequential/reduced", Argument = "reduced", Memory = "sc", Strategy = "random",
        Description = "the same program with 40 keys and maxTableCapacity 16: splits and directory doublings instead of grows")]
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
        await GoMapPrograms.Workout(m, keys, from: 12);
    }

    /// <summary>The <paramref name="nth"/> key of <paramref name="keys"/> other than <paramref name="produced"/>: one the range has not reached yet.</summary>
    internal static GoKey Other(IReadOnlyList<GoKey> keys, GoKey produced, int nth) => keys.Where(k => !k.Equals(produced)).ElementAt(nth);
}
