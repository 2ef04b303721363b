using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// Iter (table.go): `for k, v := range m`. Local to the ranging goroutine, so its fields are plain C#
/// fields. It walks the directory from a random dirOffset and each table from a random entryOffset (data
/// choices the strategy makes). The table it resolved stays its table (it.tab) even after that table is
/// replaced: the stale table decides which keys to produce, so none is produced twice, and each is looked
/// up again in the live map (grownKeyElem), so deleted keys are skipped and values are current. When the
/// directory has doubled since the last step, dirIdx and dirOffset are shifted left by the difference;
/// after a table, dirIdx skips every slot the table covered, by the iterated table's own localDepth.
/// </summary>
public sealed class SwissIterator : GoRangeIterator
{
    readonly SwissMap map;
    bool empty;
    ulong entryOffset;
    ulong dirOffset;
    int globalDepth;
    int dirIdx;
    Table? tab;
    Group? smallGroup;
    ulong entryIdx;

    internal SwissIterator(SwissMap map) : base(map, map.Runtime) => this.map = map;

    /// <summary>Ghost: the table it walks (null for a small map), and the group and slot of the entry it last yielded; null before the first and after the end.</summary>
    internal (Table? Table, Group Group, int Slot)? GhostPosition
    {
        get
        {
            if (Key is null || entryIdx == 0) return null;
            if (dirIdx < 0) return (null, smallGroup!, (int)((entryIdx - 1 + entryOffset) % Group.Slots));
            if (tab is null) return null;
            ulong entry = (entryIdx - 1 + entryOffset) & ((ulong)tab.Capacity - 1);
            return (tab, tab.Groups[(int)(entry / Group.Slots)], (int)(entry % Group.Slots));
        }
    }

    /// <summary>Iter.Init then the first Next, as mapIterStart does.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    internal async ValueTask Init()
    {
        var rt = map.Runtime;
        await rt.Yield();
        var (small, dirLen, depth) = map.IterSnapshot();
        if (map.Len() == 0)
        {
            empty = true;
            rt.Publish(new IterationStarted(map, this));
            Produce(null, 0);
            return;
        }
        globalDepth = depth;
        if (dirLen == 0)
        {
            dirIdx = -1;   // small at Init
            smallGroup = small;
            entryOffset = (ulong)rt.Choose(Group.Slots);
        }
        else
        {
            entryOffset = (ulong)rt.Choose(map.Config.MaxTableCapacity);
            dirOffset = (ulong)rt.Choose(dirLen);
        }
        if (rt.IsRecording) rt.Note($"{map.Name}: iteration starts at entry offset {entryOffset}" + (dirLen == 0 ? " (small map)" : $", directory offset {dirOffset}"));
        rt.Publish(new IterationStarted(map, this));
        await Advance();
    }

    /// <summary>Iter.Next.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    protected override async ValueTask Advance()
    {
        if (empty)
        {
            Produce(null, 0);
            return;
        }
        await map.CheckNoWriterDuringIteration();
        if (dirIdx < 0)
        {
            AdvanceSmall();
            return;
        }
        var rt = map.Runtime;
        int depth = map.IterGlobalDepth();
        if (globalDepth != depth)
        {
            // The directory doubled (perhaps more than once): scale the logical position with it.
            int orders = depth - globalDepth;
            rt.Cover(SwissCoverage.IteratorRescaled);
            if (map.Config.Bug != SwissMapBug.W4DirectoryGrowthNotRescaled)
            {
                dirIdx <<= orders;
                dirOffset <<= orders;
            }
            globalDepth = depth;
        }
        for (; ; NextDirIdx())
        {
            int dirLen = map.IterDirLen();
            if (dirIdx >= dirLen) break;
            if (tab is null)
            {
                int position = (int)(((ulong)dirIdx + dirOffset) & (ulong)(dirLen - 1));
                var resolved = map.DirectoryAt(position);
                int index = resolved.Index.Get(Plain);
                // The random start may land inside a table's run: move the offset back to the run's first slot.
                if (index != position)
                {
                    rt.Cover(SwissCoverage.IteratorRealigned);
                    dirOffset = unchecked(dirOffset - (ulong)(position - index));
                }
                tab = resolved;
            }
            ulong entryMask = (ulong)tab.Capacity - 1;
            for (; entryIdx <= entryMask; entryIdx++)
            {
                ulong entry = (entryIdx + entryOffset) & entryMask;
                var g = tab.Groups[(int)(entry / Group.Slots)];
                int slot = (int)(entry % Group.Slots);
                if (!Ctrls.IsFull(g.Ctrl.Get(Plain)[slot])) continue;
                var key = g.Keys[slot].Get(Plain);
                int value;
                bool grown = tab.Index.Get(Plain) == -1;
                if (grown && map.Config.Bug != SwissMapBug.W1IteratorSkipsRelookup)
                {
                    // The table has grown or split since: the key's current state is in the live map.
                    rt.Cover(SwissCoverage.StaleRelookup);
                    var (liveKey, liveValue, found) = map.GetWithKey(key, GoKey.HashOf(key));
                    rt.CoverIf(!found, SwissCoverage.StaleKeyDeleted);
                    if (!found) continue;   // deleted since
                    key = liveKey;
                    value = liveValue;
                }
                else
                {
                    value = g.Elems[slot].Get(Plain);
                }
                entryIdx++;
                Produce(key, value);
                return;
            }
        }
        Produce(null, 0);
    }

    /// <summary>A map small at Init: its one group from the random slot; once the map has tables, keys are looked up again.</summary>
    void AdvanceSmall()
    {
        for (; entryIdx < Group.Slots; entryIdx++)
        {
            int slot = (int)((entryIdx + entryOffset) % Group.Slots);
            if (!Ctrls.IsFull(smallGroup!.Ctrl.Get(Plain)[slot])) continue;
            var key = smallGroup.Keys[slot].Get(Plain);
            int value;
            if (map.IterDirLen() > 0)
            {
                map.Runtime.Cover(SwissCoverage.SmallIteratorRelookup);
                var (liveKey, liveValue, found) = map.GetWithKey(key, GoKey.HashOf(key));
                if (!found) continue;
                key = liveKey;
                value = liveValue;
            }
            else
            {
                value = smallGroup.Elems[slot].Get(Plain);
            }
            entryIdx++;
            Produce(key, value);
            return;
        }
        Produce(null, 0);
    }

    /// <summary>
    /// nextDirIdx: skip every directory slot the iterated table covers, 2^(globalDepth − it.tab.localDepth).
    /// A stale table that has since split covers its two halves' slots too; their keys came through it.
    /// </summary>
    void NextDirIdx()
    {
        int localDepth = tab!.LocalDepth;
        if (map.Config.Bug == SwissMapBug.W2SkipByInstalledDepth)
            localDepth = map.DirectoryAt((int)(((ulong)dirIdx + dirOffset) & (ulong)(map.IterDirLen() - 1))).LocalDepth;
        dirIdx += 1 << (map.IterGlobalDepth() - localDepth);
        tab = null;
        entryIdx = 0;
    }
}
