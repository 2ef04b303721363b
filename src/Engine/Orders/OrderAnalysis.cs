namespace ModelCheck.Engine;

/// <summary>
/// How one exploration ended: passed or found a bug, and how much of the space it covered.
/// <see cref="Sampled"/>: explored by random sampling, so a pass proves nothing.
/// </summary>
public sealed record OrdersRun(string Scenario, MemoryModel Memory, BugKind Observed, int Executions, bool Complete, int? CompleteWithin, string? StopReason, bool Sampled)
{
    public bool Passed => Observed == BugKind.None;

    /// <summary>"complete", "complete within 1 preemption", "not complete: 2000 executions (timeout)", "sampled", or for a bug "found in execution 6".</summary>
    public string Coverage => !Passed ? $"found in execution {Executions}"
        : Sampled && StopReason is null ? "sampled (random)"
        : Complete
        ? CompleteWithin is { } bound ? $"complete within {bound} preemption{(bound == 1 ? "" : "s")}" : "complete"
        : $"not complete: {Executions} executions{(StopReason is null ? "" : $" ({StopReason})")}";
}

/// <summary>One weakening of a site under one memory model: every scenario that reaches the site passed, or the first that broke.</summary>
public sealed record Weakening(MemoryOrder Order, MemoryModel Memory, IReadOnlyList<OrdersRun> Runs, string? TracePath)
{
    public OrdersRun? Break => Runs.FirstOrDefault(r => !r.Passed);
}

/// <summary>A site, the cells it accessed, what each weakening tried did, and the weakest orders under which every scenario passed.</summary>
public sealed record SiteResult(AccessSite Site, IReadOnlyList<string> Cells, IReadOnlyList<string> Scenarios, IReadOnlyList<Weakening> Tried, IReadOnlyList<MemoryOrder> Weakest)
{
    /// <summary>The declared order is the weakest that kept every scenario passing.</summary>
    public bool Necessary => Weakest.Count == 1 && Weakest[0] == Site.Declared;
}

/// <summary>What `modelcheck orders` found: the scenarios' baselines (declared orders) and every site's result.</summary>
public sealed record OrdersReport(IReadOnlyList<OrdersRun> Baselines, IReadOnlyList<SiteResult> Sites, bool Interrupted);

/// <summary>Where the analysis is, for a progress display: the site (0 while the baselines run) of how many, what runs, its executions so far.</summary>
public readonly record struct OrdersProgress(int Site, int Sites, string Doing, int Executions);

/// <summary>
/// Which declared memory orders a model needs, judged by its scenarios. Each scenario first runs as
/// declared under the first model (ra) with a <see cref="SiteCensus"/>: it must pass, and it tells
/// which atomic sites it reaches. Then each site is weakened alone, one step down its
/// <see cref="OrderLadder"/> at a time, and every scenario that reaches it runs again: a step under which
/// all pass is taken and the next tried; a step under which one breaks is kept as the reason the order
/// above it is needed, with the bug's minimised trace. Orders are monotonic (a weaker order allows every
/// execution a stronger one does), so the search stops at the first break. A site left stronger than
/// needed is redundant under these scenarios only: scenarios that do less prove less.
/// A breaking step whose access x86-TSO runs differently (a seq_cst store or fence made weaker) is also
/// run under the second model (tso), to say whether the break shows on x86 too. x86 allows nothing C11's
/// release/acquire forbids, so a step that passes under ra needs no tso run; and tso's store-buffer
/// drains multiply a map's schedules past any complete search, so that run samples (random, the
/// configuration's iterations and seed) and says so.
/// </summary>
public sealed class OrderAnalysis(TestConfiguration configuration, MemoryModel[] models, ExplorationControl? stop = null,
    Action<OrdersProgress>? progress = null)
{
    /// <summary>The model every scenario and weakening runs under; the others run where the weakening differs there.</summary>
    MemoryModel Primary => models[0];

    readonly Dictionary<(string, MemoryModel), OrdersRun> baselines = [];
    OrdersProgress now;

    public OrdersReport Run(IReadOnlyList<Scenario> scenarios)
    {
        var census = new Dictionary<string, IReadOnlyList<(AccessSite Site, IReadOnlyList<string> Cells)>>();
        var judged = new List<Scenario>();
        foreach (var scenario in scenarios)
        {
            var sites = new SiteCensus();
            Report(new OrdersProgress(0, 0, $"{scenario.Name} as declared under {Primary.ToName()}", 0));
            var run = Explore(scenario, Primary, sites, configuration, out _);
            baselines[(scenario.Name, Primary)] = run;
            if (Stopped) return Report(judged, []);
            if (!run.Passed) continue;
            judged.Add(scenario);
            census[scenario.Name] = sites.Sites();
        }
        var all = census.Values.SelectMany(s => s).GroupBy(s => s.Site).OrderBy(g => g.Key).ToList();
        var results = new List<SiteResult>();
        for (int i = 0; i < all.Count && !Stopped; i++)
        {
            var site = all[i].Key;
            var cells = all[i].SelectMany(s => s.Cells).Distinct().Order(StringComparer.Ordinal).ToList();
            var reaching = judged.Where(s => census[s.Name].Any(c => c.Site == site)).ToList();
            results.Add(Judge(site, cells, reaching, i + 1, all.Count));
        }
        return Report(judged, results);
    }

    bool Stopped => stop?.StopRequested == true;

    OrdersReport Report(List<Scenario> judged, List<SiteResult> sites) =>
        new(baselines.Values.OrderBy(b => b.Scenario, StringComparer.Ordinal).ThenBy(b => Array.IndexOf(models, b.Memory)).ToList(), sites, Stopped);

    SiteResult Judge(AccessSite site, IReadOnlyList<string> cells, IReadOnlyList<Scenario> reaching, int index, int count)
    {
        var tried = new List<Weakening>();
        var weakest = new List<MemoryOrder>();
        var frontier = new List<MemoryOrder> { site.Declared };
        while (frontier.Count > 0 && !Stopped)
        {
            var next = new List<MemoryOrder>();
            foreach (var order in frontier)
            {
                bool anyPassed = false;
                foreach (var weaker in OrderLadder.Weaker(site.Kind, order))
                {
                    if (tried.Any(t => t.Order == weaker)) { anyPassed |= tried.First(t => t.Order == weaker).Break is null; continue; }
                    var weakening = Try(site, weaker, Primary, reaching, index, count, configuration);
                    tried.Add(weakening);
                    if (weakening.Break is null)
                    {
                        anyPassed = true;
                        next.Add(weaker);
                        continue;
                    }
                    // Does the break show on x86 too? Only where x86 runs the weakened access differently.
                    foreach (var memory in models.Skip(1))
                        if (OrderLadder.DiffersUnderTso(site.Kind, site.Declared, weaker))
                            tried.Add(Try(site, weaker, memory, reaching, index, count, Sampling));
                }
                if (!anyPassed && !weakest.Contains(order)) weakest.Add(order);
            }
            frontier = next.Distinct().ToList();
        }
        return new SiteResult(site, cells, reaching.Select(s => s.Name).ToList(), tried, weakest.Order().ToList());
    }

    /// <summary>How the second model's runs explore: random sampling with the configuration's budget and seed.</summary>
    TestConfiguration Sampling => configuration with { Strategy = StrategyKind.Random, StrategyValue = null };

    Weakening Try(AccessSite site, MemoryOrder order, MemoryModel memory, IReadOnlyList<Scenario> reaching, int index, int count, TestConfiguration how)
    {
        var runs = new List<OrdersRun>();
        var weakening = new SiteWeakening(site, order);
        foreach (var scenario in reaching)
        {
            // Under a second model the scenario must pass as declared there too (the baselines list it), or a break says nothing.
            if (memory != Primary && !Baseline(scenario, memory, how).Passed) continue;
            Report(new OrdersProgress(index, count, $"{site.Location} {OrderLadder.Name(site.Kind, order)} under {memory.ToName()}: {scenario.Name}", 0));
            var run = Explore(scenario, memory, weakening, how, out var found);
            runs.Add(run);
            if (Stopped) break;
            if (found is not null) return new Weakening(order, memory, runs, found);
        }
        return new Weakening(order, memory, runs, null);
    }

    OrdersRun Baseline(Scenario scenario, MemoryModel memory, TestConfiguration how)
    {
        if (!baselines.TryGetValue((scenario.Name, memory), out var run))
            baselines[(scenario.Name, memory)] = run = Explore(scenario, memory, null, how, out _);
        return run;
    }

    /// <summary>Explores <paramref name="scenario"/> under <paramref name="memory"/> with <paramref name="orders"/>; a bug's minimised trace goes to the output directory.</summary>
    OrdersRun Explore(Scenario scenario, MemoryModel memory, SiteOrders? orders, TestConfiguration how, out string? tracePath)
    {
        var pinned = scenario with { Memory = memory };
        var config = how with { Execution = how.Execution with { Memory = memory, Orders = orders } };
        var report = Explorer.Explore(pinned, config, p => Report(now with { Executions = p.Executions }), stop);
        tracePath = null;
        if (report.Bugs.Count > 0 && orders is SiteWeakening weakening)
        {
            var minimised = TraceMinimizer.Minimize(pinned, TraceFile.From(report, report.Bugs[0])).Minimised;
            tracePath = Path.Combine(configuration.OutputDirectory, TraceName(weakening, memory));
            minimised.Write(tracePath);
        }
        return new OrdersRun(scenario.Name, memory, report.Observed, report.Executions, report.Complete, report.CompleteWithin, report.StopReason,
            Sampled: how.Strategy is StrategyKind.Random or StrategyKind.Pct);
    }

    void Report(OrdersProgress state)
    {
        now = state;
        progress?.Invoke(state);
    }

    /// <summary>"Maps_ConcurrentHashMap_ConcurrentHashMap.cs_91_TabAt_load_relaxed_ra.min.trace.json": unique per site, order and model.</summary>
    public static string TraceName(SiteWeakening weakening, MemoryModel memory)
    {
        var site = weakening.Site;
        var file = site.File.StartsWith("src/", StringComparison.Ordinal) ? site.File[4..] : site.File;
        var name = $"{file}{(site.Line > 0 ? $"_{site.Line}" : "")}_{site.Member}_{site.Operation}_{OrderLadder.Name(site.Kind, weakening.Order)}_{memory.ToName()}";
        var safe = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+') safe.Append(c);
            else if (c != ']') safe.Append(c == '[' ? '-' : '_');
        return safe + ".min.trace.json";
    }
}
