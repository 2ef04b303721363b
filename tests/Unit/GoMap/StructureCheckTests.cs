using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit.GoMap;

/// <summary>
/// The classic map's structure check walks again only the bucket chains written since it last passed, and
/// learns what was written from the runtime's record of accesses, not from the map. Each test writes one
/// cell the map's last operation did not touch, in a chain whose earlier checks passed, and expects the
/// very next observation point (a lookup elsewhere) to report it, with the message a full walk gives.
/// </summary>
public sealed class StructureCheckTests
{
    // B = 2 (make with hint 20): four buckets of 8 slots; a in bucket 0, b in bucket 1, each alone there.
    static readonly GoKey A = GoKeys.WithLowBits("a", 0, 2);
    static readonly GoKey B = GoKeys.WithLowBits("b", 1, 2);

    static async Task<ClassicMap> TwoKeys(Runtime rt)
    {
        var m = ClassicMap.Make(rt, "m", GoMapConfig.Faithful, hint: 20).Monitored();
        await m.Assign(A, 1);
        await m.Assign(B, 2);
        await m.Lookup(A);
        return m;
    }

    static string ViolationOf(Func<Runtime, Task> program)
    {
        var report = Run(Inline(program, BugKind.MonitorViolation), With(StrategyKind.Random, iterations: 1));
        Assert.Equal(BugKind.MonitorViolation, report.Observed);
        return report.FirstBug().Message;
    }

    [Fact]
    public void A_changed_value_in_an_untouched_chain_is_seen()
    {
        string message = ViolationOf(async rt =>
        {
            var m = await TwoKeys(rt);
            m.GhostBuckets![1].Elems[0].Set(99, Plain);   // b's elem, behind the map's back
            await m.Lookup(A);
        });
        Assert.Equal("m contents: key b holds 99, expected 2 (CM-1)", message);
    }

    [Fact]
    public void A_slot_used_after_emptyRest_in_an_untouched_chain_is_seen()
    {
        string message = ViolationOf(async rt =>
        {
            var m = await TwoKeys(rt);
            m.GhostBuckets![1].TopHash[5].Set(TopHashes.MinTopHash, Plain);
            await m.Lookup(A);
        });
        Assert.Equal("m contents: bucket 1: slot m.a0[1][5] is used after an emptyRest slot (CM-9)", message);
    }

    [Fact]
    public void A_new_bucket_written_before_its_old_bucket_is_evacuated_is_seen()
    {
        // S_mid: old buckets 2 and 3 are not evacuated yet, so new bucket 2 must stay untouched.
        string message = ViolationOf(async rt =>
        {
            var state = await MidGrowState.BuildMid(rt, GoMapConfig.Faithful);
            await state.Map.Lookup(state.A);
            state.Map.GhostBuckets![2].TopHash[0].Set(TopHashes.EmptyOne, Plain);
            await state.Map.Lookup(state.A);
        });
        Assert.Equal("m contents: new bucket 2 was written before its old bucket 2 was evacuated (CM-5)", message);
    }
}
