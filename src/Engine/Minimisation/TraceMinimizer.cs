namespace ModelCheck.Engine;

/// <summary>A minimisation: the trace before and after, their shapes, and how many executions the search ran.</summary>
public sealed record MinimisationResult(TraceFile Original, TraceFile Minimised, TraceShape Before, TraceShape After, int Executions)
{
    /// <summary>The depth of the bug: what the minimised trace needs, and what PCT's guarantee says about it.</summary>
    public BugDepth Depth => BugDepth.Of(Original, Before, After);
}

/// <summary>
/// Shrinks a failing trace while a bug of the same kind still happens: first fewer preemptions, then
/// fewer steps, then fewer choices. Every candidate is an edited list of choices run under
/// <see cref="GuidedStrategy"/>, which follows the edits where they fit and completes the execution
/// without preempting; a candidate is kept when it ends in the same kind of bug and is smaller, and
/// the choices it actually made (exactly replayable) become the new best. The search is a
/// deterministic function of the trace and the budget, so the same trace always shrinks to the same file.
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

    sealed record Candidate(Choice[] Choices, Bug Bug, int Steps, Preemption[] Preemptions)
    {
        // Lexicographic: preemptions first, then steps, then choices. Strictly decreasing, so the search ends.
        public bool IsSmallerThan(Candidate other) =>
            Preemptions.Length != other.Preemptions.Length ? Preemptions.Length < other.Preemptions.Length
            : Steps != other.Steps ? Steps < other.Steps
            : Choices.Length < other.Choices.Length;
    }

    sealed class Search(Scenario scenario, TraceFile trace, int budget)
    {
        Candidate best = null!;

        public int Executions { get; private set; }

        public Candidate Run()
        {
            best = Execute(trace.Choices) ?? throw new InvalidOperationException("the trace replayed, but not under guidance");
            while (Executions < budget && (ShortenPrefix() | RemovePreemptions() | RemoveChoices()))
            {
            }
            return best;
        }

        // Keep only the first choices and let the execution finish without preempting: the shortest
        // prefix that still fails drops every preemption after it at once.
        bool ShortenPrefix()
        {
            for (int length = 0; length < best.Choices.Length; length++)
                if (TryAccept(best.Choices.AsSpan(0, length).ToArray())) return true;
            return false;
        }

        // At each preemption, either stay with the task that was running and follow the rest of the
        // schedule, or drop the switch and let the later choices land where they fit.
        bool RemovePreemptions()
        {
            bool improved = false;
            for (int i = best.Preemptions.Length - 1; i >= 0 && i < best.Preemptions.Length; i--)
            {
                var p = best.Preemptions[i];
                var stay = best.Choices.ToArray();
                stay[p.Choice] = new Choice(ChoiceKind.Schedule, p.From);
                improved |= TryAccept(stay) || TryAccept(Without(best.Choices, p.Choice));
            }
            return improved;
        }

        bool RemoveChoices()
        {
            bool improved = false;
            for (int i = best.Choices.Length - 1; i >= 0; i--)
                if (i < best.Choices.Length) improved |= TryAccept(Without(best.Choices, i));
            return improved;
        }

        bool TryAccept(Choice[] hints)
        {
            if (Executions >= budget) return false;
            var candidate = Execute(hints);
            if (candidate is null || !candidate.IsSmallerThan(best)) return false;
            best = candidate;
            return true;
        }

        Candidate? Execute(IReadOnlyList<Choice> hints)
        {
            Executions++;
            var watcher = new ScheduleWatcher(new GuidedStrategy(hints));
            var runtime = new Runtime(watcher, trace.Settings);
            watcher.PrepareExecution();
            var result = runtime.Execute(scenario.Entry);
            if (result.Bug is not { } bug || bug.Kind != trace.Bug.Kind) return null;
            return new Candidate(runtime.Choices.ToArray(), bug, result.Steps, watcher.Preemptions.ToArray());
        }

        static Choice[] Without(Choice[] choices, int index) => [.. choices.AsSpan(0, index), .. choices.AsSpan(index + 1)];
    }
}
