namespace ModelCheck.Engine;

/// <summary>A minimisation: the trace before and after, their shapes, and how many executions the search ran.</summary>
public sealed record MinimisationResult(TraceFile Original, TraceFile Minimised, TraceShape Before, TraceShape After, int Executions)
{
    /// <summary>The depth of the bug: what the minimised trace needs, and what PCT's guarantee says about it.</summary>
    public BugDepth Depth => BugDepth.Of(Original, Before, After);
}

/// <summary>
/// Shrinks a failing trace while a bug of the same kind still happens: first fewer preemptions, then
/// fewer steps, then fewer choices. The search works on the schedule as a plan (which task runs each
/// step, and the value choices asked at it) cut into blocks of steps of one task. Each candidate edits
/// the plan: cut it after a block and let the execution finish without preempting; at a preemption,
/// pull the preempted task's next block forward, swap the preempting block with the one after it, or
/// simply stay with the preempted task; or drop a block. It runs under <see cref="PlanStrategy"/>, which
/// follows the plan where it fits and never preempts otherwise. A candidate is kept when it ends in the
/// same kind of bug and is smaller; the choices it actually made (exactly replayable) become the
/// trace. The search is a deterministic function of the trace and the budget.
/// </summary>
public static class TraceMinimizer
{
    /// <summary>Executions the search may run; each is one execution of the scenario.</summary>
    public const int DefaultBudget = 20_000;

    public static MinimisationResult Minimize(Scenario scenario, TraceFile trace, int budget = DefaultBudget)
    {
        var before = Replayer.Replay(scenario, trace);
        if (!before.Reproduced)
            throw new TraceFormatException($"trace of '{trace.Scenario}' cannot be minimised: it does not replay ({before.Divergence})");
        var search = new Search(scenario, trace, budget);
        var best = search.Run();
        var minimised = trace with { Choices = best.Choices, Bug = best.Bug };
        var after = Replayer.Replay(scenario, minimised);
        if (!after.Reproduced)
            throw new InvalidOperationException($"the minimised trace of '{trace.Scenario}' does not replay: {after.Divergence}");
        return new MinimisationResult(trace, minimised, TraceShape.Of(before), TraceShape.Of(after), search.Executions);
    }

    /// <summary>Where the minimised trace of <paramref name="path"/> goes: beside it, as *.min.trace.json.</summary>
    public static string MinimisedPath(string path)
    {
        const string suffix = ".trace.json";
        var stem = path.EndsWith(suffix, StringComparison.Ordinal) ? path[..^suffix.Length]
            : path.EndsWith(".json", StringComparison.Ordinal) ? path[..^".json".Length] : path;
        if (stem.EndsWith(".min", StringComparison.Ordinal)) stem = stem[..^".min".Length];
        return stem + ".min" + suffix;
    }

    sealed record Candidate(PlannedStep[] Plan, Choice[] Choices, Bug Bug, int Steps, Preemption[] Preemptions)
    {
        // Lexicographic: preemptions first, then steps, then choices. Strictly decreasing, so the search ends.
        public bool IsSmallerThan(Candidate other) =>
            Preemptions.Length != other.Preemptions.Length ? Preemptions.Length < other.Preemptions.Length
            : Steps != other.Steps ? Steps < other.Steps
            : Choices.Length < other.Choices.Length;

        /// <summary>The plan cut into maximal runs of steps of one task, as [start, end) indices.</summary>
        public List<(int Start, int End)> Blocks()
        {
            var blocks = new List<(int, int)>();
            for (int start = 0, end; start < Plan.Length; start = end)
            {
                for (end = start + 1; end < Plan.Length && Plan[end].Task == Plan[start].Task; end++) { }
                blocks.Add((start, end));
            }
            return blocks;
        }
    }

    sealed class Search(Scenario scenario, TraceFile trace, int budget)
    {
        Candidate best = null!;

        public int Executions { get; private set; }

        public Candidate Run()
        {
            best = Execute(new ReplayStrategy(trace.Choices)) ?? throw new InvalidOperationException("the trace replayed, but not when watched");
            while (Executions < budget && (CutPlan() || MovePreemptions() || RemoveBlocks()))
            {
            }
            return best;
        }

        // Keep the plan up to a block and let the execution finish without preempting: the shortest
        // such prefix that still fails drops every preemption after it at once.
        bool CutPlan()
        {
            foreach (var (start, _) in best.Blocks())
                if (TryAccept(best.Plan[..start])) return true;
            return false;
        }

        bool MovePreemptions()
        {
            var blocks = best.Blocks();
            for (int i = best.Preemptions.Length - 1; i >= 0; i--)
            {
                var p = best.Preemptions[i];
                int at = blocks.FindIndex(b => b.Start == p.Step - 1);
                if (at < 0) continue;
                var (start, end) = blocks[at];
                var plan = best.Plan;
                // Pull the preempted task's next block forward, so it runs on where it was preempted.
                int next = blocks.FindIndex(at, b => plan[b.Start].Task == p.From);
                if (next >= 0 && TryAccept([.. plan[..start], .. plan[blocks[next].Start..blocks[next].End], .. plan[start..blocks[next].Start], .. plan[blocks[next].End..]]))
                    return true;
                // Let the block after the preempting one go first.
                if (at + 1 < blocks.Count && TryAccept([.. plan[..start], .. plan[end..blocks[at + 1].End], .. plan[start..end], .. plan[blocks[at + 1].End..]]))
                    return true;
                // Stay with the preempted task for one more step and follow the rest of the plan.
                var stay = plan.ToArray();
                stay[start] = stay[start] with { Task = p.From };
                if (TryAccept(stay)) return true;
            }
            return false;
        }

        bool RemoveBlocks()
        {
            var blocks = best.Blocks();
            for (int i = blocks.Count - 1; i >= 0; i--)
                if (TryAccept([.. best.Plan[..blocks[i].Start], .. best.Plan[blocks[i].End..]])) return true;
            return false;
        }

        bool TryAccept(PlannedStep[] plan)
        {
            if (Executions >= budget) return false;
            var candidate = Execute(new PlanStrategy(plan));
            if (candidate is null || !candidate.IsSmallerThan(best)) return false;
            best = candidate;
            return true;
        }

        Candidate? Execute(IStrategy strategy)
        {
            Executions++;
            var watcher = new ScheduleWatcher(strategy);
            // The recorder tells which task ran every step, forced ones included, which the plan needs.
            var recorder = new ExecutionRecorder();
            var runtime = new Runtime(watcher, trace.Settings, recorder);
            watcher.PrepareExecution();
            ExecutionResult result;
            try
            {
                result = runtime.Execute(scenario.Entry);
            }
            catch (StrategyMismatchException)
            {
                return null;
            }
            if (result.Bug is not { } bug || bug.Kind != trace.Bug.Kind) return null;
            return new Candidate(PlanOf(recorder.StepTasks, watcher.Values), runtime.Choices.ToArray(), bug, result.Steps, watcher.Preemptions.ToArray());
        }

        static PlannedStep[] PlanOf(IReadOnlyList<int> stepTasks, IReadOnlyList<(int Step, Choice Choice)> values)
        {
            int length = Math.Max(stepTasks.Count, values.Count == 0 ? 0 : values.Max(v => v.Step));
            var plan = new PlannedStep[length];
            for (int i = 0; i < length; i++)
                plan[i] = new PlannedStep(i < stepTasks.Count ? stepTasks[i] : -1, values.Where(v => v.Step == i + 1).Select(v => v.Choice).ToArray());
            return plan;
        }
    }
}
