using System.Text;

namespace ModelCheck.Tests.Unit.Linearizability;

/// <summary>
/// The checker's budget: a history of many operations that all overlap has exponentially many orders,
/// and one that no order explains makes the search try them all. The probe's 41-operation history ran
/// past 60 s and 792 MB; now the search stops at its budget with the verdict unknown, exit 3.
/// </summary>
public sealed class SearchBudgetTests
{
    /// <summary>
    /// <paramref name="count"/> register operations by as many clients, all called before any returns:
    /// distinct writes, reads of values written, and one read of a value nothing wrote.
    /// </summary>
    static string Overlapping(int count)
    {
        var json = new StringBuilder("{\"spec\": \"register\", \"operations\": [");
        for (int i = 0; i < count; i++)
        {
            var (op, args, result) = i == count - 1 ? ("read", "", "-1")
                : i % 2 == 0 ? ("write", (i + 1).ToString(), "null")
                : ("read", "", i.ToString());
            json.Append(i > 0 ? ", " : "").Append($"{{\"client\": {i}, \"op\": \"{op}\", \"args\": [{args}], \"call\": {i}, \"return\": {1000 + i}, \"result\": {result}}}");
        }
        return json.Append("]}").ToString();
    }

    [Fact]
    public void Forty_one_overlapping_operations_are_unknown_when_the_time_runs_out()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("linearizable", dir.File("h.json", Overlapping(41)), "--timeout", "1");
        Assert.True(outcome.Exit == 3, outcome.ToString());
        Assert.StartsWith("unknown: the time budget of 1s ran out before a verdict (41 operations in 1 independent part, ", outcome.Out);
    }

    [Fact]
    public void The_search_stops_when_its_memory_budget_runs_out()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("linearizable", dir.File("h.json", Overlapping(66)), "--max-memory", "1");
        Assert.True(outcome.Exit == 3, outcome.ToString());
        Assert.StartsWith("unknown: the memory budget of 1 MB ran out before a verdict", outcome.Out);
    }

    [Fact]
    public void A_small_history_still_gets_its_verdict_within_the_budget()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("linearizable", dir.File("h.json", Overlapping(9)), "--timeout", "60");
        Assert.True(outcome.Exit == 1, outcome.ToString());
        Assert.StartsWith("not linearizable", outcome.Out);
    }

    [Theory]
    [InlineData("{\"client\": 0, \"op\": \"write\", \"args\": [1], \"call\": 1, \"return\": 5}, {\"client\": 0, \"op\": \"read\", \"args\": [], \"call\": 3, \"return\": 7, \"result\": 1}",
        "operation 1 (read): client 0 calls it at 3 while its operation 0 (write) runs until 5 (a client is sequential)")]
    [InlineData("{\"client\": 2, \"op\": \"write\", \"args\": [1], \"call\": 1, \"return\": null}, {\"client\": 2, \"op\": \"read\", \"args\": [], \"call\": 9, \"return\": 10, \"result\": 1}",
        "operation 1 (read): client 2 calls it at 9 while its operation 0 (write) never returned (a client is sequential)")]
    public void A_client_with_two_overlapping_operations_is_rejected(string operations, string message)
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("linearizable", dir.File("h.json", $"{{\"spec\": \"register\", \"operations\": [{operations}]}}"));
        Assert.True(outcome.Exit == 2, outcome.ToString());
        Assert.EndsWith(message, Assert.Single(outcome.ErrLines));
    }

    [Fact]
    public void Back_to_back_operations_of_one_client_are_sequential()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.Run("linearizable", dir.File("h.json",
            "{\"spec\": \"register\", \"operations\": [{\"client\": 0, \"op\": \"write\", \"args\": [1], \"call\": 1, \"return\": 5, \"result\": null}, "
            + "{\"client\": 0, \"op\": \"read\", \"args\": [], \"call\": 5, \"return\": 7, \"result\": 1}]}"));
        Assert.True(outcome.Exit == 0, outcome.ToString());
    }
}
