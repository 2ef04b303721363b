using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// W-3's witness (§3.10): make(map, 10) is one table of two groups; k1..k8 start probing at group 0 and
/// fill it, so z, which also starts there, lands in group 1. Deleting k3 from the full group 0 must leave
/// a tombstone: an empty slot there would end z's probe sequence before it reaches z. Then the tombstone
/// is reused by the next new key of group 0, without consuming growthLeft.
/// </summary>
public static class TombstoneScenarios
{
    [Scenario("swissmap/tombstone/faithful", Argument = "faithful", Memory = "sc",
        Description = "delete from a full group leaves a tombstone; a key probed past it stays findable; the tombstone is reused")]
    [Scenario("swissmap/tombstone/reduced", Argument = "reduced", Memory = "sc", Description = "the same with maxTableCapacity 16")]
    [Scenario("swissmap/bug/w3-delete-without-tombstone/faithful", Argument = "faithful:W3DeleteWithoutTombstone", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "W-3: delete always writes empty; z, in group 1, becomes unreachable behind group 0's new empty slot (SW-5)")]
    [Scenario("swissmap/bug/w3-delete-without-tombstone/reduced", Argument = "reduced:W3DeleteWithoutTombstone", Memory = "sc", Expect = BugKind.MonitorViolation,
        Description = "W-3 with maxTableCapacity 16")]
    public static async Task Tombstone(Runtime rt, string argument)
    {
        var m = SwissMap.Make(rt, "m", SwissMapConfig.Parse(argument), hint: 10).Monitored();
        var group0 = Enumerable.Range(1, 8).Select(i => SwissKeys.With($"k{i}", groupBits: 1, group: 0)).ToArray();
        var z = SwissKeys.With("z", groupBits: 1, group: 0);
        foreach (var key in group0) await m.Assign(key, 1);
        await m.Assign(z, 2);
        await m.Delete(group0[2]);
        await m.Lookup(z);
        await m.Assign(SwissKeys.With("w", groupBits: 1, group: 0), 3);   // takes k3's tombstone
        await m.Lookup(z);
        for (var it = await m.Range(); it.Key is not null; await it.Next()) { }
        await m.Delete(z);   // group 1 has empty slots: z's slot becomes empty
        await m.Lookup(z);
    }
}
