using ModelCheck.Engine;
using ModelCheck.Models.Litmus;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// The litmus part of `modelcheck bench`: exhaustive exploration of SB and IRIW under each memory model,
/// in executions per second (median of the runs), with the size of each space.
/// </summary>
static class LitmusBench
{
    public static void Run(TextWriter o, int runs)
    {
        o.WriteLine($"bench: litmus, exhaustive dfs, {runs} runs each, median");
        o.WriteLine($"{"test",-16}{"memory",8}{"executions",12}{"executions/s",14}{"verdict",11}");
        foreach (var name in new[] { "SB", "IRIW" })
        {
            var test = LitmusCatalogue.Find(name)!;
            foreach (var model in Enum.GetValues<MemoryModel>())
            {
                var results = Enumerable.Range(0, runs).Select(_ => LitmusExplorer.Run(test, model)).ToList();
                var median = results.OrderBy(PerSecond).ElementAt(runs / 2);
                o.WriteLine($"{name,-16}{model.ToName(),8}{median.Executions,12:N0}{PerSecond(median),14:N0}{median.Verdict.ToName(),11}");
            }
        }
    }

    static double PerSecond(LitmusResult r) => r.Executions / Math.Max(r.Elapsed.TotalSeconds, 1e-9);
}
