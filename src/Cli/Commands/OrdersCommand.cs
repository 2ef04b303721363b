using System.CommandLine;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck orders [ASSEMBLY.dll] PATTERN...`: which declared memory orders the matching scenarios
/// need (<see cref="OrderAnalysis"/>). Prints the scenarios as declared, then one row per atomic site:
/// declared order, weakest order under which every scenario still passes, and each weakening that broke
/// one, with the scenario, the bug and the minimised trace. Exit 0 when it ran; 1 when no scenario passes
/// as declared; 2 for bad input (a pattern that matches nothing, scenarios that reach no atomic site);
/// 130 on Ctrl-C.
/// </summary>
public static class OrdersCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var arguments = new Argument<string[]>("scenarios") { Arity = ArgumentArity.ZeroOrMore, Description = "[ASSEMBLY.dll] then scenario names or globs; litmus/NAME names a litmus test of the catalogue" };
        var noProgress = new Option<bool>("--no-progress") { Description = "no progress bar, even on a terminal" };
        var options = new ExplorationOptions();
        var command = new Command("orders", "weaken each atomic access and fence one step at a time: which declared orders do the scenarios need?") { arguments, noProgress };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (options.AllBugsGiven(parse)) throw new UsageException("orders: --all-bugs does not apply (a weakening is judged by its first bug)");
            var configuration = options.Resolve(parse);
            var models = options.MemoryGiven(parse) is { } given ? [given] : new[] { MemoryModel.Ra, MemoryModel.Tso };
            var (assembly, patterns) = ScenarioSource.SplitArguments(parse.GetValue(arguments) ?? []);
            if (patterns.Count == 0) throw new UsageException("orders: give one or more scenario patterns (see 'modelcheck list'), or litmus/NAME");
            var loaded = ScenarioSource.Load(assembly);
            var matched = ScenarioSource.Select(assembly is null ? ScenarioSource.WithLitmus(loaded) : loaded, patterns);
            var scenarios = matched.Where(s => s.Expected == BugKind.None).ToList();
            if (scenarios.Count == 0)
                throw new UsageException($"orders: {string.Join(" ", patterns)} matches only seeded bugs; orders judges scenarios that must pass");
            OutputPaths.Directory(configuration.OutputDirectory, "--outdir");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = new ProgressDisplay(console, parse.GetValue(noProgress)).Track("orders", update =>
                new OrderAnalysis(configuration, models, console.Interrupt, update is null ? null : p =>
                    update(p.Site, p.Sites, $"{(p.Sites > 0 ? $"site {p.Site} of {p.Sites}: " : "")}{p.Doing}  {p.Executions:N0} executions")).Run(scenarios));
            if (!report.Interrupted && report.Baselines.Any(b => b.Passed) && report.Sites.Count == 0)
                throw new UsageException($"orders: the scenarios matching {string.Join(" ", patterns)} reach no atomic access or fence: nothing to weaken");
            // Printed once the analysis is done, so that input with nothing to judge is one error line and nothing else.
            var o = console.Out;
            o.WriteLine($"orders    {string.Join(" ", patterns)}");
            o.WriteLine($"memory    {Models(models)}");
            o.WriteLine($"explored  {OrdersTable.Exploration(configuration)}");
            int skipped = matched.Count - scenarios.Count;
            if (skipped > 0) o.WriteLine($"skipped   {skipped} seeded-bug scenario{(skipped == 1 ? "" : "s")} (their verdict is a bug already)");
            o.WriteLine();
            OrdersTable.Write(o, report);
            console.Timing.WriteLine($"timing    {clock.Elapsed.TotalSeconds:F1}s");
            if (report.Interrupted)
            {
                o.WriteLine("interrupted by Ctrl-C: the rows above are the sites judged so far");
                return CommandLine.Interrupted;
            }
            if (report.Baselines.All(b => !b.Passed))
            {
                CommandLine.Fail(console.Error, $"orders: no scenario matching {string.Join(" ", patterns)} passes as declared under {models[0].ToName()}: nothing to judge");
                return CommandLine.Failed;
            }
            return CommandLine.Ok;
        });
        return command;
    }

    static string Models(MemoryModel[] models) => models.Length == 1
        ? models[0].ToName()
        : $"{models[0].ToName()}; a step that breaks there also runs under {models[1].ToName()} (sampled) where x86-TSO runs it differently (a seq_cst store or fence made weaker)";
}
