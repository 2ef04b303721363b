using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>Programs that run the same way on either Go map model (IGoBuiltinMap): the scenarios of both share them.</summary>
public static class GoMapPrograms
{
    /// <summary>Ranges over the whole map, running <paramref name="body"/> (which changes the map) after the first key only, as a range body in Go may.</summary>
    public static async Task RangeChangingOnce(IGoBuiltinMap m, Func<GoKey, Task> body)
    {
        bool first = true;
        for (var it = await m.Range(); it.Key is not null; await it.Next())
        {
            if (!first) continue;
            first = false;
            await body(it.Key);
        }
    }

    /// <summary>
    /// One goroutine using a map the legal ways: inserts of keys[from..n/2) with lookups and deletes along
    /// the way, a range whose body deletes what it sees every other time, updates a key and inserts new
    /// keys (which may start a grow or rehash mid-iteration), the remaining inserts, a lookup of every key,
    /// a range with no writes (unless <paramref name="rangeWithoutWrites"/> is false), clear, and a write
    /// after it. Each range's iteration start is a choice, so the ranges' choices multiply.
    /// </summary>
    public static async Task Workout(IGoBuiltinMap m, IReadOnlyList<GoKey> keys, int from, bool rangeWithoutWrites = true)
    {
        int n = keys.Count;
        for (int i = from; i < n / 2; i++)
        {
            await m.Assign(keys[i], 100 + i);
            if (i % 3 == 2) await m.Lookup(keys[i / 2]);
            if (i % 5 == 4) await m.Delete(keys[i - 2]);
        }
        int seen = 0, next = n / 2;
        for (var it = await m.Range(); it.Key is not null; await it.Next())
        {
            if (seen % 2 == 1) await m.Delete(it.Key);
            if (seen == 1) await m.Assign(keys[1], 777);
            if (seen < 3 && next < n) await m.Assign(keys[next], 100 + next++);
            seen++;
        }
        for (; next < n; next++) await m.Assign(keys[next], 100 + next);
        foreach (var key in keys) await m.Lookup(key);
        if (rangeWithoutWrites)
            for (var it = await m.Range(); it.Key is not null; await it.Next()) { }
        await m.Clear();
        await m.Assign(keys[0], 1);
        await m.Lookup(keys[0]);
        await m.Lookup(keys[1]);
    }

    /// <summary>
    /// Misuse (§1.12, §3.10): three keys, then one goroutine ranges over the map while another inserts
    /// three more and deletes one, without a lock.
    /// </summary>
    public static async Task RangeWhileAnotherWrites(Runtime rt, IGoBuiltinMap m)
    {
        var keys = Enumerable.Range(0, 6).Select(i => GoKeys.Mixed($"k{i}")).ToArray();
        for (int i = 0; i < 3; i++) await m.Assign(keys[i], i);
        var ranger = rt.Spawn(async () =>
        {
            for (var it = await m.Range(); it.Key is not null; await it.Next()) { }
        }, "ranger");
        var writer = rt.Spawn(async () =>
        {
            for (int i = 3; i < keys.Length; i++) await m.Assign(keys[i], i);
            await m.Delete(keys[0]);
        }, "writer");
        await ranger.Join();
        await writer.Join();
    }
}
