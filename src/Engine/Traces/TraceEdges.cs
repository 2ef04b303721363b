using System.Text.RegularExpressions;

namespace ModelCheck.Engine;

/// <summary>How one step relates to an earlier one in another task.</summary>
public enum EdgeKind
{
    /// <summary>A load read the value a store of another task wrote.</summary>
    ReadsFrom,
    /// <summary>A release synchronised with an acquire (unlock then lock, Done then Wait, a release store read by an acquire load): happens-before.</summary>
    HappensBefore,
}

/// <summary>An edge between the steps of two tasks, drawn as an arrow in the HTML report.</summary>
public sealed record TraceEdge(int FromStep, int FromTask, int ToStep, int ToTask, EdgeKind Kind);

/// <summary>
/// Derives the cross-task edges of a replay from its access log. Under sequential consistency a load
/// reads the latest store to its object, and an acquire load that reads a release store is a
/// happens-before edge; under weaker models the access log does not say which store a load read, so
/// no reads-from edge is drawn. Unlock then lock, and Add/Done then Wait, synchronise under every model. Edges within one task are
/// program order and are not drawn; duplicate edges between the same two steps are drawn once.
/// </summary>
public static partial class TraceEdges
{
    public static IReadOnlyList<TraceEdge> Of(IReadOnlyList<Access> accesses, MemoryModel memory)
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
        return edges;
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
