using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// Issue 4, scenario 1: one goroutine, the legal way to change a map while ranging over it. Inserts
/// that cross several grows, lookups, deletes, updates, ranges whose bodies write, and clear; every
/// monitor is on. The only choices are the iteration starts, so with the reduced configuration DFS
/// covers them all.
/// </summary>
public static class SequentialScenarios
{
    [Scenario("gomap/sequential/faithful", Argument = "faithful",
        Description = "one goroutine: 40 inserts across three grows (B 0 to 3), lookups, deletes, ranges that write, clear (bucketCnt 8)")]
    [Scenario("gomap/sequential/reduced", Argument = "reduced",
        Description = "the same program with bucketCnt 2 (12 keys, three grows); DFS covers every iteration start")]
    public static async Task Sequential(Runtime rt, string argument)
    {
        var config = ScenarioConfig.Parse(argument);
        int n = config.BucketCnt == 8 ? 40 : 12;
        var keys = Enumerable.Range(0, n).Select(i => GoKeys.Mixed($"k{i}")).ToArray();
        var m = ClassicMap.Make(rt, "m", config).Monitored();

        await GoMapPrograms.Workout(m, keys, from: 0);
    }

    /// <summary>
    /// A same-size grow over four old buckets, caught halfway. With B = 1 (same-size-grow above) the
    /// triggering write evacuates both old buckets at once, so nothing ever sees a same-size grow in
    /// progress. Here B = 2: each bucket gets an overflow chain (bucketCnt + 1 keys, then all but the
    /// chained one deleted), which makes noverflow = 4 = 2^B with few live keys; inserting z (bucket 0)
    /// starts a same-size grow whose growWork evacuates old buckets 0 and 1 and leaves 2 and 3. Lookups
    /// then read the unevacuated old buckets 2 and 3, a range started before the grow walks the replaced
    /// array, a range started during it reads old buckets 2 and 3 (no filter: same size), and a write to
    /// bucket 2 completes the grow between their steps.
    /// </summary>
    [Scenario("gomap/same-size-grow-wide/faithful", Argument = "faithful",
        Description = "a same-size grow of 4 old buckets: lookups and two ranges while old buckets 2 and 3 are unevacuated, then a write completes it (bucketCnt 8)")]
    [Scenario("gomap/same-size-grow-wide/reduced", Argument = "reduced", Description = "the same with bucketCnt 2")]
    public static async Task SameSizeGrowWide(Runtime rt, string argument)
    {
        var config = ScenarioConfig.Parse(argument);
        int chain = config.BucketCnt + 1;
        var m = ClassicMap.Make(rt, "m", config, hint: config.BucketCnt == 8 ? 20 : 5).Monitored();
        var kept = new List<GoKey>();
        for (int bucket = 0; bucket < 4; bucket++)
        {
            var keys = Enumerable.Range(0, chain).Select(i => GoKeys.WithLowBits($"b{bucket}.{i}", (ulong)bucket, 2)).ToArray();
            foreach (var key in keys) await m.Assign(key, bucket * 100 + 1);
            foreach (var key in keys[..^1]) await m.Delete(key);
            kept.Add(keys[^1]);
        }
        var before = await m.Range();
        await m.Assign(GoKeys.WithLowBits("z", 0, 2), 7);      // noverflow = 4 = 2^B: a same-size grow starts
        foreach (var key in kept) await m.Lookup(key);
        var during = await m.Range();
        await before.Next();
        await during.Next();
        await m.Assign(kept[2], 777);                           // evacuates old buckets 2 and 3: the grow completes
        for (; before.Key is not null; await before.Next()) await m.Lookup(before.Key);
        for (; during.Key is not null; await during.Next()) await m.Lookup(during.Key);
    }

    [Scenario("gomap/same-size-grow/faithful", Argument = "faithful",
        Description = "overflow chains build up while count stays low, so a write starts a same-size grow; a range crosses it (bucketCnt 8)")]
    [Scenario("gomap/same-size-grow/reduced", Argument = "reduced",
        Description = "the same with bucketCnt 2")]
    public static async Task SameSizeGrow(Runtime rt, string argument)
    {
        var config = ScenarioConfig.Parse(argument);
        int chain = config.BucketCnt + 1;   // one more than a bucket holds: one overflow bucket per chain
        // make(hint = bucketCnt+1) gives B = 1 in both configurations.
        var m = ClassicMap.Make(rt, "m", config, hint: chain).Monitored();
        var zeros = Enumerable.Range(0, chain).Select(i => GoKeys.WithLowBits($"x{i}", 0, 1)).ToArray();
        var ones = Enumerable.Range(0, chain).Select(i => GoKeys.WithLowBits($"y{i}", 1, 1)).ToArray();
        foreach (var key in zeros) await m.Assign(key, 1);
        foreach (var key in zeros) await m.Delete(key);
        foreach (var key in ones) await m.Assign(key, 2);     // noverflow = 2 = 2^B: too many overflow buckets
        await m.Delete(ones[0]);
        var it = await m.Range();
        await m.Assign(GoKeys.WithLowBits("z", 0, 1), 3);    // starts the same-size grow
        for (; it.Key is not null; await it.Next()) await m.Lookup(it.Key);
        foreach (var key in zeros.Concat(ones)) await m.Lookup(key);
        await m.Assign(GoKeys.WithLowBits("w", 1, 1), 4);    // finishes the grow
        for (it = await m.Range(); it.Key is not null; await it.Next()) { }
    }
}
