using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.ConcurrentHashMap;

// The cooperative resize: addCount (entry), helpTransfer (joining from a ForwardingNode), transfer
// (claims, bin moves, deregistration, the finishing sweep and the commit). ConcurrentHashMap.cs explains it.
sealed partial class ConcurrentHashMap
{
    const int MaximumCapacity = 1 << 30;
    const int ResizeStampBits = 16;
    const int ResizeStampShift = 32 - ResizeStampBits;
    const int MaxResizers = (1 << (32 - ResizeStampBits)) - 1;

    /// <summary>numberOfLeadingZeros(n) | 2^15: unique per table length, so it names the resize generation.</summary>
    static int ResizeStamp(int n) => System.Numerics.BitOperations.LeadingZeroCount((uint)n) | (1 << (ResizeStampBits - 1));

    static int ShiftedStamp(int n) => unchecked(ResizeStamp(n) << ResizeStampShift);

    /// <summary>The stamp half of the helpers' stop test: the resize is full, or only its last thread (finishing) is left.</summary>
    bool StampSaysStop(int sc, int n)
    {
        // N-1 (JDK 8–11): the stamp was compared unshifted, so neither comparison can ever hold.
        int rs = Has(Mutation.UnshiftedStampCheck) ? ResizeStamp(n) : ShiftedStamp(n);
        return sc == rs + MaxResizers || sc == rs + 1;
    }

    /// <summary>addCount: count, then (for insertions) initiate or join a resize while the count is over sizeCtl.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask AddCount(long x, int check)
    {
        long b = await baseCount.Load(SeqCst);
        long s = b + x;
        if (!await baseCount.CompareAndSwap(b, s, SeqCst))
        {
            // With counter cells disabled, fullAddCount is a CAS retry on baseCount; it returns without the resize check.
            rt.Cover(CountCasFails);
            while (!await baseCount.CompareAndSwap(b = await baseCount.Load(SeqCst), b + x, SeqCst)) { }
            return;
        }
        if (check < 0) return;
        while (true)
        {
            int sc = await sizeCtl.Load(SeqCst);
            if (s < sc) return;
            var tab = await LoadTable();
            if (tab is null || tab.Length >= MaximumCapacity) return;
            int n = tab.Length;
            if (sc < 0)
            {
                if (StampSaysStop(sc, n)) return;
                var nt = await nextTable.Load(SeqCst);
                if (nt is null || await transferIndex.Load(SeqCst) <= 0) return;
                if (await sizeCtl.CompareAndSwap(sc, sc + 1, SeqCst))
                {
                    rt.Publish(new ResizersChanged(tab, sc + 1, ResizerChange.Joined));
                    rt.Cover(JoinFromAddCount);
                    if (rt.IsRecording) rt.Note($"join resize {tab} -> {nt}");
                    await Transfer(tab, nt);
                }
            }
            else if (await sizeCtl.CompareAndSwap(sc, ShiftedStamp(n) + 2, SeqCst))
            {
                rt.Publish(new ResizersChanged(tab, ShiftedStamp(n) + 2, ResizerChange.Initiated));
                if (rt.IsRecording) rt.Note($"count {s} >= threshold {sc}: initiate resize of {tab}");
                await Transfer(tab, null);
            }
            s = await baseCount.Load(SeqCst);
        }
    }

    /// <summary>helpTransfer: a writer that met a ForwardingNode joins the resize if it still has work, then retries in the next table.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<Table> HelpTransfer(Table tab, ForwardingNode f)
    {
        var nextTab = f.NextTable;
        while (nextTab == await nextTable.Load(SeqCst) && tab == await LoadTable())
        {
            int sc = await sizeCtl.Load(SeqCst);
            // The loop's table checks come before this load, so sc may already belong to the next resize;
            // JDK 8 refused it by its stamp, JDK 12 dropped that test (J-5) and a stale helper joined.
            bool otherResize = !Has(Mutation.HelperIgnoresStamp) && sc >>> ResizeStampShift != ResizeStamp(tab.Length);
            if (sc >= 0 || otherResize || StampSaysStop(sc, tab.Length) || await transferIndex.Load(SeqCst) <= 0)
            {
                rt.Cover(HelperFindsNothingLeft);
                break;
            }
            if (await sizeCtl.CompareAndSwap(sc, sc + 1, SeqCst))
            {
                rt.Publish(new ResizersChanged(tab, sc + 1, ResizerChange.Joined));
                rt.Cover(JoinFromHelpTransfer);
                if (rt.IsRecording) rt.Note($"help resize {tab} -> {nextTab}");
                await Transfer(tab, nextTab);
                break;
            }
        }
        // L-1: the old table, so the caller reads the same forwarding node again, forever.
        return Has(Mutation.HelperReturnsOldTable) ? tab : nextTab;
    }

    /// <summary>transfer(tab, nextTab): claim strides of bins, move each, deregister; the last resizer sweeps and commits.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Transfer(Table tab, Table? nextTab)
    {
        int n = tab.Length;
        int stride = options.Ncpu > 1 ? (n >>> 3) / options.Ncpu : n;
        if (stride < options.MinTransferStride) stride = options.MinTransferStride;
        if (nextTab is null)
        {
            nextTab = NewTable(n << 1);
            rt.CoverIf(TablesMade() > 2, SecondResize);
            await nextTable.Store(nextTab, SeqCst);
            rt.Publish(new NextTablePublished(tab, nextTab));
            await transferIndex.Store(n, SeqCst);
        }
        int nextn = nextTab.Length;
        var fwd = new ForwardingNode(nextTab);
        bool advance = true, finishing = false;
        for (int i = 0, bound = 0; ;)
        {
            while (advance)
            {
                if (--i >= bound || finishing)
                {
                    advance = false;
                    continue;
                }
                int nextIndex = await transferIndex.Load(SeqCst);
                if (nextIndex <= 0)
                {
                    i = -1;
                    advance = false;
                    continue;
                }
                int nextBound = nextIndex > stride ? nextIndex - stride : 0;
                if (Has(Mutation.NonAtomicClaim) ? await ClaimByStore(tab, nextIndex, nextBound) : await Claim(tab, nextIndex, nextBound))
                {
                    bound = nextBound;
                    i = nextIndex - 1;
                    advance = false;
                }
            }
            if (i < 0 || i >= n || i + n >= nextn)
            {
                if (finishing)
                {
                    await Commit(tab, nextTab);
                    return;
                }
                int sc = await sizeCtl.Load(SeqCst);
                if (await sizeCtl.CompareAndSwap(sc, sc - 1, SeqCst))
                {
                    rt.Publish(new ResizersChanged(tab, sc - 1, ResizerChange.Left));
                    if (sc - 2 != ShiftedStamp(n)) return;
                    if (Has(Mutation.NoFinishingSweep))
                    {
                        // N-4: the last resizer commits without re-checking every bin.
                        await Commit(tab, nextTab);
                        return;
                    }
                    if (rt.IsRecording) rt.Note($"last resizer of {tab}: recheck every bin before the commit");
                    rt.Cover(FinishingSweep);
                    finishing = advance = true;
                    i = n;
                }
                continue;
            }
            var f = await TabAt(tab, i);
            if (f is null)
            {
                advance = await CasTabAt(tab, i, null, fwd);
                rt.CoverIf(!advance, EmptyBinCasFails);
                if (advance && rt.IsRecording) rt.Note($"fwd empty bin {tab}[{i}]");
            }
            else if (f is ForwardingNode)
            {
                rt.Publish(new BinFoundForwarded(tab, i));
                rt.CoverIf(!finishing, ClaimedBinAlreadyForwarded);
                advance = true;
            }
            else
            {
                advance = await MoveBin(tab, nextTab, i, (ListNode)f, fwd);
                rt.CoverIf(!advance, TransferRecheckFails);
            }
        }
    }

    /// <summary>J-1a's claim of bins [nextBound, nextIndex): a plain overwrite of transferIndex, which always claims.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<bool> ClaimByStore(Table tab, int nextIndex, int nextBound)
    {
        await transferIndex.Store(nextBound, SeqCst);
        rt.Publish(new RangeClaimed(tab, nextIndex, nextBound, rt.CurrentTask));
        if (rt.IsRecording) ClaimNote(tab, nextIndex, nextBound)();
        return true;
    }

    /// <summary>The claim of bins [nextBound, nextIndex): a CAS on transferIndex, published and noted as it is made.</summary>
    CasThenPublish<int, RangeClaimed> Claim(Table tab, int nextIndex, int nextBound) =>
        new(transferIndex.CompareAndSwap(nextIndex, nextBound, SeqCst),
            rt, new RangeClaimed(tab, nextIndex, nextBound, rt.CurrentTask),
            rt.IsRecording ? ClaimNote(tab, nextIndex, nextBound) : null);

    // The trace's note of a claim, made in the claim's step. A method of its own: a lambda over the parameters
    // in Claim would make its closure on every call, recording or not.
    Action ClaimNote(Table tab, int nextIndex, int nextBound) =>
        () => rt.Note($"claim bins [{nextBound}, {nextIndex}) of {tab}: transferIndex {nextIndex} -> {nextBound}");

    /// <summary>Moves the list headed by <paramref name="f"/> under its lock; false when the re-check fails and the bin must be read again.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<bool> MoveBin(Table tab, Table nextTab, int i, ListNode f, ForwardingNode fwd)
    {
        int n = tab.Length;
        bool moved = false;
        await f.Monitor.Lock();
        // J-1b drops this re-check: a second claimant of the bin then splits the old list again.
        if (Has(Mutation.NoTransferRecheck) || await TabAt(tab, i) == f)
        {
            var (ln, hn) = Split(f, n);
            if (Has(Mutation.ForwardBeforeSplit))
            {
                // J-2b: the forwarding node is visible before the halves it points to.
                await StoreForward(tab, i, fwd);
                await SetTabAt(nextTab, i, ln);
                await SetTabAt(nextTab, i + n, hn);
            }
            else
            {
                await SetTabAt(nextTab, i, ln);
                await SetTabAt(nextTab, i + n, hn);
                await StoreForward(tab, i, fwd);
            }
            rt.Publish(new BinEvacuated(tab, i, nextTab, f));
            moved = true;
        }
        await f.Monitor.Unlock();
        return moved;
    }

    // J-3: a plain store, which nothing orders after the two release stores of the halves.
    StoreThenPublish<Node?, BinStored> StoreForward(Table tab, int i, ForwardingNode fwd) =>
        SetTabAt(tab, i, fwd, Has(Mutation.PlainForward) ? Plain : Release,
            rt.IsRecording ? ForwardNote(tab, i, fwd) : null);

    // The trace's note of a forwarded bin, made in the step of its store; a method of its own, as ClaimNote
    // (MoveBin awaits the store itself, with no method around it to note it afterwards).
    Action ForwardNote(Table tab, int i, ForwardingNode fwd) => () => rt.Note($"fwd bin {tab}[{i}] -> {fwd.NextTable}");

    /// <summary>
    /// The split of one locked list by hash bit n, as one atomic step: the tail from lastRun on (all nodes with
    /// the same bit) is reused as it is, the nodes before it are cloned and prepended to ln or hn.
    /// </summary>
    (Node? Ln, Node? Hn) Split(ListNode f, int n)
    {
        int runBit = f.Hash & n;
        ListNode lastRun = f;
        for (var p = f.Next.Get(SeqCst); p is ListNode node; p = node.Next.Get(SeqCst))
        {
            int bit = node.Hash & n;
            if (bit != runBit)
            {
                runBit = bit;
                lastRun = node;
            }
        }
        Node? ln = runBit == 0 ? lastRun : null;
        Node? hn = runBit == 0 ? null : lastRun;
        for (var p = f; p != lastRun; p = (ListNode)p.Next.Get(SeqCst)!)
        {
            rt.Cover(SplitClones);
            var clone = new ListNode(rt, p.Key, p.Clones + 1, p.Val.Get(SeqCst), (p.Hash & n) == 0 ? ln : hn);
            if ((p.Hash & n) == 0) ln = clone;
            else hn = clone;
        }
        rt.CoverIf(ln is not null && hn is not null, SplitBothHalves);
        if (rt.IsRecording) rt.Note($"split {f.Label}: ln = {Show(ln)}, hn = {Show(hn)}");
        return (ln, hn);
    }

    static string Show(Node? list)
    {
        var labels = new List<string>();
        for (var e = list; e is ListNode node; e = node.Next.Peek()) labels.Add(node.Label);
        return labels.Count == 0 ? "empty" : string.Join(" -> ", labels);
    }

    /// <summary>The commit: nextTable = null, table = nextTab, sizeCtl = 2n - n/2 (J-4a swaps the last two, J-4b makes sizeCtl plain).</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    async ValueTask Commit(Table tab, Table nextTab)
    {
        int n = tab.Length;
        int threshold = (n << 1) - (n >>> 1);
        if (rt.IsRecording) rt.Note($"commit: table = {nextTab}, sizeCtl = {threshold}");
        await nextTable.Store(null, SeqCst);
        var thresholdOrder = Has(Mutation.PlainThreshold) ? Plain : SeqCst;
        if (Has(Mutation.ThresholdBeforeTable))
        {
            await sizeCtl.Store(threshold, thresholdOrder);
            await table.Store(nextTab, TableOrder);
        }
        else
        {
            await table.Store(nextTab, TableOrder);
            await sizeCtl.Store(threshold, thresholdOrder);
        }
        rt.Publish(new ResizeCommitted(tab, nextTab));
    }
}
