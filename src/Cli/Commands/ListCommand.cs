using System.CommandLine;

namespace ModelCheck.Cli.Commands;

/// <summary>`modelcheck list [ASSEMBLY.dll] [PATTERN...]`: scenarios, their expected verdicts and descriptions.</summary>
public static class ListCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var arguments = new Argument<string[]>("scenarios") { Arity = ArgumentArity.ZeroOrMore, Description = "[ASSEMBLY.dll] then scenario names or globs" };
        var command = new Command("list", "list scenarios with their expected verdicts") { arguments };
        command.SetAction(parse =>
        {
            var (assembly, patterns) = ScenarioSource.SplitArguments(parse.GetValue(arguments) ?? []);
            var scenarios = ScenarioSource.Select(ScenarioSource.Load(assembly), patterns);
            int width = scenarios.Max(s => s.Name.Length);
            foreach (var s in scenarios)
                console.Out.WriteLine($"{s.Name.PadRight(width)}  {s.ExpectedName,-16}  {s.Description}".TrimEnd());
            return CommandLine.Ok;
        });
        return command;
    }
}
