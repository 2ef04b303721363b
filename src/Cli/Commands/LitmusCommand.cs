using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelCheck.Engine;
using ModelCheck.Models.Litmus;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck litmus FILE... [--catalogue] [--memory sc|tso|ra] [--json] [--explain [--html OUT.html]]`: explores each
/// litmus test exhaustively under the memory model given (all three when none is) and prints the outcomes
/// with their counts, whether the exploration was complete, and the verdict of the test's condition.
/// With --html, the execution --explain finds (of one test under one model) is drawn as an HTML page:
/// the lanes with reads-from, modification-order and from-read arrows, and the memory at every step.
/// Exit 1 when a verdict differs from the published one the test states; 2 for a malformed file; 3 when a verdict is
/// unknown (the budget ran out before the exploration was complete and nothing satisfied the condition).
/// </summary>
public static class LitmusCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.ZeroOrMore, Description = "litmus test files (JSON: one test or an array)" };
        var catalogue = new Option<bool>("--catalogue") { Description = "also run the built-in catalogue of standard tests" };
        var memory = new Option<string?>("--memory") { Description = "sc, tso or ra (default: all three)" };
        var json = new Option<bool>("--json") { Description = "print the results as JSON" };
        var explain = new Option<bool>("--explain") { Description = "for an allowed condition, print one execution that satisfies it" };
        var timeout = CheckedOptions.Integer("--timeout", "seconds each test may explore for under each model (default: no limit)", 1);
        var maxExecutions = CheckedOptions.Integer("--max-executions", $"executions each test may explore under each model (default {LitmusExplorer.ExecutionBudget:N0})", 1);
        var html = new Option<string?>("--html") { Description = "with --explain, draw the execution that satisfies the condition as a self-contained HTML page (one test, one --memory)" };
        var command = new Command("litmus", "explore litmus tests exhaustively under a memory model") { files, catalogue, memory, json, explain, html, timeout, maxExecutions };
        command.SetAction(parse =>
        {
            var tests = new List<LitmusTest>();
            foreach (var file in parse.GetValue(files) ?? [])
            {
                if (!File.Exists(file) && !Directory.Exists(file)) throw new UsageException($"litmus file not found: {ErrorText.Path(file)}");
                tests.AddRange(LitmusParser.Load(file));
            }
            if (parse.GetValue(catalogue)) tests.AddRange(LitmusCatalogue.All);
            if (tests.Count == 0) throw new UsageException("litmus: give one or more litmus files, or --catalogue");
            var models = ExplorationOptions.MemoryOption(parse.GetValue(memory)) is { } m ? [m] : Enum.GetValues<MemoryModel>();
            bool withExplanation = parse.GetValue(explain);
            var htmlPath = parse.GetValue(html);
            if (htmlPath is not null)
            {
                if (!withExplanation) throw new UsageException("litmus: --html draws the execution --explain finds: give --explain too");
                if (tests.Count * models.Length != 1)
                    throw new UsageException($"litmus: --html draws one execution, but {tests.Count} test(s) under {models.Length} model(s) were asked for: give one test and --memory");
                OutputPaths.File(htmlPath, "--html");
            }
            var budget = new LitmusBudget(parse.GetValue(maxExecutions) ?? LitmusExplorer.ExecutionBudget, parse.GetValue(timeout), console.Interrupt);
            var results = new List<(LitmusResult Result, string? Explanation)>();
            foreach (var test in tests)
                foreach (var model in models)
                {
                    var result = LitmusExplorer.Run(test, model, budget);
                    var replay = withExplanation && result.Verdict == LitmusVerdict.Allowed ? LitmusExplorer.Explain(test, model) : null;
                    results.Add((result, replay is null ? null : StepTable.Render(replay)));
                    if (htmlPath is not null)
                    {
                        if (replay is null) console.Error.WriteLine($"litmus: --html: no execution of {test.Name} under {model.ToName()} satisfies the condition; nothing drawn");
                        else AtomicFile.Write(htmlPath, Page(result, replay));
                    }
                    console.Timing.WriteLine($"timing {test.Name} {model.ToName()}: {Seconds(result.Elapsed)}, {result.Executions / Math.Max(result.Elapsed.TotalSeconds, 1e-9):F0} executions/s");
                }
            if (parse.GetValue(json)) WriteJson(console.Out, results);
            else WriteText(console.Out, results, withExplanation);
            // A contradicted published verdict is news; an unknown one (the budget ran out) is not a verdict at all.
            return !results.All(r => r.Result.MatchesExpectation) ? CommandLine.Failed
                : console.Interrupt.StopRequested ? CommandLine.Interrupted
                : results.Any(r => r.Result.Verdict == LitmusVerdict.Unknown) ? CommandLine.Unknown
                : CommandLine.Ok;
        });
        return command;
    }

    /// <summary>The explaining execution as a page: the test, the model and the outcome it produces instead of a bug (the gallery draws its litmus witnesses with it too).</summary>
    internal static string Page(LitmusResult result, ReplayResult replay)
    {
        var outcome = result.Outcomes.First(o => o.Satisfies).Text;
        var names = replay.Recording.TaskNames;
        return HtmlReport.RenderExecution(replay, $"{result.Test.Name} under {result.Memory.ToName()}: {outcome}",
        [
            ("test", result.Test.Name),
            ("memory", result.Memory.ToName()),
            ("condition", $"exists ({result.Test.ConditionText}): {result.Verdict.ToName()}, {result.Executions} executions explored{(result.Complete ? ", complete" : "")}"),
            ("outcome", $"{replay.Trace.Bug.Message.Replace("litmus: ", "")}, at the end of this execution"),
            ("steps", $"{replay.Result.Steps}, {replay.Trace.Choices.Count} choices"),
            ("threads", string.Join(", ", names.Skip(1))),
        ], "outcome");
    }

    static void WriteText(TextWriter o, List<(LitmusResult Result, string? Explanation)> results, bool explain)
    {
        foreach (var (r, explanation) in results)
        {
            var published = r.Expected is { } e ? (e == r.Verdict || r.Verdict == LitmusVerdict.Unknown ? $"  (published: {e.ToName()})" : $"  MISMATCH (published: {e.ToName()})") : "";
            o.WriteLine($"{r.Test.Name} under {r.Memory.ToName()}: {r.Verdict.ToName()}{published}");
            o.WriteLine($"  condition  exists ({r.Test.ConditionText})");
            o.WriteLine($"  explored   {r.Executions} executions, {(r.Complete ? "complete"
                : r.Verdict == LitmusVerdict.Unknown ? "incomplete: the budget ran out before a verdict (forbidden needs every execution)"
                : "incomplete: the budget ran out")}");
            int width = r.Outcomes.Select(x => x.Text.Length).DefaultIfEmpty(0).Max();
            for (int i = 0; i < r.Outcomes.Count; i++)
            {
                var x = r.Outcomes[i];
                o.WriteLine($"  {(i == 0 ? "outcomes" : ""),-9}  {x.Text.PadRight(width)}  {x.Count,8}{(x.Satisfies ? "  <- satisfies the condition" : "")}");
            }
            if (explain)
            {
                if (explanation is null) o.WriteLine("  explain    nothing to explain: no execution satisfies the condition");
                else
                {
                    o.WriteLine("  explain    one execution that satisfies the condition:");
                    foreach (var line in explanation.TrimEnd('\n').Split('\n')) o.WriteLine(("    " + line).TrimEnd());
                }
            }
            o.WriteLine();
        }
    }

    static void WriteJson(TextWriter o, List<(LitmusResult Result, string? Explanation)> results)
    {
        var array = new JsonArray();
        foreach (var (r, explanation) in results)
        {
            var item = new JsonObject
            {
                ["name"] = r.Test.Name,
                ["memory"] = r.Memory.ToName(),
                ["verdict"] = r.Verdict.ToName(),
                ["complete"] = r.Complete,
                ["executions"] = r.Executions,
                ["outcomes"] = new JsonArray(r.Outcomes.Select(x => (JsonNode)new JsonObject
                {
                    ["outcome"] = x.Text,
                    ["count"] = x.Count,
                    ["satisfies"] = x.Satisfies,
                }).ToArray()),
            };
            if (r.Expected is { } e) item["expected"] = e.ToName();
            if (explanation is not null) item["explanation"] = explanation;
            array.Add(item);
        }
        // Relaxed escaping keeps test names such as "2+2W" readable; the output is never embedded in HTML.
        o.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + "s";
}
