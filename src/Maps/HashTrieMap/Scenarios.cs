using ModelCheck.Engine;
using ModelCheck.Maps.SyncMap;
using static ModelCheck.Maps.SyncMap.SyncMapOp;

namespace ModelCheck.Maps.HashTrieMap;

/// <summary>
/// HashTrieMap scenarios: the witnesses of §2.10.4 on the correct map (linearizable, HT-1..HT-6 hold),
/// collisions, conditional operations, Range, Clear, lazy initialisation and the faithful 64-bit hash; the
/// same sync.Map workload on the legacy model and on HashTrieMap side by side; and each seeded bug H-1..H-3
/// with the failure Appendix A expects. Programs are sync.Map workloads (<see cref="Workload"/>): the same
/// operations, history and specification as the legacy sync.Map's scenarios.
/// </summary>
public static class Scenarios
{
    /// <summary>
    /// The 8-bit hashes of the witnesses: k1 (nibbles 3,5), k2 (3,7) and k3 (3,9) share root[3], so a second
    /// of them expands root[3] into an indirect node; k4 collides with k1 in full (one overflow chain); k5
    /// has root[8] to itself.
    /// </summary>
    internal static readonly TrieHash Witness = TrieHash.Narrow((1, 0x35), (2, 0x37), (3, 0x39), (4, 0x35), (5, 0x80));

    /// <summary>Which checks run: the history is always checked; Invariants adds the HT-1..HT-6 monitors.</summary>
    internal enum Checks { History, HistoryAndInvariants }

    static readonly SyncMapOp[] K1 = [Store(1, 10)];
    // k1 and k3 under an indirect node below root[3]; deleting k3 leaves the node holding only k1.
    static readonly SyncMapOp[] K1AloneBelowRoot = [Store(1, 10), Store(3, 30), Delete(3)];

    internal static (Workload Workload, TrieHash Hash, HashTrieBug Bug, Checks Checks) Case(string argument) => argument switch
    {
        "expand-under-load" => (new(K1, [[Store(2, 20)], [Load(1), Load(2)]]), Witness, HashTrieBug.None, Checks.HistoryAndInvariants),
        "prune-under-insert" => (new(K1AloneBelowRoot, [[Store(2, 20)], [Delete(1)]]), Witness, HashTrieBug.None, Checks.HistoryAndInvariants),
        "cas-vs-delete" => (new(K1, [[CompareAndSwap(1, 10, 11)], [LoadAndDelete(1)]]), Witness, HashTrieBug.None, Checks.HistoryAndInvariants),
        "collisions" => (new([Store(1, 10), Store(4, 40)], [[Swap(1, 11), CompareAndDelete(4, 40)], [LoadOrStore(4, 41), LoadAndDelete(1)]]), Witness, HashTrieBug.None, Checks.HistoryAndInvariants),
        "conditional" => (SyncMap.Scenarios.Case("conditional").Workload, Witness, HashTrieBug.None, Checks.HistoryAndInvariants),
        "range" => (new([Store(1, 10), Store(2, 20), Delete(2), Store(5, 50)], [[Load(1), Range()], [Delete(1), Store(3, 30)]]), Witness, HashTrieBug.None, Checks.HistoryAndInvariants),
        "clear" => (new([Store(1, 10), Store(2, 20)], [[Clear(), Load(2)], [Store(1, 11), Store(3, 30)]]), Witness, HashTrieBug.None, Checks.HistoryAndInvariants),
        "lazy-init" => (new([], [[Store(1, 10)], [LoadOrStore(2, 20)], [Load(1)]]), Witness, HashTrieBug.None, Checks.HistoryAndInvariants),
        "faithful-hash" => (new([Store(1, 10)], [[CompareAndSwap(1, 10, 11), Store(2, 20)], [LoadAndDelete(1), LoadOrStore(2, 21)]]), TrieHash.Faithful, HashTrieBug.None, Checks.HistoryAndInvariants),
        "H-1" => (new(K1, [[CompareAndSwap(1, 10, 11)], [LoadAndDelete(1)]]), Witness, HashTrieBug.H1LockFreeCompareAndSwap, Checks.History),
        "H-1/invariants" => (new(K1, [[CompareAndSwap(1, 10, 11)], [LoadAndDelete(1)]]), Witness, HashTrieBug.H1LockFreeCompareAndSwap, Checks.HistoryAndInvariants),
        "H-2" => (new(K1AloneBelowRoot, [[Store(2, 20)], [Delete(1)]]), Witness, HashTrieBug.H2NoDeadCheck, Checks.History),
        "H-2/invariants" => (new(K1AloneBelowRoot, [[Store(2, 20)], [Delete(1)]]), Witness, HashTrieBug.H2NoDeadCheck, Checks.HistoryAndInvariants),
        "H-3" => (new(K1, [[Store(2, 20)], [Load(1)]]), Witness, HashTrieBug.H3PublishBeforePopulate, Checks.History),
        _ => throw new ScenarioException($"unknown HashTrieMap case '{argument}'"),
    };

    [Scenario("hashtriemap/correct/expand-under-load", PreemptionBound = 3, Argument = "expand-under-load", Memory = "sc",
        Description = "the H-3 witness on the correct map: T1 stores k2 next to k1 (expand root[3] into a new node, published populated), T2 loads k1 and k2: linearizable, HT-1..HT-6 hold")]
    [Scenario("hashtriemap/correct/prune-under-insert", PreemptionBound = 3, Argument = "prune-under-insert", Memory = "sc",
        Description = "the H-2 witness on the correct map: T1 stores k2 into the node below root[3] while T2 deletes its last key k1 and prunes it; T1 sees the dead flag and retries from the root")]
    [Scenario("hashtriemap/correct/cas-vs-delete", Argument = "cas-vs-delete", Memory = "sc",
        Description = "the H-1 witness (golang/go#70970) on the correct map: CompareAndSwap(k1, 10, 11) locks and re-validates, so it and LoadAndDelete(k1) are ordered")]
    [Scenario("hashtriemap/correct/collisions", PreemptionBound = 3, Argument = "collisions", Memory = "sc",
        Description = "k1 and k4 collide in full (one overflow chain, k4 at the head): Swap and LoadAndDelete of k1 behind the head, CompareAndDelete and LoadOrStore of k4 at the head, in two tasks")]
    [Scenario("hashtriemap/correct/conditional", PreemptionBound = 2, Argument = "conditional", Memory = "sc",
        Description = "syncmap/correct/conditional's workload: CompareAndSwap then LoadAndDelete, Swap then CompareAndDelete on k1, LoadOrStore and Load of k2 (expanding root[3]) in three tasks")]
    [Scenario("hashtriemap/correct/range", PreemptionBound = 2, Argument = "range", Memory = "sc",
        Description = "k1 alone in the node below root[3], k5 in root[8]; T1 loads k1 and ranges (a lock-free walk) while T2 deletes k1 (pruning the node T1 may be reading) and stores k3: each produced pair current during Range, no stable key missed")]
    [Scenario("hashtriemap/correct/clear", PreemptionBound = 3, Argument = "clear", Memory = "sc",
        Description = "T1 clears the map (a new empty root) and loads k2, T2 stores k1 and adds k3 into the old or the new trie: the whole history (Clear is not per key) is linearizable")]
    [Scenario("hashtriemap/correct/lazy-init", PreemptionBound = 2, Argument = "lazy-init", Memory = "sc",
        Description = "a zero map: three tasks race to initialise it (inited flag, double-checked locking on initMu), two storing, one loading")]
    [Scenario("hashtriemap/correct/faithful-hash", PreemptionBound = 3, Argument = "faithful-hash", Memory = "sc",
        Description = "the 64-bit hash (keys in different root slots): CompareAndSwap and Store against LoadAndDelete and LoadOrStore")]
    [Scenario("hashtriemap/H-1", Argument = "H-1", Expect = BugKind.NotLinearizable, Memory = "sc",
        Description = "H-1, golang/go#70970: CL 606462's lock-free CompareAndSwap CASes the value of entry e(k1) after LoadAndDelete has unlinked it; both succeed and k1 is gone: not linearizable (reverted before Go 1.24.0)")]
    [Scenario("hashtriemap/H-1/invariants", Argument = "H-1/invariants", Expect = BugKind.MonitorViolation, Memory = "sc",
        Description = "H-1 (golang/go#70970) with the invariant monitors: HT-4 sees the entry's value change in place")]
    [Scenario("hashtriemap/H-2", Argument = "H-2", Expect = BugKind.NotLinearizable, Memory = "sc",
        Description = "H-2: re-validation skips the dead flag; T1 locks the node T2 just pruned and stores k2 into it, out of every reader's reach: a lost insert, not linearizable")]
    [Scenario("hashtriemap/H-2/invariants", Argument = "H-2/invariants", Expect = BugKind.MonitorViolation, Memory = "sc",
        Description = "H-2 with the invariant monitors: HT-2 sees the store into the dead node")]
    [Scenario("hashtriemap/H-3", Argument = "H-3", Expect = BugKind.NotLinearizable, Memory = "sc",
        Description = "H-3: expand publishes the new node before filling it; T2's Load(k1) finds its slot nil and returns absent while k1 was present throughout: a phantom miss, not linearizable")]
    public static Task Run(Runtime rt, string argument)
    {
        var (workload, hash, bug, checks) = Case(argument);
        var map = new HashTrieMap(rt, hash, bug);
        if (checks == Checks.HistoryAndInvariants) rt.AddMonitor(new TrieInvariants(map));
        return workload.Run(rt, map);
    }

    /// <summary>
    /// The same sync.Map workload, checked against the one map specification object, on the legacy model or
    /// on HashTrieMap: the first step chooses which (a data choice, so exploration runs the workload on both),
    /// with that model's monitors; its tasks are named legacy-t1.. or trie-t1.. so a trace says which ran.
    /// </summary>
    // One model per execution, not both in one. Both in one execution are two independent components (no
    // cell, lock or monitor in common), but every execution is then a pair, so exhaustive search runs the
    // product of their spaces, and partial-order reduction does not make it their sum: the two histories
    // stamp calls and returns with one step clock, which DPOR must order (Runtime.MarkRealTimeEvent: a call
    // reads every other task's real-time object, so a legacy call depends on each trie return), and even
    // one execution per Mazurkiewicz trace of two independent components is the product of their trace
    // counts. Choosing the model keeps the lesson (one workload, one specification, two algorithms) and
    // makes the space the sum of the two: the verdict is complete, within the bound its correct/* twins
    // declare (syncmap/correct/conditional and hashtriemap/correct/conditional: two preemptions).
    [Scenario("hashtriemap/same-spec/conditional", PreemptionBound = 2, Argument = "conditional", Memory = "sc",
        Description = "syncmap/correct/conditional's workload on the legacy sync.Map (tasks legacy-t1..t3) or on HashTrieMap (trie-t1..t3), the execution's first choice: the specification stayed while the algorithm changed, and each model's history is linearizable against it")]
    [Scenario("hashtriemap/same-spec/promote-on-miss", PreemptionBound = 3, Argument = "promote-on-miss", Memory = "sc",
        Description = "syncmap/correct/promote-on-miss's workload (a promotion of dirty in the legacy map, an expand in the trie) on either model, the execution's first choice: each history is linearizable against the one specification")]
    public static Task SameSpecification(Runtime rt, string argument)
    {
        var (map, prefix) = rt.Choose(2) == 0 ? Legacy(rt) : Trie(rt);
        return SyncMap.Scenarios.Case(argument).Workload.Run(rt, map, prefix);
    }

    static (ISyncMap Map, string TaskPrefix) Legacy(Runtime rt)
    {
        var legacy = new SyncMap.SyncMap(rt);
        rt.AddMonitor(new Invariants(legacy));
        return (legacy, "legacy-");
    }

    static (ISyncMap Map, string TaskPrefix) Trie(Runtime rt)
    {
        var trie = new HashTrieMap(rt, Witness);
        rt.AddMonitor(new TrieInvariants(trie));
        return (trie, "trie-");
    }
}
