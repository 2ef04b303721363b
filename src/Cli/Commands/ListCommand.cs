using System.CommandLine;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck list [ASSEMBLY.dll] [PATTERN...] [--coyote]`: scenarios, their expected verdicts, whether
/// they also run under Coyote (`coyote`) or need the native engine (`native-only`: a weak memory model
/// or the race detector), and their descriptions. `--coyote` prints why instead of the description.
/// </summary>
public static class ListCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var arguments = new Argument<string[]>("scenarios") { Arity = ArgumentArity.ZeroOrMore, Description = "[ASSEMBLY.dll] then scenario names or globs" };
        var coyote = new Option<bool>("--coyote") { Description = "say why a scenario does or does not run under Coyote (sc without race detection)" };
        var command = new Command("list", "list scenarios with their expected verdicts and whether they run under Coyote") { arguments, coyote };
        command.SetAction(parse =>
        {
            var (assembly, patterns) = ScenarioSource.SplitArguments(parse.GetValue(arguments) ?? []);
            var scenarios = ScenarioSource.Select(ScenarioSource.Load(assembly), patterns);
            bool reasons = parse.GetValue(coyote);
            int width = scenarios.Max(s => s.Name.Length);
            foreach (var s in scenarios)
            {
                var whyNot = HostedExecution.WhyNotApplicable(s);
                var engines = whyNot is null ? "coyote" : "native-only";
                var text = !reasons ? s.Description : whyNot ?? "runs under Coyote: its verdict holds under sc without race detection";
                console.Out.WriteLine($"{s.Name.PadRight(width)}  {s.ExpectedName,-16}  {engines,-11}  {text}".TrimEnd());
            }
            return CommandLine.Ok;
        });
        return command;
    }
}
