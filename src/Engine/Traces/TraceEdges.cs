using System.Text.RegularExpressions;

namespace ModelCheck.Engine;

/// <summary>How one step relates to an earlier one in another task.</summary>
public enum EdgeKind
{
    /// <summary>A load read the value a store of another task wrote.</summary>
    ReadsFrom,
    /// <summary>A release synchronised with an acquire (unlock then lock, Done then Wait, a release store read by an acquire load): happens-before.</summary>
    HappensBefore,
    /// <summary>A store came right before another store to the same location in its modification order (tso, ra).</summary>
    ModificationOrder,
    /// <summary>
    /// From-read: a load read a store that this later store overwrote in modification order (tso, ra).
    /// A stale read is explained by it: the load missed the store the arrow points at.
    /// </summary>
    FromRead,
}

/// <summary>An edge between the steps of two tasks, drawn as an arrow in the HTML report.</summary>
public sealed record TraceEdge(int FromStep, int FromTask, int ToStep, int ToTask, EdgeKind Kind);

/// <summary>
/// Derives the cross-task edges of a replay. Under sequential consistency a load reads the latest store
/// to its object, which the access log gives. Under tso and ra the replay's <see cref="MemoryLog"/> says
/// which store each load read (reads-from), in which order each location's stores reached memory or
/// were placed (modification order), and so which store a load missed (from-read). An acquire load that
/// reads a release store is a happens-before edge under every model; so are unlock then lock and
/// Add/Done then Wait. Edges within one task are program order and are not drawn; duplicate edges
/// between the same two steps are drawn once.
/// </summary>
public static partial class TraceEdges
{
    /// <summary>The edges of a replayed execution, under its memory model.</summary>
    public static IReadOnlyList<TraceEdge> Of(ReplayResult replay) =>
        Of(replay.Accesses, replay.Trace.Settings.Memory, replay.Recording.Memory);

    /// <summary>
    /// The edges of an access log; under tso and ra the loads' sources come from <paramref name="log"/>
    /// (without one, no reads-from, modification-order or from-read edge is drawn: the access log does not say).
    /// </summary>
    public static IReadOnlyList<TraceEdge> Of(IReadOnlyList<Access> accesses, MemoryModel memory, MemoryLog? log = null)
    {
        bool latestStore = memory == MemoryModel.Sc;
        var edges = new List<TraceEdge>();
        var seen = new HashSet<(int, int, EdgeKind)>();
        var lastWrite = new Dictionary<int, Access>();
        var lastRelease = new Dictionary<int, List<Access>>();
        void Add(Access from, Access to, EdgeKind kind)
        {
            if (from.Task != to.Task && from.Step != to.Step && seen.Add((from.Step, to.Step, kind)))
                edges.Add(new TraceEdge(from.Step, from.Task, to.Step, to.Task, kind));
        }
        foreach (var access in accesses)
        {
            if (access.Object < 0) continue;
            if (latestStore && access.Op.Reads() && lastWrite.TryGetValue(access.Object, out var write))
            {
                Add(write, access, EdgeKind.ReadsFrom);
                if (IsRelease(write.Order) && IsAcquire(access.Order)) Add(write, access, EdgeKind.HappensBefore);
            }
            if (access.Op.Writes()) lastWrite[access.Object] = access;
            switch (access.Op)
            {
                case OpKind.Unlock or OpKind.RUnlock or OpKind.WaitGroupAdd:
                    if (!lastRelease.TryGetValue(access.Object, out var releases)) lastRelease[access.Object] = releases = [];
                    releases.Add(access);
                    break;
                case OpKind.Lock or OpKind.RLock or OpKind.WaitGroupWait:
                    if (lastRelease.TryGetValue(access.Object, out var pending))
                    {
                        foreach (var release in pending) Add(release, access, EdgeKind.HappensBefore);
                        // A lock synchronises with the unlock just before it; older unlocks are ordered through it.
                        if (access.Op != OpKind.WaitGroupWait) pending.Clear();
                    }
                    break;
            }
        }
        if (!latestStore && log is not null) AddWeakEdges(log, (from, to, kind) =>
        {
            if (from.Task != to.Task && from.Step != to.Step && seen.Add((from.Step, to.Step, kind)))
                edges.Add(new TraceEdge(from.Step, from.Task, to.Step, to.Task, kind));
        });
        return edges;
    }

    static void AddWeakEdges(MemoryLog log, Action<(int Step, int Task), (int Step, int Task), EdgeKind> add)
    {
        foreach (var read in log.Reads)
        {
            var location = log.Location(read.Location)!;
            var store = location.Stores[read.Message];
            if (!store.IsInitial)
            {
                add((store.Step, store.Task), (read.Step, read.Task), EdgeKind.ReadsFrom);
                if (IsRelease(store.Order) && IsAcquire(read.Order)) add((store.Step, store.Task), (read.Step, read.Task), EdgeKind.HappensBefore);
            }
            if (location.After(read.Message) is { } missed) add((read.Step, read.Task), (missed.Step, missed.Task), EdgeKind.FromRead);
        }
        foreach (var location in log.Locations)
            for (int place = 2; place < location.Order.Count; place++)
            {
                // The initial value comes first in every order; an edge from it would say nothing.
                var (before, after) = (location.Stores[location.Order[place - 1]], location.Stores[location.Order[place]]);
                add((before.Step, before.Task), (after.Step, after.Task), EdgeKind.ModificationOrder);
            }
    }

    static bool IsRelease(MemoryOrder order) => order is MemoryOrder.Release or MemoryOrder.AcqRel or MemoryOrder.SeqCst;

    static bool IsAcquire(MemoryOrder order) => order is MemoryOrder.Acquire or MemoryOrder.AcqRel or MemoryOrder.SeqCst;

    /// <summary>
    /// The step of the earlier access of a data race: the race detector names both accesses in the bug's
    /// message ("... at step 3 and ... at step 7 are not ordered by happens-before"); the later one is the
    /// bug's step. Null for other bugs, or when the message does not name two steps.
    /// </summary>
    public static int? EarlierRacingStep(Bug bug)
    {
        if (bug.Kind != BugKind.DataRace) return null;
        var steps = StepMention().Matches(bug.Message);
        return steps.Count == 2 && int.TryParse(steps[0].Groups[1].ValueSpan, out int step) && step != bug.Step ? step : null;
    }

    [GeneratedRegex(@"\bat step (\d+)\b")]
    private static partial Regex StepMention();
}
