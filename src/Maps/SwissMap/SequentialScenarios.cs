using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// One goroutine using the Swiss map the legal ways: a small map ranged over while its body turns it into
/// a table, inserts across grows (faithful) or splits and directory doublings (reduced), lookups,
/// deletes that leave tombstones, ranges whose bodies write, and clear. Every monitor is on. The only
/// choices are the iteration offsets.
/// </summary>
public static class SequentialScenarios
{
    [Scenario("swissmap/sequential/faithful", Argument = "faithful", Memory = "sc",
        Description = "one goroutine: small map to table, 60 keys across three grows (16 to 128 slots), lookups, deletes, ranges that write, clear (maxTableCapacity 1024)")]
    [Scenario("swissmap/sequential/reduced", Argument = "reduced", Memory = "sc",
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
        await RangeChangingOnce(m, async first =>
        {
            for (int i = 6; i < 12; i++) await m.Assign(keys[i], 100 + i);
            await m.Delete(Other(keys, first, 0));
            await m.Assign(Other(keys, first, 1), 555);
        });
        for (int i = 12; i < n / 2; i++)
        {
            await m.Assign(keys[i], 100 + i);
            if (i % 3 == 2) await m.Lookup(keys[i / 2]);
            if (i % 5 == 4) await m.Delete(keys[i - 2]);
        }
        // A range whose body deletes what it sees every other time, updates a key and inserts new keys,
        // which may rehash the table being iterated.
        int seen = 0, next = n / 2;
        for (var it = await m.Range(); it.Key is not null; await it.Next())
        {
            if (seen % 2 == 1) await m.Delete(it.Key);
            if (seen == 1) await m.Assign(keys[1], 777);
            if (seen < 6 && next < n) await m.Assign(keys[next], 100 + next++);
            seen++;
        }
        for (; next < n; next++) await m.Assign(keys[next], 100 + next);
        foreach (var key in keys) await m.Lookup(key);
        for (var it = await m.Range(); it.Key is not null; await it.Next()) { }
        await m.Clear();
        await m.Assign(keys[0], 1);
        await m.Lookup(keys[0]);
        await m.Lookup(keys[1]);
        for (var it = await m.Range(); it.Key is not null; await it.Next()) { }
    }

    /// <summary>Ranges over the whole map, running <paramref name="body"/> (which changes the map) after the first key only, as a range body in Go may.</summary>
    internal static async Task RangeChangingOnce(SwissMap m, Func<GoKey, Task> body)
    {
        bool first = true;
        for (var it = await m.Range(); it.Key is not null; await it.Next())
        {
            if (!first) continue;
            first = false;
            await body(it.Key);
        }
    }

    /// <summary>The <paramref name="nth"/> key of <paramref name="keys"/> other than <paramref name="produced"/>: one the range has not reached yet.</summary>
    internal static GoKey Other(IReadOnlyList<GoKey> keys, GoKey produced, int nth) => keys.Where(k => !k.Equals(produced)).ElementAt(nth);
}
