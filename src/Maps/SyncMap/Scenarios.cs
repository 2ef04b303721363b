using ModelCheck.Engine;
using ModelCheck.Models.Linearizability;
using static ModelCheck.Maps.SyncMap.SyncMapOp;

namespace ModelCheck.Maps.SyncMap;

/// <summary>
/// sync.Map scenarios: correct maps crossing promotions, expunging and reviving, conditional operations
/// and Range (linearizability plus SM-1..SM-7 must hold), and each seeded bug of §2.9 with the failure
/// Appendix A expects for it.
/// </summary>
public static class Scenarios
{
    /// <summary>Which checks run: the history is always checked; Invariants adds the SM-1..SM-7 monitors.</summary>
    internal enum Checks { History, HistoryAndInvariants }

    // Store(k1) leaves k1 in dirty only (read is amended); the first miss promotes it (misses 1 >= len 1).
    static readonly SyncMapOp[] K1InDirty = [Store(1, 10)];
    static readonly SyncMapOp[] K1InRead = [Store(1, 10), Load(1)];
    static readonly SyncMapOp[] K1Deleted = [Store(1, 10), Load(1), Delete(1)];
    // Adding k2 rebuilds dirty from read.m: deleted k1 becomes expunged, dirty = {k2}.
    static readonly SyncMapOp[] K1Expunged = [Store(1, 10), Load(1), Delete(1), Store(2, 20)];

    // Each case is made once per process: a workload makes its calls' recorded arguments when it is made.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Workload, SeededBug, Checks)> Cases = new(StringComparer.Ordinal);

    internal static (Workload Workload, SeededBug Bug, Checks Checks) Case(string argument) => Cases.GetOrAdd(argument, MakeCase);

    static (Workload Workload, SeededBug Bug, Checks Checks) MakeCase(string argument) => argument switch
    {
        "promote-on-miss" => (new(K1InDirty, [[Load(1), Load(2)], [Store(1, 11), LoadOrStore(2, 20)]]), SeededBug.None, Checks.HistoryAndInvariants),
        "expunge-revive" => (new(K1Deleted, [[Store(2, 20), Load(1)], [Store(1, 11), Load(3)]]), SeededBug.None, Checks.HistoryAndInvariants),
        "conditional" => (new(K1InRead, [[CompareAndSwap(1, 10, 11), LoadAndDelete(1)], [Swap(1, 12), CompareAndDelete(1, 12)], [LoadOrStore(2, 20), Load(2)]]), SeededBug.None, Checks.HistoryAndInvariants),
        "range-promotes" => (new([Store(1, 10), Store(2, 20)], [[Range(), Load(3)], [Delete(1), Store(3, 30)]]), SeededBug.None, Checks.HistoryAndInvariants),
        "clear" => (new([Store(1, 10), Load(1), Store(2, 20)], [[Clear(), Load(2)], [Store(1, 11), Store(3, 30)]]), SeededBug.None, Checks.HistoryAndInvariants),
        "miss-race" => (new(K1InDirty, [[Load(1)], [Load(2)]]), SeededBug.None, Checks.HistoryAndInvariants),
        // The conditional operations' locked dirty path (no other scenario has it): k1 is only in dirty.
        "conditional-in-dirty" => (new(K1InDirty, [[CompareAndSwap(1, 10, 11), Load(1)], [CompareAndDelete(1, 11), Load(1)]]), SeededBug.None, Checks.HistoryAndInvariants),
        "S-1" => (new(K1InDirty, [[Load(1)], [Load(2)]]), SeededBug.S1NoDoubleCheck, Checks.History),
        "S-2" => (new(K1Deleted, [[Store(2, 20)], [Store(1, 11)]]), SeededBug.S2NonAtomicExpunge, Checks.History),
        "S-2/invariants" => (new(K1Deleted, [[Store(2, 20)], [Store(1, 11)]]), SeededBug.S2NonAtomicExpunge, Checks.HistoryAndInvariants),
        "S-3" => (new(K1Expunged, [[Store(1, 11), Load(1)], [Load(3)]]), SeededBug.S3NoUnexpunge, Checks.History),
        "S-3/invariants" => (new(K1Expunged, [[Store(1, 11), Load(1)], [Load(3)]]), SeededBug.S3NoUnexpunge, Checks.HistoryAndInvariants),
        "S-4" => (new(K1InRead, [[LoadAndDelete(1)], [Swap(1, 11)]]), SeededBug.S4DeleteByLoadStore, Checks.History),
        "S-5" => (new(K1InDirty, [[Load(1), Store(3, 30)], [Store(2, 20), Load(1)]]), SeededBug.S5PromotionKeepsDirty, Checks.HistoryAndInvariants),
        "S-6" => (new(K1InDirty, [[Load(1), Load(2)], [Store(1, 11), LoadOrStore(2, 20)]]), SeededBug.S6MissNotCounted, Checks.HistoryAndInvariants),
        _ => throw new ScenarioException($"unknown sync.Map case '{argument}'"),
    };

    [Scenario("syncmap/correct/promote-on-miss", PreemptionBound = 3, Argument = "promote-on-miss",
        Description = "k1 only in dirty; T1 loads k1 and a missing k2 (misses promote dirty), T2 stores k1 and LoadOrStores k2 across the promotion: linearizable, SM-1..SM-7 hold")]
    [Scenario("syncmap/correct/expunge-revive", PreemptionBound = 3, Argument = "expunge-revive",
        Description = "k1 promoted then deleted; T1 adds k2 (dirtyLocked expunges k1) and loads k1, T2 stores k1 (unexpunge or fast CAS) and misses on k3 (promotion): no write lost")]
    [Scenario("syncmap/correct/conditional", PreemptionBound = 2, Argument = "conditional",
        Description = "three tasks: CompareAndSwap then LoadAndDelete, Swap then CompareAndDelete on k1 in read.m, LoadOrStore and Load of a new k2: linearizable")]
    [Scenario("syncmap/correct/range-promotes", PreemptionBound = 3, Argument = "range-promotes",
        Description = "k1, k2 in dirty; T1 ranges (promoting dirty) then misses k3, T2 deletes k1 and adds k3: each produced pair current during Range, no stable key missed")]
    [Scenario("syncmap/correct/clear", PreemptionBound = 3, Argument = "clear",
        Description = "k1 in read.m, k2 in dirty; T1 clears the map (Go 1.23) and loads k2, T2 stores k1 and adds k3: the whole history (Clear is not per key) is linearizable")]
    [Scenario("syncmap/correct/miss-race", Argument = "miss-race",
        Description = "the S-1 witness on the correct map: T1 loads k1 (in dirty only) while T2's miss on k2 promotes dirty; the double check finds k1 in the new read.m")]
    [Scenario("syncmap/correct/conditional-in-dirty", PreemptionBound = 4, Argument = "conditional-in-dirty",
        Description = "k1 only in dirty; T1 CompareAndSwaps it (under mu, in dirty: a miss) and loads it, T2 CompareAndDeletes the new value and loads: linearizable")]
    [Scenario("syncmap/S-1", Argument = "S-1", Expect = BugKind.NotLinearizable,
        Description = "S-1: Load's slow path skips the double check; after T2's miss promotes dirty, T1 looks in the nil dirty, promotes nil and loses k1: not linearizable")]
    [Scenario("syncmap/S-2", Argument = "S-2", Expect = BugKind.NotLinearizable,
        Description = "S-2: tryExpungeLocked loads nil then stores expunged; T2's lock-free Store(k1) lands in between and is overwritten: a lost write, not linearizable")]
    [Scenario("syncmap/S-2/invariants", Argument = "S-2/invariants", Expect = BugKind.MonitorViolation,
        Description = "S-2 with the invariant monitors: SM-6 sees the entry go value -> expunged before any read shows the lost write")]
    [Scenario("syncmap/S-3", Argument = "S-3", Expect = BugKind.NotLinearizable,
        Description = "S-3: Store into an expunged entry skips unexpunge and the dirty insert; the next promotion drops k1: a lost write after promotion, not linearizable")]
    [Scenario("syncmap/S-3/invariants", Argument = "S-3/invariants", Expect = BugKind.MonitorViolation,
        Description = "S-3 with the invariant monitors: SM-6 sees the expunged entry take a value without unexpungeLocked (SM-4 would see read.m's k1 missing from dirty at the unlock)")]
    [Scenario("syncmap/S-4", Argument = "S-4", Expect = BugKind.NotLinearizable,
        Description = "S-4: entry.delete loads then stores nil; a Swap in between and the LoadAndDelete both report removing v0, v1 is lost: not linearizable")]
    [Scenario("syncmap/S-5", Argument = "S-5", Expect = BugKind.MonitorViolation,
        Description = "S-5: missLocked promotes dirty but keeps it as dirty; the next new key is inserted into the published read.m: SM-1")]
    [Scenario("syncmap/S-6", Argument = "S-6", Expect = BugKind.Liveness,
        Description = "S-6: missLocked does not count the miss; every load of a key only dirty holds takes the lock, and dirty is never promoted (results stay right: only the SM-9 liveness monitor sees it)")]
    public static Task Run(Runtime rt, string argument)
    {
        var (workload, bug, checks) = Case(argument);
        return Execute(rt, workload, bug, checks);
    }

    internal static Task Execute(Runtime rt, Workload workload, SeededBug bug, Checks checks)
    {
        var map = new SyncMap(rt, bug);
        if (checks == Checks.HistoryAndInvariants)
        {
            rt.AddMonitor(new Invariants(map));
            rt.AddMonitor(new MissStormProgress(map, rt));
        }
        return workload.Run(rt, map);
    }
}
