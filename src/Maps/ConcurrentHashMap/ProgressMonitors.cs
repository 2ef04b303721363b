using ModelCheck.Engine;

namespace ModelCheck.Maps.ConcurrentHashMap;

// The progress (liveness) properties of the cooperative resize, as hot/cold monitors (docs/writing-scenarios.md: liveness
// monitors). Safety says nothing goes wrong; these say the resize and the writers that meet it get done.

/// <summary>
/// P-1: a writer that meets a ForwardingNode moves on. helpTransfer returns the forwarding node's next
/// table, so each meeting takes the writer to a newer table: it can meet at most as many forwarding
/// nodes as resizes have started. One monitor per task, hot from its first meeting until it returns.
/// </summary>
sealed class WriterProgressMonitor(Runtime rt) : IMonitor<ForwardMet>, IMonitor<WriterReturned>
{
    // Names and messages are made only when a report shows them: these are made in every execution that resizes.
    sealed class Writer(int task, string taskName, Writer? earlier)
    {
        public readonly int Task = task;
        public readonly Writer? Earlier = earlier;
        public LivenessMonitor? Monitor;
        public Table? Table;

        public string Name() => $"P-1 writer progress of {taskName}";

        // Each meeting should have taken the writer to a newer table.
        public string Stuck() =>
            $"meeting {Monitor!.Temperature} of a forwarding node, this time in {Table}, though only {Monitor.Threshold} resize{(Monitor.Threshold == 1 ? " has" : "s have")} started: helpTransfer does not take the writer to the next table";
    }

    // The writers that met a forwarding node, newest first: a chain of two or three, no collection per execution.
    Writer? latest;

    Writer? Of(int task)
    {
        for (var writer = latest; writer is not null; writer = writer.Earlier)
            if (writer.Task == task) return writer;
        return null;
    }

    public string Name => "P-1 writer progress";

    public string? Observe(ForwardMet e)
    {
        int task = rt.CurrentTask;
        if (Of(task) is not { } writer)
        {
            writer = latest = new Writer(task, rt.TaskName(task), latest);
            writer.Monitor = rt.AddLivenessMonitor(writer.Name, TemperatureUnit.Entries, writer.Stuck);
        }
        writer.Table = e.Table;
        writer.Monitor!.Threshold = e.Resizes;
        writer.Monitor.Hot();
        return null;
    }

    public string? Observe(WriterReturned e)
    {
        if (Of(rt.CurrentTask) is { } writer) writer.Monitor!.Cold();
        return null;
    }
}

/// <summary>
/// P-2: a transfer completes once its resizers stop: from the publication of nextTable the resize is
/// owed a commit, and the last resizer to leave makes it. Hot until the commit; hot at the end of the
/// execution (every resizer has stopped) is a liveness bug.
/// </summary>
sealed class TransferProgressMonitor(Runtime rt) : IMonitor<NextTablePublished>, IMonitor<ResizeCommitted>, IMonitor<ResizersChanged>
{
    sealed class Resize(Table old, Table next, Resize? earlier)
    {
        public readonly Table Old = old, Next = next;
        public readonly Resize? Earlier = earlier;
        public LivenessMonitor? Monitor;
        public int Resizers = 1;
        public int LastLeft;

        // Methods, not lambdas over the resize: no closure per resize per execution.
        public string Name() => $"P-2 transfer {Old} -> {Next}";

        public string Pending() =>
            $"the transfer never committed; {(Resizers == 0 ? $"its last resizer left at step {LastLeft}" : $"{Resizers} resizers are still inside it")}";
    }

    // The latest resize, linked to those before it: a chain, not a list, as a resize happens in most executions.
    Resize? latest;

    public string Name => "P-2 transfer progress";

    public string? Observe(NextTablePublished e)
    {
        var resize = latest = new Resize(e.Old, e.Next, latest);
        resize.Monitor = rt.AddLivenessMonitor(resize.Name, TemperatureUnit.Steps, resize.Pending);
        resize.Monitor.Hot();
        return null;
    }

    public string? Observe(ResizersChanged e)
    {
        if (Find(e.Table) is not { } resize) return null;
        resize.Resizers += e.Change == ResizerChange.Left ? -1 : e.Change == ResizerChange.Joined ? 1 : 0;
        if (e.Change == ResizerChange.Left) resize.LastLeft = rt.Step;
        return null;
    }

    public string? Observe(ResizeCommitted e)
    {
        Find(e.Old)?.Monitor!.Cold();
        return null;
    }

    // The latest resize of a table: J-4a resizes a forwarded table again. A loop: this runs at every resizer change.
    Resize? Find(Table old)
    {
        for (var resize = latest; resize is not null; resize = resize.Earlier)
            if (resize.Old == old) return resize;
        return null;
    }
}

/// <summary>
/// P-3: every claim gets done: each bin a resizer claims it forwards (moving the list, or forwarding the
/// empty bin) or finds already forwarded before it deregisters. One monitor per resizer task, hot while
/// bins of its claims are pending; still hot at the deregistration is a liveness bug, since nobody else
/// will walk those bins. Only bins inside the claimed table count: a stale helper (one whose helpTransfer
/// read sizeCtl after the next resize began; see chm/correct/two-resizes-under-get) claims indices of
/// the next resize's transferIndex, and transfer deliberately leaves those past its table's end
/// (`i >= n`) to that resize's finishing sweep, which P-2 then covers.
/// </summary>
sealed class ClaimProgressMonitor(Runtime rt) : IMonitor<RangeClaimed>, IMonitor<BinStored>, IMonitor<BinFoundForwarded>, IMonitor<ResizersChanged>
{
    sealed class Resizer(int task, Table table, string taskName, Resizer? earlier)
    {
        public readonly int Task = task;
        public readonly Resizer? Earlier = earlier;
        public Table Table = table;
        // The pending bins as bits: tables of these scenarios have at most 64 bins (Observe checks).
        public ulong Pending;
        public LivenessMonitor? Monitor;

        public int PendingCount => System.Numerics.BitOperations.PopCount(Pending);

        public IEnumerable<int> PendingBins()
        {
            for (int i = 0; i < 64; i++)
                if ((Pending & (1UL << i)) != 0) yield return i;
        }

        // Methods, not lambdas over the resizer: no closure per resizer per execution.
        public string Name() => $"P-3 claims of {taskName}";

        public string Unforwarded() => $"bin{(PendingCount > 1 ? "s" : "")} {string.Join(", ", PendingBins())} of {Table} claimed but never forwarded";
    }

    // The resizers that claimed bins, newest first: a chain of one or two, no collection per execution.
    Resizer? latest;

    public string Name => "P-3 claim progress";

    Resizer? Of(int task)
    {
        for (var resizer = latest; resizer is not null; resizer = resizer.Earlier)
            if (resizer.Task == task) return resizer;
        return null;
    }

    public string? Observe(RangeClaimed e)
    {
        if (Of(e.Task) is not { } resizer)
        {
            resizer = latest = new Resizer(e.Task, e.Old, rt.TaskName(e.Task), latest);
            resizer.Monitor = rt.AddLivenessMonitor(resizer.Name, TemperatureUnit.Steps, resizer.Unforwarded);
        }
        if (e.Old.Length > 64) throw new InvalidOperationException($"P-3 tracks the claims of tables of up to 64 bins; {e.Old} has {e.Old.Length}");
        resizer.Table = e.Old;
        for (int i = e.Bound; i < Math.Min(e.Seen, e.Old.Length); i++) resizer.Pending |= 1UL << i;
        if (resizer.Pending != 0) resizer.Monitor!.Hot();
        return null;
    }

    public string? Observe(BinStored e)
    {
        if (e.Value is ForwardingNode) Done(e.Table, e.Index);
        return null;
    }

    public string? Observe(BinFoundForwarded e)
    {
        Done(e.Table, e.Index);
        return null;
    }

    public string? Observe(ResizersChanged e)
    {
        if (e.Change == ResizerChange.Left && Of(rt.CurrentTask) is { } resizer)
            resizer.Monitor!.Due("when its resizer deregistered");
        return null;
    }

    void Done(Table table, int index)
    {
        if (Of(rt.CurrentTask) is not { } resizer || resizer.Table != table) return;
        ulong bin = 1UL << index;
        if ((resizer.Pending & bin) == 0) return;
        resizer.Pending &= ~bin;
        if (resizer.Pending == 0) resizer.Monitor!.Cold();
    }
}
