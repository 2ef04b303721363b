using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// The witness programs of map-algorithms.md §1.15, each run on the correct model (it must pass) and on
/// the seeded mutations it exposes (selected by the scenario argument; the file is not copied).
/// </summary>
public static class GrowScenarios
{
    /// <summary>Reach S_mid, look every key up, range over the half-evacuated map, then finish the grow and look again.</summary>
    [Scenario("gomap/mid-grow/faithful", Argument = "faithful",
        Description = "lookups and a range while old buckets 2 and 3 are unevacuated (S_mid, bucketCnt 8)")]
    [Scenario("gomap/mid-grow/reduced", Argument = "reduced", Description = "the same with bucketCnt 2")]
    [Scenario("gomap/bug/g1-lookup-ignores-oldbuckets/faithful", Argument = "faithful:G1LookupIgnoresOldBuckets", Expect = BugKind.MonitorViolation,
        Description = "G-1: lookup searches only the new buckets; lookup(a) misses at S_mid (CM-1)")]
    [Scenario("gomap/bug/g1-lookup-ignores-oldbuckets/reduced", Argument = "reduced:G1LookupIgnoresOldBuckets", Expect = BugKind.MonitorViolation,
        Description = "G-1 with bucketCnt 2")]
    [Scenario("gomap/bug/g1b-mask-not-halved/faithful", Argument = "faithful:G1bMaskNotHalved", Expect = BugKind.UnhandledException,
        Description = "G-1b: the old-bucket mask is not halved; lookup(b) (a Y-half key) indexes old bucket 6 of 4")]
    [Scenario("gomap/bug/g1b-mask-not-halved/reduced", Argument = "reduced:G1bMaskNotHalved", Expect = BugKind.UnhandledException,
        Description = "G-1b with bucketCnt 2")]
    [Scenario("gomap/bug/g2-premature-grow-completion/faithful", Argument = "faithful:G2PrematureGrowCompletion", Expect = BugKind.MonitorViolation,
        Description = "G-2: advanceEvacuationMark skips the evacuated test; inserting t ends the grow at once (CM-4)")]
    [Scenario("gomap/bug/g2-premature-grow-completion/reduced", Argument = "reduced:G2PrematureGrowCompletion", Expect = BugKind.MonitorViolation,
        Description = "G-2 with bucketCnt 2")]
    [Scenario("gomap/bug/g3-iterator-without-filter/faithful", Argument = "faithful:G3IteratorWithoutFilter", Expect = BugKind.MonitorViolation,
        Description = "G-3: the iterator ignores checkBucket; at S_mid it yields a and b twice (CM-11a)")]
    [Scenario("gomap/bug/g3-iterator-without-filter/reduced", Argument = "reduced:G3IteratorWithoutFilter", Expect = BugKind.MonitorViolation,
        Description = "G-3 with bucketCnt 2")]
    public static async Task MidGrow(Runtime rt, string argument)
    {
        var state = await MidGrowState.BuildMid(rt, ScenarioConfig.Parse(argument));
        await state.LookUpFilled();
        for (var it = await state.Map.Range(); it.Key is not null; await it.Next()) { }
        await state.Insert(MidGrowState.U);
        await state.LookUpFilled();
        await state.Map.Lookup(MidGrowState.T);
    }

    /// <summary>
    /// CM-12's witness: at S_mid, a (old bucket 2) is updated four more times. Go's growWork also evacuates
    /// nevacuate's bucket, so the first of them completes the grow of 4 old buckets; without that (G-8)
    /// nevacuate stays at 1 and the fifth write of the grow finds it still running.
    /// </summary>
    [Scenario("gomap/grow-progress/faithful", Argument = "faithful",
        Description = "updates of one key during a grow: growWork's second evacuation completes the grow within noldbuckets writes (CM-12, bucketCnt 8)")]
    [Scenario("gomap/grow-progress/reduced", Argument = "reduced", Description = "the same with bucketCnt 2")]
    [Scenario("gomap/bug/g8-grow-never-completes/faithful", Argument = "faithful:G8GrowWorkWithoutProgress", Expect = BugKind.Liveness,
        Description = "G-8: growWork evacuates only the bucket the write needs; writes to one key never finish the grow, and the fifth write of a 4-bucket grow is a liveness bug (CM-12)")]
    [Scenario("gomap/bug/g8-grow-never-completes/reduced", Argument = "reduced:G8GrowWorkWithoutProgress", Expect = BugKind.Liveness,
        Description = "G-8 with bucketCnt 2")]
    public static async Task GrowProgress(Runtime rt, string argument)
    {
        var state = await MidGrowState.BuildMid(rt, ScenarioConfig.Parse(argument));
        for (int i = 0; i < 4; i++) await state.Map.Assign(state.A, 2000 + i);
        await state.LookUpFilled();
    }

    /// <summary>
    /// Start ranging before the grow; in the body, insert t (the grow starts), insert u (it completes),
    /// delete d and update c; keep ranging over what is now the old array.
    /// </summary>
    [Scenario("gomap/range-across-grow/faithful", Argument = "faithful",
        Description = "a range started before a grow continues after it completes, with a delete and an update in its body (bucketCnt 8)")]
    [Scenario("gomap/range-across-grow/reduced", Argument = "reduced", Description = "the same with bucketCnt 2")]
    [Scenario("gomap/bug/g4-iterator-skips-relookup/faithful", Argument = "faithful:G4IteratorSkipsRelookup", Expect = BugKind.MonitorViolation,
        Description = "G-4: evacuated slots are treated as golden; the range yields deleted d or stale c (CM-11c/d)")]
    [Scenario("gomap/bug/g4-iterator-skips-relookup/reduced", Argument = "reduced:G4IteratorSkipsRelookup", Expect = BugKind.MonitorViolation,
        Description = "G-4 with bucketCnt 2")]
    [Scenario("gomap/bug/g5-grow-loses-olditerator/faithful", Argument = "faithful:G5GrowLosesOldIterator", Expect = BugKind.MonitorViolation,
        Description = "G-5: hashGrow drops the iterator flag; evacuation zeroes old buckets the range still reads, so keys are never produced (CM-11b)")]
    [Scenario("gomap/bug/g5-grow-loses-olditerator/reduced", Argument = "reduced:G5GrowLosesOldIterator", Expect = BugKind.MonitorViolation,
        Description = "G-5 with bucketCnt 2")]
    public static async Task RangeAcrossGrow(Runtime rt, string argument) =>
        await RangeInsertingT(rt, argument, async state =>
        {
            await state.Insert(MidGrowState.U);
            await state.Map.Delete(state.D);
            await state.Map.Assign(state.C, 4242);
        });

    /// <summary>Go 1.21's fix for #59411: clear marks old buckets emptyRest so a running range sees nothing more.</summary>
    [Scenario("gomap/clear-during-range/faithful", Argument = "faithful",
        Description = "a range started before a grow; its body inserts t (old buckets 2, 3 stay unevacuated) and clears the map (bucketCnt 8)")]
    [Scenario("gomap/clear-during-range/reduced", Argument = "reduced", Description = "the same with bucketCnt 2")]
    [Scenario("gomap/bug/g7-clear-keeps-oldbuckets/faithful", Argument = "faithful:G7ClearKeepsOldBuckets", Expect = BugKind.MonitorViolation,
        Description = "G-7 (#59411, Go 1.20): clear does not mark old buckets; the range yields cleared keys (CM-11c)")]
    [Scenario("gomap/bug/g7-clear-keeps-oldbuckets/reduced", Argument = "reduced:G7ClearKeepsOldBuckets", Expect = BugKind.MonitorViolation,
        Description = "G-7 with bucketCnt 2")]
    public static async Task ClearDuringRange(Runtime rt, string argument)
    {
        var state = await RangeInsertingT(rt, argument, async mid => await mid.Map.Clear());
        await state.Map.Assign(state.A, 1);
        await state.Map.Lookup(state.A);
        await state.Map.Lookup(state.B);
    }

    /// <summary>
    /// The pre-grow state, then a range whose body, after the first key only, inserts t (the grow starts,
    /// old buckets 2 and 3 stay unevacuated) and does <paramref name="more"/>; the range then runs to its end.
    /// </summary>
    static async Task<MidGrowState> RangeInsertingT(Runtime rt, string argument, Func<MidGrowState, Task> more)
    {
        var state = await MidGrowState.BuildPreGrow(rt, ScenarioConfig.Parse(argument));
        await GoMapPrograms.RangeChangingOnce(state.Map, async _ =>
        {
            await state.Insert(MidGrowState.T);
            await more(state);
        });
        return state;
    }

    /// <summary>A hasher panic is recoverable and must leave the map usable (the flag is toggled only after hashing).</summary>
    [Scenario("gomap/hash-panic/faithful", Argument = "faithful",
        Description = "m[unhashable] = 1 panics and is recovered; the next lookup works")]
    [Scenario("gomap/bug/g6-writing-flag-before-hash/faithful", Argument = "faithful:G6WritingFlagBeforeHash", Expect = BugKind.Fatal,
        Description = "G-6: hashWriting is toggled before hashing; after the recovered panic a lookup reports concurrent map read and map write")]
    [Scenario("gomap/bug/g6-writing-flag-before-hash/reduced", Argument = "reduced:G6WritingFlagBeforeHash", Expect = BugKind.Fatal,
        Description = "G-6 with bucketCnt 2")]
    public static async Task HashPanic(Runtime rt, string argument)
    {
        var m = ClassicMap.Make(rt, "m", ScenarioConfig.Parse(argument)).Monitored();
        var a = GoKeys.Mixed("a");
        await m.Assign(a, 1);
        try
        {
            await m.Assign(new GoKey("poison", 0, unhashable: true), 1);
            rt.Assert(false, "hashing an unhashable key did not panic");
        }
        catch (GoPanicException e)
        {
            if (rt.IsRecording) rt.Note($"recovered: {e.Message}");
        }
        await m.Lookup(a);
        await m.Assign(a, 2);
        await m.Lookup(a);
    }
}
