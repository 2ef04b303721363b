using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// Teaching comparison (docs/maps/swissmap.md, "Classic map and Swiss map: where growth happens"): the same 60 inserts,
/// then 20 deletes, on the classic map and on the Swiss map (both faithful), with a range started before
/// the inserts that cross a grow. Meters count the entries each write moved to new storage. The classic
/// map spreads each doubling over later writes (growWork evacuates at most two old buckets per write, and
/// deletes help too), so the map stays mid-grow across many operations; the Swiss map rehashes one table
/// at once inside the insert that found no room, so exactly one write pays for each grow and no write
/// ever finds the map mid-grow. Both ranges must still produce every key present throughout exactly once.
/// </summary>
public static class ComparisonScenario
{
    [Scenario("swissmap/compare/growth-work", Memory = "sc",
        Description = "60 inserts and 20 deletes on the classic map and the Swiss map: evacuation spread over later writes against one insert rehashing a whole table")]
    public static async Task GrowthWork(Runtime rt)
    {
        var keys = Enumerable.Range(0, 60).Select(i => GoKeys.Mixed($"k{i}")).ToArray();
        var classic = ClassicMap.Make(rt, "classic", GoMapConfig.Faithful).Monitored();
        var swiss = SwissMap.Make(rt, "swiss", SwissMapConfig.Faithful).Monitored();
        var classicWork = new GrowthWorkMeter(classic);
        var swissWork = new GrowthWorkMeter(swiss);
        rt.AddMonitor(classicWork);
        rt.AddMonitor(swissWork);

        for (int i = 0; i < 20; i++)
        {
            await classic.Assign(keys[i], i);
            await swiss.Assign(keys[i], i);
        }
        // A range over each map, started before the remaining inserts; its body does them.
        var classicRange = await classic.Range();
        var swissRange = await swiss.Range();
        for (int i = 20; i < 60; i++)
        {
            await classic.Assign(keys[i], i);
            await swiss.Assign(keys[i], i);
            if (classicRange.Key is not null) await classicRange.Next();
            if (swissRange.Key is not null) await swissRange.Next();
        }
        for (; classicRange.Key is not null; await classicRange.Next()) { }
        for (; swissRange.Key is not null; await swissRange.Next()) { }
        for (int i = 0; i < 20; i++)
        {
            await classic.Delete(keys[3 * i]);
            await swiss.Delete(keys[3 * i]);
        }

        var c = classicWork.MovedPerWrite;
        var s = swissWork.MovedPerWrite;
        if (rt.IsRecording)
        {
            rt.Note($"classic: {Describe(c)}");
            rt.Note($"swiss:   {Describe(s)}");
        }
        // The classic map pays for each doubling a bucket or two at a time, over several later writes;
        // the Swiss map pays for growToTable and each grow (16 to 128 slots) in one insert that moves the
        // whole table, and no other write moves anything.
        int[] expected = [8, 14, 28, 56];
        rt.Assert(s.Where(n => n > 0).SequenceEqual(expected),
            $"Swiss writes moved {string.Join(", ", s.Where(n => n > 0))} entries; expected one insert per rehash moving {string.Join(", ", expected)}");
        rt.Assert(c.Count(n => n > 0) > 2 * expected.Length,
            $"only {c.Count(n => n > 0)} classic writes moved entries: the evacuation was not spread out");
        rt.Assert(c.Max() < s.Max(), $"a classic write moved {c.Max()} entries, as many as the largest Swiss rehash ({s.Max()})");
    }

    static string Describe(List<int> moved) =>
        $"{moved.Count(n => n > 0)} of {moved.Count} writes moved entries ({string.Join(" ", moved.Select((n, i) => (n, i)).Where(p => p.n > 0).Select(p => $"#{p.i + 1}:{p.n}"))}), {moved.Sum()} in all, at most {moved.Max()} in one write";
}
